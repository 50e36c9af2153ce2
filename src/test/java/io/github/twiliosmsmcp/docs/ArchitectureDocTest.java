package io.github.twiliosmsmcp.docs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.PackageDependencies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The package diagram of docs/architecture.md has one arrow per package dependency in the code, no
 * more and no fewer: a new import between packages, or one taken away, fails here until the
 * diagram says so too ({@link PackageDependencies} says what counts as a dependency).
 */
class ArchitectureDocTest {
    private static final Pattern ARROW = Pattern.compile("(?m)^ *([a-z]+) --> ([a-z]+) *$");

    @Test
    void theDiagramHasAnArrowForEachPackageDependency() throws IOException {
        Set<String> code = dependencies();
        Set<String> diagram = arrows();

        assertAll(() -> assertEquals(Set.of(), without(code, diagram), "dependencies in src/main that docs/architecture.md lacks"),
                () -> assertEquals(Set.of(), without(diagram, code), "arrows in docs/architecture.md that src/main does not have"));
    }

    private static Set<String> arrows() throws IOException {
        String doc = Files.readString(Path.of("docs", "architecture.md"));
        int start = doc.indexOf("```mermaid");
        assertTrue(start >= 0, "docs/architecture.md has no mermaid diagram");
        Matcher arrow = ARROW.matcher(doc.substring(start, doc.indexOf("```", start + 3)));
        Set<String> arrows = new TreeSet<>();
        while (arrow.find()) {
            arrows.add(arrow.group(1) + " --> " + arrow.group(2));
        }
        return arrows;
    }

    private static Set<String> without(Set<String> these, Set<String> those) {
        Set<String> rest = new TreeSet<>(these);
        rest.removeAll(those);
        return rest;
    }

    private static Set<String> dependencies() throws IOException {
        Set<String> arrows = new TreeSet<>();
        PackageDependencies.ofSources().forEach((from, uses) -> uses.forEach(to -> arrows.add(from + " --> " + to)));
        return arrows;
    }
}
