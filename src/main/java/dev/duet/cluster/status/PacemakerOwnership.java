package dev.duet.cluster.status;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Node;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Whether Pacemaker manages a DRBD resource on this node: the CIB Pacemaker keeps on disk
 * ({@value #CIB_FILE}) holds an {@code ocf:linbit:drbd} primitive whose {@code drbd_resource} is it.
 * Read from disk, not from the running cluster, because the question matters most when Pacemaker is
 * stopped on this node: then it is Pacemaker, started again, that must bring DRBD up, not Duet behind
 * its back. No file means no cluster was ever configured here; a file that cannot be read or parsed is
 * unknown, which throws (and so refuses).
 */
public final class PacemakerOwnership {
    public static final String CIB_FILE = "/var/lib/pacemaker/cib/cib.xml";

    private PacemakerOwnership() {
    }

    public static boolean managesDrbd(Node node, String resource) {
        Optional<byte[]> cib = node.readFile(CIB_FILE);
        if (cib.isEmpty()) {
            return false;
        }
        String xml = new String(cib.get(), StandardCharsets.UTF_8);
        Element root;
        try {
            root = SafeXml.parse(xml).getDocumentElement();
        } catch (Exception e) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": cannot tell whether Pacemaker manages " + resource
                    + ": " + CIB_FILE + " is not readable XML (" + e.getMessage() + ")");
        }
        NodeList primitives = root.getElementsByTagName("primitive");
        for (int i = 0; i < primitives.getLength(); i++) {
            Element p = (Element) primitives.item(i);
            if ("ocf".equals(p.getAttribute("class")) && "linbit".equals(p.getAttribute("provider"))
                    && "drbd".equals(p.getAttribute("type")) && names(p, resource)) {
                return true;
            }
        }
        return false;
    }

    private static boolean names(Element primitive, String resource) {
        NodeList pairs = primitive.getElementsByTagName("nvpair");
        for (int i = 0; i < pairs.getLength(); i++) {
            Element nv = (Element) pairs.item(i);
            if ("drbd_resource".equals(nv.getAttribute("name")) && resource.equals(nv.getAttribute("value"))) {
                return true;
            }
        }
        return false;
    }
}
