package io.github.twiliosmsmcp.setup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README sections {@code --help} sends a reader to are there, under the names it gives. */
class HelpReferencesTest {

    @Test
    void everyReadmeSectionTheHelpNamesExists() throws IOException {
        String help = Usage.text("1.2.3");
        Matcher named = Pattern.compile("\"([^\"]+)\"").matcher(help.substring(help.indexOf("README.md")));
        List<String> sections = new ArrayList<>();
        while (named.find()) {
            sections.add(named.group(1));
        }
        List<String> headings = Files.readAllLines(Path.of("README.md")).stream().filter(line -> line.startsWith("## ")).toList();

        assertFalse(sections.isEmpty(), help);
        for (String section : sections) {
            assertTrue(headings.contains("## " + section), "--help names the README section \"" + section
                    + "\", which is not among " + headings);
        }
    }
}
