package io.github.twiliosmsmcp.setup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The help text says what the code does: the same flags, the same variables as the README. */
class UsageTest {

    @Test
    void helpShowsTheRecommendedFlagsOfThisJava() {
        String help = Usage.text("1.2.3");

        LaunchFlags flags = LaunchFlags.forRunningJava();
        flags.launch(Optional.empty()).forEach(flag -> assertTrue(help.contains(flag), flag));
        String archiveFlag = flags.useArchive(Path.of("x")).get(0);
        assertTrue(help.contains(archiveFlag.substring(0, archiveFlag.indexOf('=') < 0 ? archiveFlag.length()
                : archiveFlag.indexOf('='))), help);
        assertTrue(help.contains("setup"), help);
        assertTrue(help.contains("--write-claude") && help.contains("--claude-config") && help.contains("--no-archive"));
    }

    @Test
    void helpListsEveryVariableTheReadmeDocuments() throws IOException {
        String help = Usage.text("1.2.3");

        for (String variable : readmeVariables()) {
            assertTrue(help.contains(variable), variable + " is in the README's configuration table but not in --help");
        }
    }

    private static List<String> readmeVariables() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Using it with LibreChat"));
        List<String> names = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `((?:TWILIO|SMS)_[A-Z_]+)` \\|").matcher(table);
        while (row.find()) {
            names.add(row.group(1));
        }
        assertTrue(names.size() >= 10, "the configuration table was not found: " + names);
        return names;
    }
}
