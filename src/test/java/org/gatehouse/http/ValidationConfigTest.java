package org.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The deployment's {@code META-INF/validation.xml} turns executable validation off: request bodies
 * are validated by {@link JsonRequestReader}, and with executable validation on the runtime validates
 * every resource method's parameters and return value on every request (docs/benchmarks.md, section 17).
 */
class ValidationConfigTest {

    private static final String NS = "https://jakarta.ee/xml/ns/validation/configuration";

    @Test
    void executableValidationIsOff() throws Exception {
        Document config = read("META-INF/validation.xml");
        Element root = config.getDocumentElement();
        assertEquals(NS, root.getNamespaceURI());
        assertEquals("validation-config", root.getLocalName());
        NodeList executable = root.getElementsByTagNameNS(NS, "executable-validation");
        assertEquals(1, executable.getLength());
        assertEquals("false", ((Element) executable.item(0)).getAttribute("enabled"));
    }

    private static Document read(String resource) throws Exception {
        try (InputStream in = ValidationConfigTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is missing");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in);
        }
    }
}
