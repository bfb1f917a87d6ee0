package org.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlPagesTest {

    @Test
    void escapeReplacesEveryCharacterThatCanEndTextOrAnAttribute() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;",
                HtmlPages.escape("<a href=\"x\" title='y'>Tom & Jerry</a>"));
    }

    @Test
    void escapeLeavesOtherTextAlone() {
        assertEquals("@alice:example.org ünïcode", HtmlPages.escape("@alice:example.org ünïcode"));
    }

    @Test
    void documentEscapesTitleAndAssetPaths() {
        String html = HtmlPages.document("<T>", "/a\"b.css", "/c'd.js", "<p>body</p>\n");

        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html);
        assertTrue(html.contains("<title>&lt;T&gt;</title>"), html);
        assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/a&quot;b.css\">"), html);
        assertTrue(html.contains("<script src=\"/c&#39;d.js\"></script>"), html);
        assertTrue(html.contains("<main>\n<p>body</p>\n</main>"), html);
    }

    @Test
    void pageCarriesTheStrictPolicy() {
        var response = HtmlPages.page(404, "<p>x</p>");

        assertEquals(404, response.getStatus());
        assertEquals("text/html; charset=utf-8", response.getHeaderString("Content-Type"));
        assertEquals("default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self'; connect-src 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'", response.getHeaderString("Content-Security-Policy"));
    }
}
