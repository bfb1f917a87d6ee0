package org.gatehouse.http;

import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The few HTML pages Gatehouse serves to browsers (the spec's login and User-Interactive
 * Authentication fallbacks): one document skeleton, HTML escaping, and responses that carry a
 * strict Content-Security-Policy. Scripts and stylesheets are separate files served from the
 * application itself ({@link #asset}); pages never contain inline script or style.
 */
public final class HtmlPages {

    /** Only the server's own scripts, styles, form targets and fetches; never framed. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "form-action 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** The Content-Type of every page. */
    public static final String HTML_UTF8 = "text/html; charset=utf-8";

    private HtmlPages() {
    }

    /** {@code text} with {@code & < > " '} replaced by character references, safe in element content and quoted attributes. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * A complete English document.
     *
     * @param title      the page title, plain text (escaped here)
     * @param stylesheet absolute path of the stylesheet, plain text (escaped here)
     * @param script     absolute path of a script loaded at the end of the body, or {@code null}
     * @param bodyHtml   the content of {@code <main>}, already safe HTML
     */
    public static String document(String title, String stylesheet, String script, String bodyHtml) {
        StringBuilder html = new StringBuilder(1024)
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(escape(stylesheet)).append("\">\n")
                .append("</head>\n<body>\n<main>\n").append(bodyHtml).append("</main>\n");
        if (script != null) {
            html.append("<script src=\"").append(escape(script)).append("\"></script>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /**
     * A page response: UTF-8 HTML with the Content-Security-Policy, never cached (pages may name a
     * session) and never sending a referrer. The entity is bytes, not a string, so that no JAX-RS
     * runtime rewrites it (RESTEasy escapes {@code text/html} string entities of 400 responses).
     */
    public static Response page(int status, String html) {
        return Response.status(status)
                .header("Content-Type", HTML_UTF8)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .entity(html.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /**
     * A static file shipped next to {@code owner}'s class file (e.g. {@code login.js} beside
     * {@code org/gatehouse/login/LoginFallbackResource.class}).
     *
     * @param contentType the full Content-Type, e.g. {@code text/javascript; charset=utf-8}
     * @throws IllegalStateException when the file is not in the application
     */
    public static Response asset(Class<?> owner, String name, String contentType) {
        byte[] bytes;
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing static asset " + name + " beside " + owner.getName());
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(bytes)
                .header("Content-Type", contentType)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "public, max-age=300")
                .build();
    }
}
