package dev.duet.cluster.cib;

import dev.duet.yaml.LocatedYaml;
import java.nio.file.Path;
import java.util.Map;

/** The cib task arguments that describe what {@code cibadmin_query__configured_by_crm} holds, in Duet's words. */
final class CibYamlFixture {
    static final String TEXT = """
            properties:
              stonith-enabled: true
              no-quorum-policy: freeze
            rsc_defaults:
              resource-stickiness: 100
            primitives:
              - id: sbd-fence
                agent: stonith:external/sbd
                params: {pcmk_delay_max: 15}
                ops: [{name: monitor, interval: 30s, timeout: 20s}]
              - id: drbd
                agent: ocf:linbit:drbd
                params: {drbd_resource: r0}
                ops:
                  - {name: monitor, interval: 20s, role: Promoted, timeout: 20s}
                  - {name: monitor, interval: 30s, role: Unpromoted, timeout: 20s}
                  - {name: start, timeout: 240s}
                  - {name: stop, timeout: 100s}
              - id: dlm
                agent: ocf:pacemaker:controld
                ops: [{name: monitor, interval: 60s, timeout: 60s}]
            clones:
              - id: drbd-clone
                resource: drbd
                meta: {promotable: true, promoted-max: 2, promoted-node-max: 1, clone-max: 2, notify: true, interleave: true}
              - id: dlm-clone
                resource: dlm
                meta: {interleave: true}
            orders:
              - {id: drbd-before-dlm, first: drbd-clone, first_action: promote, then: dlm-clone, then_action: start, kind: Mandatory}
            colocations:
              - {id: dlm-with-drbd, resource: dlm-clone, with: drbd-clone, with_role: Promoted}
            """;

    private CibYamlFixture() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> args(String text) {
        return (Map<String, Object>) LocatedYaml.parse(Path.of("site.yml"), text).toPlain();
    }

    static Map<String, Object> args() {
        return args(TEXT);
    }

    static CibSpec spec() {
        return CibSpecReader.strict(args(), null);
    }

    static CibSpec spec(String text) {
        return CibSpecReader.strict(args(text), null);
    }
}
