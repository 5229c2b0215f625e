package dev.duet.cluster.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/**
 * XML that a host printed (crm_mon, cibadmin), parsed with DOCTYPEs refused, so no entity is ever expanded
 * and nothing outside the text is read; errors are thrown, never printed by the parser.
 */
public final class SafeXml {
    private SafeXml() {
    }

    public static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** What an error says it got: the first line (cut at 80 characters) in backquotes, or "nothing". */
    public static String got(String xml) {
        String first = xml.strip().lines().findFirst().orElse("");
        return first.isEmpty() ? "nothing" : "`" + (first.length() > 80 ? first.substring(0, 77) + "..." : first) + "`";
    }
}
