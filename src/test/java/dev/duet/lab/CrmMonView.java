package dev.duet.lab;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The lab tests' own reading of {@code crm_mon --output-as=xml} (independent of Duet's parser, so a bug
 * there cannot hide one here): which nodes are online, and on which nodes the instances of a resource
 * agent run in which role, and the failed actions, each as "op_key on node: exit reason" (e.g.
 * "p-fs_monitor_30000 on node1: Resource agent did not complete within 1m30s").
 */
record CrmMonView(Set<String> online, List<Instance> instances, List<String> failures) {
    record Instance(String agent, String role, String node, boolean failed) {
    }

    static CrmMonView parse(String xml) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var start = xml.indexOf("<?xml") >= 0 ? xml.indexOf("<?xml") : Math.max(0, xml.indexOf("<pacemaker-result"));
            var doc = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.substring(start).getBytes(StandardCharsets.UTF_8)));
            Set<String> online = new TreeSet<>();
            NodeList nodes = doc.getElementsByTagName("node");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element n = (Element) nodes.item(i);
                if (n.getParentNode().getNodeName().equals("nodes") && "true".equals(n.getAttribute("online"))) {
                    online.add(n.getAttribute("name"));
                }
            }
            List<Instance> instances = new ArrayList<>();
            NodeList resources = doc.getElementsByTagName("resource");
            for (int i = 0; i < resources.getLength(); i++) {
                Element r = (Element) resources.item(i);
                NodeList on = r.getElementsByTagName("node");
                for (int j = 0; j < on.getLength(); j++) {
                    instances.add(new Instance(r.getAttribute("resource_agent"), r.getAttribute("role"),
                            ((Element) on.item(j)).getAttribute("name"), "true".equals(r.getAttribute("failed"))));
                }
            }
            List<String> failures = new ArrayList<>();
            NodeList failed = doc.getElementsByTagName("failure");
            for (int i = 0; i < failed.getLength(); i++) {
                Element f = (Element) failed.item(i);
                failures.add(f.getAttribute("op_key") + " on " + f.getAttribute("node") + ": " + f.getAttribute("exitreason"));
            }
            return new CrmMonView(online, instances, List.copyOf(failures));
        } catch (Exception e) {
            throw new AssertionError("crm_mon XML could not be read: " + e + "\n" + xml, e);
        }
    }

    /** How many failed actions crm_mon lists. */
    int failedActions() {
        return failures.size();
    }

    /** Nodes on which an instance of {@code agent} (e.g. {@code ocf:linbit:drbd}) runs in {@code role}. */
    Set<String> nodesIn(String agent, String role) {
        Set<String> out = new TreeSet<>();
        for (Instance i : instances) {
            if (i.agent().equals(agent) && i.role().equals(role) && !i.failed()) {
                out.add(i.node());
            }
        }
        return out;
    }

    /** Nodes running any STONITH resource, started. */
    Set<String> stonithStarted() {
        Set<String> out = new TreeSet<>();
        for (Instance i : instances) {
            if (i.agent().startsWith("stonith:") && i.role().equals("Started")) {
                out.add(i.node());
            }
        }
        return out;
    }

    /** The healthy protected pair: both online, DRBD Promoted, DLM and Filesystem Started on both, STONITH up, no failure. */
    boolean healthy(Set<String> pair) {
        return online.containsAll(pair)
                && nodesIn("ocf:linbit:drbd", "Promoted").containsAll(pair)
                && nodesIn("ocf:pacemaker:controld", "Started").containsAll(pair)
                && nodesIn("ocf:heartbeat:Filesystem", "Started").containsAll(pair)
                && !stonithStarted().isEmpty()
                && failures.isEmpty();
    }
}
