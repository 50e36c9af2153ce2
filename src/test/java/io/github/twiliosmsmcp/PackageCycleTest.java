package io.github.twiliosmsmcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The packages of src/main depend on each other without a cycle, so each can be understood, tested
 * and replaced from the bottom up (see {@link PackageDependencies} for what counts as a dependency).
 */
class PackageCycleTest {
    @Test
    void packagesFormNoCycle() throws IOException {
        Map<String, Set<String>> uses = PackageDependencies.ofSources();
        assertTrue(uses.size() > 5, () -> "too few packages found under " + PackageDependencies.SOURCES.toAbsolutePath()
                + ": " + uses);

        assertEquals(List.of(), cycles(uses), () -> "package dependencies: " + uses);
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> uses = Map.of(
                "sms", Set.of("phone"), "phone", Set.of("policy"), "policy", Set.of("sms"), "mcp", Set.of("sms"));

        assertEquals(List.of("phone -> policy -> sms -> phone"), cycles(uses));
    }

    /** Each cycle once, as a path from its alphabetically first package back to it. */
    private static List<String> cycles(Map<String, Set<String>> uses) {
        Set<String> found = new TreeSet<>();
        for (String start : uses.keySet()) {
            walk(start, new ArrayList<>(List.of(start)), uses, found);
        }
        return List.copyOf(found);
    }

    private static void walk(String start, List<String> path, Map<String, Set<String>> uses, Set<String> found) {
        for (String next : uses.getOrDefault(path.get(path.size() - 1), Set.of())) {
            if (next.equals(start)) {
                found.add(String.join(" -> ", path) + " -> " + start);
            } else if (next.compareTo(start) > 0 && !path.contains(next)) {
                path.add(next);
                walk(start, path, uses, found);
                path.remove(path.size() - 1);
            }
        }
    }
}
