package io.github.twiliosmsmcp.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package diagram of docs/architecture.md has one arrow per package dependency in the code, no
 * more and no fewer: a new import between packages, or one taken away, fails here until the
 * diagram says so too. A package's sub-packages count as the package: the diagram is of features.
 */
class ArchitectureDocTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "io", "github", "twiliosmsmcp");
    private static final Pattern REFERENCE = Pattern.compile("io\\.github\\.twiliosmsmcp\\.([a-z]+)\\.(?:[A-Z]|\\*)");
    private static final Pattern ARROW = Pattern.compile("(?m)^ *([a-z]+) --> ([a-z]+) *$");
    private static final String ROOT = "root";

    @Test
    void theDiagramHasAnArrowForEachPackageDependency() throws IOException {
        assertEquals(dependencies(), arrows(), "docs/architecture.md's diagram against the imports of src/main");
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

    private static Set<String> dependencies() throws IOException {
        Set<String> dependencies = new TreeSet<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(path -> path.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            Path folder = SOURCES.relativize(source).getParent();
            String from = folder == null ? ROOT : folder.getName(0).toString();
            Matcher reference = REFERENCE.matcher(Files.readString(source));
            while (reference.find()) {
                if (!reference.group(1).equals(from)) {
                    dependencies.add(from + " --> " + reference.group(1));
                }
            }
        }
        return dependencies;
    }
}
