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

/** The README's configuration table and {@code --help} name the settings of the catalogue, in its order, with its defaults. */
class DocumentedSettingsTest {
    private static final Pattern VARIABLE = Pattern.compile("(?:TWILIO|SMS)_[A-Z_]+");

    @Test
    void theReadmeTableHasEverySettingWithItsDefault() throws IOException {
        List<String> expected = SettingsCatalogue.ALL.stream()
                .map(setting -> setting.name() + " | " + setting.documentedDefault())
                .toList();

        assertEquals(expected, readmeRows());
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

    /** Name and default of each row of the configuration table, as "NAME | default". */
    private static List<String> readmeRows() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Using it with LibreChat"));
        Matcher row = Pattern.compile("(?m)^\\| `(" + VARIABLE + ")` \\|([^|]*)\\|").matcher(section);
        List<String> rows = new ArrayList<>();
        while (row.find()) {
            rows.add(row.group(1) + " | " + row.group(2).strip());
        }
        assertTrue(rows.size() >= 10, "the configuration table was not found: " + rows);
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
