package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.twiliosmsmcp.setup.StdioSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code setup} from a copy of the jar in its own folder, as a user runs it: the archive lands next
 * to the jar, the Claude Desktop file is merged, and the server starts from exactly what was written.
 */
class SetupIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REAL_TOKEN = "real-token-that-must-never-be-printed";
    private static final String EXISTING = """
            {
              "globalShortcut": "Alt+Space",
              "mcpServers": {
                "filesystem": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]},
                "sms": {"command": "java", "args": ["-jar", "/old/twilio-sms-mcp.jar"],
                        "env": {"TWILIO_AUTH_TOKEN": "%s"}}
              }
            }
            """.formatted(REAL_TOKEN);

    @TempDir
    Path dir;

    @Test
    void setupOnTheJavaRunningTheTests() throws Exception {
        setUpAndStartLikeAClient(JavaRuntime.current());
    }

    @Test
    void setupOnJava25() throws Exception {
        Optional<JavaRuntime> java25 = JavaRuntime.java25();
        assumeTrue(java25.isPresent(), "no Java 25 JDK at " + JavaRuntime.JAVA_25_HOME);
        setUpAndStartLikeAClient(java25.get());
    }

    private void setUpAndStartLikeAClient(JavaRuntime java) throws Exception {
        Path jar = Files.copy(ServerProcess.jar(), dir.resolve("twilio-sms-mcp.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        Path claude = dir.resolve("Claude").resolve("claude_desktop_config.json");
        Files.createDirectories(claude.getParent());
        Files.writeString(claude, EXISTING);

        JavaRuntime.Finished setup = java.run(Duration.ofMinutes(3), dir, "-jar", jar.toString(), "setup",
                "--write-claude", "--claude-config", claude.toString());

        assertEquals(0, setup.exit(), setup.stdout() + setup.stderr());
        assertFalse((setup.stdout() + setup.stderr()).contains(REAL_TOKEN), "a secret from the file was printed");

        JsonNode printed = printedJson(setup.stdout()).path("mcpServers").path("sms");
        Path command = Path.of(printed.path("command").asText());
        assertTrue(command.isAbsolute() && Files.isExecutable(command), "command must be an absolute java: " + command);
        List<String> args = strings(printed.path("args"));
        assertEquals(List.of("-jar", jar.toRealPath().toString()), args.subList(args.size() - 2, args.size()));
        assertEquals(java.flags().launch(Optional.of(archive(args))), args.subList(0, args.size() - 2),
                "the printed flags are the recommended ones for Java " + java.version());
        Path archive = archive(args);
        assertEquals(dir.toRealPath().resolve(java.flags().archiveFileName()), archive);
        assertTrue(Files.size(archive) > 1_000_000, "the archive holds the trained classes: " + Files.size(archive));
        assertTrue(setup.stdout().contains(archive.toString()), setup.stdout());

        JsonNode yaml = new YAMLMapper().readTree(printedYaml(setup.stdout())).path("mcpServers").path("sms");
        assertEquals(printed.path("command").asText(), yaml.path("command").asText());
        assertEquals(args, strings(yaml.path("args")));
        assertEquals("${TWILIO_AUTH_TOKEN}", yaml.path("env").path("TWILIO_AUTH_TOKEN").asText());

        JsonNode written = JSON.readTree(claude.toFile());
        JsonNode before = JSON.readTree(EXISTING);
        assertEquals(before.path("globalShortcut"), written.path("globalShortcut"));
        assertEquals(before.path("mcpServers").path("filesystem"), written.path("mcpServers").path("filesystem"));
        JsonNode entry = written.path("mcpServers").path("sms");
        assertEquals(printed.path("command"), entry.path("command"));
        assertEquals(printed.path("args"), entry.path("args"));
        assertEquals(REAL_TOKEN, entry.path("env").path("TWILIO_AUTH_TOKEN").asText(), "the user's env is kept");
        try (var files = Files.list(claude.getParent())) {
            Path backup = files.filter(f -> f.getFileName().toString().startsWith("claude_desktop_config.json.bak-"))
                    .findFirst().orElseThrow(() -> new AssertionError("no backup next to " + claude));
            assertEquals(EXISTING, Files.readString(backup));
        }

        // Exactly what Claude Desktop runs: command, args and env from the file it reads.
        Map<String, String> env = new HashMap<>();
        entry.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        Path stderr = dir.resolve("server-stderr.txt");
        try (StdioSession session = JavaRuntime.serve(entry.path("command").asText(), strings(entry.path("args")), env, stderr)) {
            JavaRuntime.assertServes(session);
        }
        String log = Files.readString(stderr);
        assertFalse(log.contains("[cds") || log.contains("[aot"), "the JVM could not use the archive:\n" + log);
    }

    private static Path archive(List<String> args) {
        return args.stream()
                .filter(arg -> arg.startsWith("-XX:SharedArchiveFile=") || arg.startsWith("-XX:AOTCache="))
                .map(arg -> Path.of(arg.substring(arg.indexOf('=') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no archive flag in " + args));
    }

    /** The Claude Desktop block: from a line that is just "{" to the next line that is just "}". */
    private static JsonNode printedJson(String stdout) throws Exception {
        String[] lines = stdout.split("\\R");
        int start = List.of(lines).indexOf("{");
        int end = List.of(lines).subList(start, lines.length).indexOf("}") + start;
        assertTrue(start >= 0 && end > start, "no JSON block in:\n" + stdout);
        return JSON.readTree(String.join("\n", List.of(lines).subList(start, end + 1)));
    }

    /** The LibreChat block: from the line "mcpServers:" to the next empty line. */
    static String printedYaml(String stdout) {
        List<String> lines = List.of(stdout.split("\\R", -1));
        int start = lines.indexOf("mcpServers:");
        assertTrue(start >= 0, "no YAML block in:\n" + stdout);
        int end = lines.subList(start, lines.size()).indexOf("") + start;
        return String.join("\n", lines.subList(start, end));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
