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
 * Bean Validation runs only where Gatehouse asks for it, in {@link JsonRequestReader}: executable
 * validation is off ({@code META-INF/validation.xml}; with it on, the runtime validates every
 * resource method's parameters and return value on every request, docs/benchmarks.md, section 17)
 * and so is the validation of entities on write ({@code META-INF/persistence.xml}).
 */
class ValidationConfigTest {

    private static final String NS = "https://jakarta.ee/xml/ns/validation/configuration";
    private static final String PERSISTENCE_NS = "https://jakarta.ee/xml/ns/persistence";

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

    /**
     * The persistence unit validates no entity on write: no entity has constraints, and on WildFly
     * that validation, reached from a startup observer that inserts a row, deadlocked a deployment
     * against the server's own start of the CDI {@code ValidatorFactory} (seen in CI).
     */
    @Test
    void entitiesAreNotValidatedOnWrite() throws Exception {
        Element unit = (Element) read("META-INF/persistence.xml").getElementsByTagNameNS(PERSISTENCE_NS, "persistence-unit").item(0);
        NodeList mode = unit.getElementsByTagNameNS(PERSISTENCE_NS, "validation-mode");
        assertEquals(1, mode.getLength());
        assertEquals("NONE", mode.item(0).getTextContent().trim());
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
