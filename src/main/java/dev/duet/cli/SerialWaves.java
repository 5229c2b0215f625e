package dev.duet.cli;

import dev.duet.error.InputException;
import dev.duet.inventory.Host;
import dev.duet.playbook.Play;
import dev.duet.playbook.Playbook;
import dev.duet.playbook.Serial;
import dev.duet.step.Args;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code serial} on an inventory of many pairs ({@link PairScopes}): each pair runs the whole playbook as a
 * run of its own, so the batches are waves of whole pairs. The batch sizes are Ansible's, counted over
 * every pair's hosts in inventory order ({@code serial: 2} rolls one pair at a time, {@code 50%} half the
 * hosts); a size that would put a pair's two nodes in different batches is refused, naming the pair. Since
 * a pair runs every play in one go, the plays must agree on {@code serial}.
 */
final class SerialWaves {
    private SerialWaves() {
    }

    /** The pairs' names, wave by wave; one wave holding every pair when no play has serial. */
    static List<List<String>> of(Playbook playbook, List<PairScopes.Scope> scopes, Set<String> limit) {
        Serial serial = agreed(playbook);
        List<String> names = scopes.stream().map(PairScopes.Scope::name).toList();
        if (serial == null) {
            return List.of(names);
        }
        Map<String, String> pairOf = new HashMap<>();
        Map<String, List<String>> hostsOf = new LinkedHashMap<>();
        List<String> hosts = new ArrayList<>();
        for (PairScopes.Scope scope : scopes) {
            List<String> kept = scope.inventory().hosts().values().stream().map(Host::name)
                    .filter(h -> limit == null || limit.contains(h)).toList();
            kept.forEach(h -> pairOf.put(h, scope.name()));
            hostsOf.put(scope.name(), kept);
            hosts.addAll(kept);
        }
        List<List<String>> waves = new ArrayList<>();
        for (List<String> batch : serial.batches(hosts)) {
            List<String> wave = new ArrayList<>();
            for (String h : batch) {
                String pair = pairOf.get(h);
                if (!batch.containsAll(hostsOf.get(pair))) {
                    throw split(serial, pair, hostsOf.get(pair), batch);
                }
                if (!wave.contains(pair)) {
                    wave.add(pair);
                }
            }
            waves.add(wave);
        }
        if (waves.isEmpty()) {
            return List.of(names); // --limit left no pair a host: every pair shows "no hosts matched"
        }
        // a pair --limit left without hosts still shows its plays ("no hosts matched") in the first wave
        names.stream().filter(n -> hostsOf.get(n).isEmpty()).forEach(n -> waves.get(0).add(n));
        return waves;
    }

    /** The serial of every play; plays that differ are refused at the second one's keyword (or play). */
    private static Serial agreed(Playbook playbook) {
        List<Play> plays = playbook.plays();
        Serial first = plays.get(0).serial();
        for (Play p : plays) {
            Serial s = p.serial();
            if (!Objects.equals(s == null ? null : s.sizes(), first == null ? null : first.sizes())) {
                Args.Location at = s != null ? s.where() : p.where();
                Play with = s != null ? p : plays.stream().filter(x -> x.serial() != null).findFirst().orElseThrow();
                throw new InputException(at.file(), at.line(), at.column(), "play '" + p.name() + "' has "
                        + (s == null ? "no serial" : "serial: " + s) + ", play '" + with.name() + "' has serial: "
                        + with.serial() + "; on an inventory of many pairs each pair runs the whole playbook in one"
                        + " go, so every play must have the same serial (or none)");
            }
        }
        return first;
    }

    private static InputException split(Serial serial, String pair, List<String> pairHosts, List<String> batch) {
        Args.Location at = serial.where();
        return new InputException(at.file(), at.line(), at.column(), "serial: " + serial + " splits pair '" + pair
                + "' " + pairHosts + " across batches (a batch is " + batch + "): the DRBD, OCFS2 and cluster modules"
                + " act on both nodes of a pair at once; give serial whole pairs (serial: 2 rolls one pair at a time)");
    }
}
