package io.github.twiliosmsmcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of src/main depend on each other without a cycle, so each can be understood, tested
 * and replaced from the bottom up. Dependencies are read from import statements and from names
 * written out in full in the code; a class's own package does not count.
 */
class PackageCycleTest {
    private static final String ROOT = "io.github.twiliosmsmcp";
    private static final Path SOURCES = Path.of("src/main/java/io/github/twiliosmsmcp");
    private static final Pattern REFERENCE = Pattern.compile(Pattern.quote(ROOT) + "\\.([a-z][a-z0-9]*)\\.[A-Z]");

    @Test
    void packagesFormNoCycle() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        assertTrue(uses.size() > 5, () -> "too few packages found under " + SOURCES.toAbsolutePath() + ": " + uses);

        assertEquals(List.of(), cycles(uses), () -> "package dependencies: " + uses);
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> uses = Map.of(
                "sms", Set.of("phone"), "phone", Set.of("policy"), "policy", Set.of("sms"), "mcp", Set.of("sms"));

        assertEquals(List.of("phone -> policy -> sms -> phone"), cycles(uses));
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path folder = SOURCES.relativize(file).getParent();
                if (folder == null) {
                    continue;
                }
                String from = folder.toString().replace(file.getFileSystem().getSeparator(), ".");
                Set<String> used = uses.computeIfAbsent(from, p -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return uses;
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
