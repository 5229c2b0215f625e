package dev.duet.cluster.cib;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Reads CIB XML ({@code cibadmin --query --scope configuration}) into {@link CibNode}s with the JDK's
 * DOM. No Jackson XML binding: the CIB is a generic tree (resources mix primitive, clone and group
 * elements; every set holds nvpairs) that the comparison walks generically, so binding classes would
 * add a dependency and start-up cost without making the code shorter. DOCTYPEs are refused, so no
 * entity is ever expanded.
 */
public final class CibXml {
    private CibXml() {
    }

    /** The root element of {@code xml}; throws {@link IllegalArgumentException} saying what it got. */
    public static CibNode parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Element root = b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            return node(root);
        } catch (Exception e) {
            String first = xml.strip().lines().findFirst().orElse("");
            throw new IllegalArgumentException("expected CIB XML, got " + (first.isEmpty() ? "nothing"
                    : "`" + (first.length() > 80 ? first.substring(0, 77) + "..." : first) + "`")
                    + " (" + e.getMessage() + ")");
        }
    }

    static CibNode node(Element e) {
        Map<String, String> attrs = new LinkedHashMap<>();
        NamedNodeMap map = e.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr a = (Attr) map.item(i);
            attrs.put(a.getName(), a.getValue());
        }
        List<CibNode> children = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                children.add(node(c));
            }
        }
        return new CibNode(e.getTagName(), attrs, children);
    }
}
