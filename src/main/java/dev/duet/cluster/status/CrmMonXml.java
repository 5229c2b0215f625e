package dev.duet.cluster.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Parses {@code crm_mon --output-as=xml} (Pacemaker 2.x, root {@code <pacemaker-result>}; also the 1.1
 * {@code crm_mon --as-xml} root {@code <crm_mon>}). The JDK's DOM, not Jackson's XML binding: crm_mon's
 * document is read-only input made of attributes on a few element kinds whose children mix
 * ({@code <resources>} holds resource, clone, group and bundle in any order), which a tree walk reads
 * directly while data binding would need a class per element and custom handling of the mixed lists.
 * DOCTYPEs are refused, so no entity is ever expanded.
 */
public final class CrmMonXml {
    private CrmMonXml() {
    }

    public static ClusterStatus parse(String xml) {
        Element root = document(xml).getDocumentElement();
        if (!root.getTagName().equals("pacemaker-result") && !root.getTagName().equals("crm_mon")) {
            throw new ClusterStatusParseException("expected crm_mon --output-as=xml (<pacemaker-result>), got <"
                    + root.getTagName() + ">");
        }
        Element status = child(root, "status");
        if (status != null && !"0".equals(status.getAttribute("code")) && child(root, "summary") == null) {
            List<String> errors = new ArrayList<>();
            Element errs = child(status, "errors");
            for (Element e : children(errs, "error")) {
                errors.add(e.getTextContent().strip());
            }
            String msg = status.getAttribute("message") + (errors.isEmpty() ? "" : ": " + String.join("; ", errors));
            return ClusterStatus.notRunning(msg);
        }
        Element summary = child(root, "summary");
        Element dc = child(summary, "current_dc");
        Element stack = child(summary, "stack");
        Element options = child(summary, "cluster_options");
        boolean dcPresent = dc != null && bool(dc, "present");
        return new ClusterStatus(true, null,
                stack == null ? null : attr(stack, "type"),
                dcPresent ? attr(dc, "name") : null,
                dcPresent && bool(dc, "with_quorum"),
                options == null || !options.hasAttribute("stonith-enabled") ? null : bool(options, "stonith-enabled"),
                members(child(root, "nodes")),
                CrmMonResources.parse(child(root, "resources")),
                failures(child(root, "failures")));
    }

    private static List<ClusterMember> members(Element nodes) {
        List<ClusterMember> out = new ArrayList<>();
        for (Element n : children(nodes, "node")) {
            out.add(new ClusterMember(attr(n, "name"), attr(n, "id"), bool(n, "online"), bool(n, "standby"),
                    bool(n, "maintenance"), bool(n, "pending"), bool(n, "unclean"), bool(n, "shutdown"),
                    bool(n, "is_dc")));
        }
        return out;
    }

    private static List<FailedAction> failures(Element failures) {
        List<FailedAction> out = new ArrayList<>();
        for (Element f : children(failures, "failure")) {
            int code;
            try {
                code = Integer.parseInt(f.getAttribute("exitcode"));
            } catch (NumberFormatException e) {
                code = -1;
            }
            out.add(new FailedAction(attr(f, "op_key"), attr(f, "node"), attr(f, "task"), attr(f, "exitstatus"),
                    code, attr(f, "exitreason"), attr(f, "status"), attr(f, "last-rc-change")));
        }
        return out;
    }

    private static Document document(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            String first = xml.strip().lines().findFirst().orElse("");
            throw new ClusterStatusParseException("expected crm_mon --output-as=xml, got "
                    + (first.isEmpty() ? "nothing" : "`" + abbreviate(first) + "`") + " (" + e.getMessage() + ")");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    static Element child(Element parent, String tag) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (tag == null || e.getTagName().equals(tag))) {
                out.add(e);
            }
        }
        return out;
    }

    static String attr(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    static boolean bool(Element e, String name) {
        return "true".equalsIgnoreCase(e.getAttribute(name)) || "1".equals(e.getAttribute(name));
    }
}
