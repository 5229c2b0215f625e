package dev.duet.cluster.cib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.playbook.PlaybookLoader;
import dev.duet.step.ModuleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad CIB descriptions stop the load (exit 4) at the line of the offending entry, before any host is contacted. */
class CibLoadValidationTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            - hosts: drbd_pair
              tasks:
                - name: Cluster configuration
                  run_once: true
                  cib:
                    properties: {stonith-enabled: true}
                    primitives:
                      - id: fence
                        agent: stonith:external/sbd
                      - id: drbd
                        agent: ocf:linbit:drbd
                        params: {drbd_resource: "{{ drbd_resource }}"}
            """;

    private void load(String text) throws IOException {
        Path f = dir.resolve("site.yml");
        Files.writeString(f, text);
        new PlaybookLoader(new ModuleRegistry().register(new CibModule())).load(f);
    }

    private String failure(String text) {
        InputException e = assertThrows(InputException.class, () -> load(text));
        assertThat(e.reason()).isEqualTo(Reason.INPUT);
        return e.getMessage().replace(dir.toString() + "/", "");
    }

    @Test
    void aGoodDescriptionWithTemplatedValuesLoads() throws IOException {
        load(HEAD + """
                        clones: [{id: drbd-clone, resource: drbd, meta: {promotable: true}}]
                        colocations: [{id: c, resource: drbd-clone, with: "{{ other }}"}]
                """);
    }

    @Test
    void anUnknownKeyIsNamedAtItsLine() {
        assertThat(failure(HEAD + """
                        clones:
                          - id: drbd-clone
                            resource: drbd
                            promoted_max: 2
                """)).isEqualTo("site.yml:16:13: cib: clones[0].promoted_max: unknown key 'promoted_max' (expected: id, meta, resource)");
    }

    @Test
    void aMissingIdIsNamedAtItsEntry() {
        assertThat(failure(HEAD + """
                        orders:
                          - first: drbd
                            then: fence
                """)).startsWith("site.yml:14:13: cib: orders[0]: missing 'id'");
    }

    @Test
    void aConstraintNamingAnUndefinedResourceIsRefused() {
        assertThat(failure(HEAD + """
                        colocations:
                          - id: fs-with-drbd
                            resource: fs-clone
                            with: drbd
                """)).isEqualTo("site.yml:15:13: cib: colocations[0].resource: 'fs-clone' is not a resource defined in this"
                + " task (primitives, groups, clones)");
    }

    @Test
    void aDuplicateIdABadAgentAndABadTimeAreRefused() {
        assertThat(failure(HEAD.replace("- id: drbd", "- id: fence"))).startsWith("site.yml:10:13: cib: primitives[1].id:"
                + " id 'fence' is already used at primitives[0].id");
        assertThat(failure(HEAD.replace("ocf:linbit:drbd", "linbit:drbd"))).startsWith("site.yml:11:13: cib:"
                + " primitives[1].agent: must be class:provider:type");
        assertThat(failure(HEAD + """
                        ops: [{name: monitor, interval: soon}]
                """)).isEqualTo("site.yml:13:9: unknown argument 'ops' for module 'cib' (expected: primitives, groups, clones,"
                + " orders, colocations, locations, properties, rsc_defaults, op_defaults, stonith, extra_resources)");
        assertThat(failure(HEAD.replace("params: {drbd_resource: \"{{ drbd_resource }}\"}",
                "ops: [{name: monitor, interval: soon}]"))).startsWith("site.yml:12:35: cib: primitives[1].ops[0].interval:"
                + " must be a time such as 20s");
    }

    @Test
    void missingOrDisabledStonithIsRefusedUnlessDisabledByName() throws IOException {
        assertThat(failure(HEAD.replace("          - id: fence\n            agent: stonith:external/sbd\n", "")))
                .startsWith("site.yml:7:9: cib: primitives: no STONITH resource");
        assertThat(failure(HEAD.replace("stonith-enabled: true", "stonith-enabled: false")))
                .startsWith("site.yml:6:22: cib: properties.stonith-enabled: STONITH is disabled");
        assertThat(failure(HEAD.replace("properties:", "stonith: disabled\n        properties:")))
                .startsWith("site.yml:6:9: cib: stonith: stonith: disabled needs properties: {stonith-enabled: false}");

        load(HEAD.replace("properties: {stonith-enabled: true}", "stonith: disabled\n        properties: {stonith-enabled: false}"));
    }
}
