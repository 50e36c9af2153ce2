package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.setup.LaunchFlags;
import io.github.twiliosmsmcp.setup.StdioSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The jar's arguments for people: --version, --help, and a clear refusal of anything else. */
class CommandLineIT {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final JavaRuntime JAVA = JavaRuntime.current();

    @TempDir
    Path dir;

    private JavaRuntime.Finished jar(String... args) {
        List<String> line = new ArrayList<>(List.of("-jar", ServerProcess.jar().toAbsolutePath().toString()));
        line.addAll(List.of(args));
        return JAVA.run(LIMIT, dir, line.toArray(String[]::new));
    }

    @Test
    void versionNamesTheServerAndTheJava() {
        JavaRuntime.Finished run = jar("--version");

        assertEquals(0, run.exit(), run.stderr());
        String[] lines = run.stdout().split("\\R");
        assertTrue(lines[0].matches("twilio-sms-mcp \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), run.stdout());
        assertTrue(lines[1].startsWith("Java " + Runtime.version()), run.stdout());
    }

    @Test
    void helpShowsModesSetupOptionsFlagsAndSettings() {
        JavaRuntime.Finished run = jar("--help");

        assertEquals(0, run.exit(), run.stderr());
        for (String expected : List.of("setup", "--write-claude", "--claude-config", "--no-archive", "--archive",
                "-Xlog:all=warning:stderr", "-XX:TieredStopAtLevel=1", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
                "TWILIO_PHONE_NUMBER", "SMS_DATABASE", "README")) {
            assertTrue(run.stdout().contains(expected), expected + " missing from:\n" + run.stdout());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--verison", "serve extra", "-jar", "setup --bogus", "--version extra"})
    void anUnknownArgumentPrintsTheUsageOnStderrAndExits2(String line) {
        JavaRuntime.Finished run = jar(line.split(" "));

        assertEquals(2, run.exit());
        assertEquals("", run.stdout(), "nothing on stdout: a client reading it must not mistake it for protocol");
        assertTrue(run.stderr().contains("Usage:"), run.stderr());
    }

    // Checked before the archive is trained, so the user waits for nothing.
    @Test
    void setupRefusesAClaudeConfigurationThatIsNotJsonAndWritesNothing() throws Exception {
        Path claude = Files.writeString(dir.resolve("claude_desktop_config.json"), "{\"mcpServers\": {,}}");

        JavaRuntime.Finished run = jar("setup", "--write-claude", "--claude-config", claude.toString());

        assertEquals(1, run.exit(), run.stdout());
        assertTrue(run.stderr().contains(claude + " is not valid JSON, so it was left as it is"), run.stderr());
        assertEquals("{\"mcpServers\": {,}}", Files.readString(claude));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("claude_desktop_config.json."))
                    .toList(), "no backup");
        }
        assertFalse(run.stdout().contains("Training"), "no archive was trained first:\n" + run.stdout());
    }

    // Server mode stays as lean as it was: the code for people is never loaded while serving.
    @Test
    void serverModeLoadsNoneOfTheSetupCode() throws Exception {
        Path classes = dir.resolve("classes.txt");
        List<String> flags = new ArrayList<>(LaunchFlags.forRunningJava().launch(Optional.empty()));
        flags.add("-Xlog:class+load=info:file=" + classes);

        try (StdioSession session = JAVA.serve(flags, ServerProcess.jar().toAbsolutePath(), dir.resolve("stderr.txt"))) {
            JavaRuntime.assertServes(session);
        }

        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(line -> line.contains("io.github.twiliosmsmcp.mcp.SmsServer")), "log was read");
        assertFalse(loaded.stream().anyMatch(line -> line.contains("io.github.twiliosmsmcp.setup.")),
                String.join("\n", loaded.stream().filter(line -> line.contains("twiliosmsmcp.setup")).toList()));
    }
}
