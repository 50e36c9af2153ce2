package io.github.twiliosmsmcp.setup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The help text says what the code does: the same flags (its settings: see DocumentedSettingsTest). */
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
}
