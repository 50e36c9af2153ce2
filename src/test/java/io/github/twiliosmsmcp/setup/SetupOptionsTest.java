package io.github.twiliosmsmcp.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SetupOptionsTest {

    @Test
    void withoutOptionsSetupMakesTheArchiveAndOnlyPrints() throws Exception {
        Setup.Options options = Setup.Options.parse();

        assertFalse(options.writeClaude());
        assertFalse(options.noArchive());
        assertEquals("sms", options.name());
        assertEquals(Optional.empty(), options.claudeConfig());
        assertEquals(Optional.empty(), options.archive());
    }

    @Test
    void everyOptionIsRead() throws Exception {
        Setup.Options options = Setup.Options.parse("--write-claude", "--claude-config", "/tmp/claude.json",
                "--name", "texts", "--archive", "/tmp/a/../sms.jsa");

        assertTrue(options.writeClaude());
        assertEquals(Optional.of(Path.of("/tmp/claude.json")), options.claudeConfig());
        assertEquals("texts", options.name());
        assertEquals(Optional.of(Path.of("/tmp/sms.jsa")), options.archive());
    }

    @Test
    void relativePathsAreMadeAbsolute() throws Exception {
        Setup.Options options = Setup.Options.parse("--claude-config", "claude.json");

        assertEquals(Path.of("claude.json").toAbsolutePath(), options.claudeConfig().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--write-claud|unknown setup option '--write-claud'",
        "--claude-config|--claude-config needs a value",
        "--name|--name needs a value",
        "--name my sms|--name must be 1 to 43 letters",
        "--no-archive --archive /tmp/x.jsa|--archive and --no-archive contradict each other",
    })
    void aCommandLineThatCannotBeRunIsRefused(String line, String message) {
        String[] args = line.startsWith("--name my") ? new String[] {"--name", "my sms"} : line.split(" ");

        Setup.BadUsage refused = assertThrows(Setup.BadUsage.class, () -> Setup.Options.parse(args));

        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }
}
