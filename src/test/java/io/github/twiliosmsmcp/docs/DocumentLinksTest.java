package io.github.twiliosmsmcp.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the project's Markdown points at a file that exists and, with a
 * {@code #fragment}, at a heading of that file, as GitHub names its anchors. Moving a section from
 * one file to another is the usual way a link breaks; this finds it before a reader does.
 */
class DocumentLinksTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.+?) *#*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

    @Test
    void everyRelativeLinkPointsAtAnExistingFileAndHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            for (String target : links(Files.readString(document))) {
                problem(document, target).ifPresent(broken::add);
            }
        }

        assertEquals(List.of(), broken);
    }

    @Test
    void anchorsAreNamedAsGitHubNamesThem() {
        assertEquals(List.of("fast-start-and-one-command-setup", "send_sms", "the-sandbox", "java-25",
                        "error-20003-twilio-rejected-the-credentials", "the-sandbox-1", "when-the-archive-no-longer-fits"),
                anchors(String.join("\n", "# Fast start and one-command setup", "## `send_sms`", "## The sandbox",
                        "### Java 25", "#### Error 20003: Twilio rejected the credentials.", "```", "# not a heading",
                        "```", "## The sandbox", "## When the archive no longer fits")));
    }

    @Test
    void linksInCodeAreNotLinks() {
        assertEquals(List.of("a.md", "#b"), links(String.join("\n", "[a](a.md) `[x](x.md)`", "```",
                "[y](y.md)", "```", "see [b](#b)")));
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CONTRIBUTING.md"),
                Path.of("bench", "README.md"), Path.of("clients", "README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        documents.forEach(document -> assertTrue(Files.isRegularFile(document), document + " is missing"));
        return documents;
    }

    private static Optional<String> problem(Path document, String target) throws IOException {
        if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
            return Optional.empty();
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path linked = file.isEmpty() ? document : document.resolveSibling(file).normalize();
        if (!Files.exists(linked)) {
            return Optional.of(document + ": " + target + " (no file " + linked + ")");
        }
        if (hash < 0 || !linked.toString().endsWith(".md")) {
            return Optional.empty();
        }
        String anchor = target.substring(hash + 1);
        return anchors(Files.readString(linked)).contains(anchor) ? Optional.empty()
                : Optional.of(document + ": " + target + " (no heading #" + anchor + " in " + linked + ")");
    }

    /** The targets of the links outside code blocks and code spans, in order. */
    static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        for (String line : prose(markdown)) {
            Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
            while (link.find()) {
                targets.add(link.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    static List<String> anchors(String markdown) {
        List<String> anchors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(markdown)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = heading.group(1).replace("`", "").toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                int repeat = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(repeat == 0 ? slug : slug + "-" + repeat);
            }
        }
        return anchors;
    }

    private static List<String> prose(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean inFence = false;
        for (String line : markdown.split("\\R")) {
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            } else if (!inFence) {
                lines.add(line);
            }
        }
        return lines;
    }
}
