package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code duet inventory --list} against what {@code ansible-inventory --list [--yaml]} prints for the same
 * inventory (json.dumps sort_keys/indent=4; yaml.dump block style, sorted keys; all's first child is
 * ungrouped; empty sections left out; host variables once, where the host first appears).
 */
class InventoryCommandTest {
    @TempDir
    Path dir;

    private Path inventory() throws IOException {
        Path inv = dir.resolve("hosts.ini");
        Files.writeString(inv, """
                lonely ansible_host=10.0.0.9
                [web]
                web[1:2] http_port=80
                [db]
                db1
                [prod:children]
                web
                db
                [all:vars]
                ntp=ntp.example.com
                """);
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/web.yml"), "tier: front\nversion: '12.5'\n");
        return inv;
    }

    @Test
    void listIsAnsibleInventoryListJson() throws IOException {
        CliRun run = CliRun.of("inventory", "--list", "-i", inventory().toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                {
                    "_meta": {
                        "hostvars": {
                            "db1": {
                                "ntp": "ntp.example.com"
                            },
                            "lonely": {
                                "ansible_host": "10.0.0.9",
                                "ntp": "ntp.example.com"
                            },
                            "web1": {
                                "http_port": 80,
                                "ntp": "ntp.example.com",
                                "tier": "front",
                                "version": "12.5"
                            },
                            "web2": {
                                "http_port": 80,
                                "ntp": "ntp.example.com",
                                "tier": "front",
                                "version": "12.5"
                            }
                        }
                    },
                    "all": {
                        "children": [
                            "ungrouped",
                            "prod"
                        ]
                    },
                    "db": {
                        "hosts": [
                            "db1"
                        ]
                    },
                    "prod": {
                        "children": [
                            "web",
                            "db"
                        ]
                    },
                    "ungrouped": {
                        "hosts": [
                            "lonely"
                        ]
                    },
                    "web": {
                        "hosts": [
                            "web1",
                            "web2"
                        ]
                    }
                }
                """);
    }

    @Test
    void listYamlIsAnsibleInventoryListYaml() throws IOException {
        CliRun run = CliRun.of("inventory", "--list", "--yaml", "-i", inventory().toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                all:
                  children:
                    prod:
                      children:
                        db:
                          hosts:
                            db1:
                              ntp: ntp.example.com
                        web:
                          hosts:
                            web1:
                              http_port: 80
                              ntp: ntp.example.com
                              tier: front
                              version: '12.5'
                            web2:
                              http_port: 80
                              ntp: ntp.example.com
                              tier: front
                              version: '12.5'
                    ungrouped:
                      hosts:
                        lonely:
                          ansible_host: 10.0.0.9
                          ntp: ntp.example.com
                """);
    }

    @Test
    void hostPrintsOneHostsVariables() throws IOException {
        CliRun run = CliRun.of("inventory", "--host", "lonely", "-i", inventory().toString());
        assertThat(run.out()).isEqualTo("{\n    \"ansible_host\": \"10.0.0.9\",\n    \"ntp\": \"ntp.example.com\"\n}\n");
    }

    /** As {@code ansible-inventory -i hosts.ini -i more/hosts --host web1} printed it (several -i read as one). */
    @Test
    void severalInventoryOptionsAreReadInOrderIntoOne() throws IOException {
        Path more = dir.resolve("more/hosts");
        Files.createDirectories(more.getParent());
        Files.writeString(more, "[web]\nweb1 http_port=8080\nweb3\n[all:vars]\nntp=ntp2.example.com\n");

        CliRun run = CliRun.of("inventory", "--host", "web1", "-i", inventory().toString(), "--inventory", more.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                {
                    "http_port": 8080,
                    "ntp": "ntp2.example.com",
                    "tier": "front",
                    "version": "12.5"
                }
                """);
    }

    /** As {@code ansible-inventory -i node1,node2:2222, --host node2} printed it (ansible-recorded/host-list). */
    @Test
    void aHostListIsReadAsAnsibleReadsOne() {
        CliRun run = CliRun.of("inventory", "--host", "node2", "-i", "node1,node2:2222,");
        CliRun range = CliRun.of("inventory", "--list", "-i", "node[1:2],");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("{\n    \"ansible_port\": 2222\n}\n");
        assertThat(range.exit()).isEqualTo(4);
        assertThat(range.err()).contains("node[1:2],:1:1: ", "host list", "does not expand ranges");
    }

    @Test
    void whatAnsibleWouldRejectExitsFourWithFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.ini");
        Files.writeString(bad, "[web]\nweb[01:2]\n");
        CliRun run = CliRun.of("inventory", "--list", "-i", bad.toString());
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err()).contains(bad + ":2:1: ", "zero-padded");
        assertThat(run.out()).isEmpty();
    }
}
