package io.github.twiliosmsmcp.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.config.Setting;
import io.github.twiliosmsmcp.config.SettingsCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration table of docs/configuration.md and {@code --help} name the settings of the
 * catalogue, in its order, with its defaults; the README's short table names some of them as well.
 */
class DocumentedSettingsTest {
    private static final Pattern VARIABLE = Pattern.compile("(?:TWILIO|SMS|MC)_[A-Z0-9_]+");

    @Test
    void theConfigurationTableHasEverySettingWithItsDefault() throws IOException {
        assertEquals(catalogueRows(), tableRows(Files.readString(Path.of("docs", "configuration.md"))));
    }

    // The README shows the settings used most: fewer rows, but each as the catalogue has it, in its order.
    @Test
    void theReadmeTableHasSomeSettingsWithTheirDefaults() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## Configuration");
        List<String> shown = tableRows(readme.substring(section, readme.indexOf("\n## ", section)));

        List<String> names = shown.stream().map(DocumentedSettingsTest::name).toList();
        assertEquals(catalogueRows().stream().filter(row -> names.contains(name(row))).toList(), shown);
    }

    @Test
    void helpHasEverySettingWithItsDefault() {
        List<String> expected = new ArrayList<>();
        for (Setting<?> setting : SettingsCatalogue.ALL) {
            String shown = setting.shownDefault().isEmpty() ? "" : " (" + setting.shownDefault() + ")";
            expected.add(setting.name() + " | " + setting.help() + shown);
        }

        assertEquals(expected, helpRows(Usage.text("1.2.3")));
    }

    private static List<String> catalogueRows() {
        return SettingsCatalogue.ALL.stream()
                .map(setting -> setting.name() + " | " + setting.documentedDefault())
                .toList();
    }

    private static String name(String row) {
        return row.substring(0, row.indexOf(' '));
    }

    /** Name and default of each row of a settings table, as "NAME | default". */
    private static List<String> tableRows(String markdown) {
        Matcher row = Pattern.compile("(?m)^\\| `(" + VARIABLE + ")` \\|([^|]*)\\|").matcher(markdown);
        List<String> rows = new ArrayList<>();
        while (row.find()) {
            rows.add(row.group(1) + " | " + row.group(2).strip());
        }
        assertTrue(rows.size() >= 5, "no settings table was found: " + rows);
        return rows;
    }

    /** Name and text of each line of the help that starts with a variable, as "NAME | text". */
    private static List<String> helpRows(String help) {
        Matcher line = Pattern.compile("(?m)^  (" + VARIABLE + ") +(.*)$").matcher(help);
        List<String> rows = new ArrayList<>();
        while (line.find()) {
            rows.add(line.group(1) + " | " + line.group(2));
        }
        return rows;
    }
}
