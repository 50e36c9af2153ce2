package io.github.twiliosmsmcp.setup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twiliosmsmcp.config.Environment;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClaudeConfigFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 21, 9, 30, 5);
    private static final ClientConfig CONFIG = ClientConfig.of("sms", "/usr/lib/jvm/java-17/bin/java",
            LaunchFlags.forJava("17").launch(Optional.of(Path.of("/opt/sms/twilio-sms-mcp.jsa"))),
            "/opt/sms/twilio-sms-mcp.jar");

    // Written the way people and Claude Desktop leave it: other servers, Claude's own keys, odd values.
    private static final String EXISTING = """
            {
              "globalShortcut": "Alt+Space",
              "mcpServers": {
                "filesystem": {
                  "command": "npx",
                  "args": ["-y", "@modelcontextprotocol/server-filesystem", "C:\\\\Users\\\\ada\\\\Desktop"],
                  "env": {"DEBUG": "1"}
                },
                "weather": {"command": "uvx", "args": ["weather-mcp"], "disabled": true}
              },
              "preferences": {"theme": "dark", "ratio": 1.10, "big": 123456789012345678901234567890, "none": null},
              "note": "caf\\u00e9 \\u2603"
            }
            """;

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("claude_desktop_config.json");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void otherServersAndTopLevelKeysAreKeptExactly() throws Exception {
        Path file = write(EXISTING);

        ClaudeConfigFile.write(file, "sms", CONFIG.claudeEntry(), NOW);

        JsonNode before = JSON.readTree(EXISTING);
        JsonNode after = JSON.readTree(file.toFile());
        assertEquals(List.of("globalShortcut", "mcpServers", "preferences", "note"), names(after));
        assertEquals(List.of("filesystem", "weather", "sms"), names(after.path("mcpServers")));
        assertEquals(before.path("mcpServers").path("filesystem"), after.path("mcpServers").path("filesystem"));
        assertEquals(before.path("mcpServers").path("weather"), after.path("mcpServers").path("weather"));
        assertEquals(before.path("globalShortcut"), after.path("globalShortcut"));
        assertEquals(before.path("note"), after.path("note"));
        assertEquals(before.path("preferences"), after.path("preferences"));
        String text = Files.readString(file);
        assertTrue(text.contains("\"ratio\": 1.10"), "numbers are written as they were read: " + text);
        assertTrue(text.contains("123456789012345678901234567890"), text);
        assertEquals(CONFIG.claudeEntry(), after.path("mcpServers").path("sms"));
    }

    @Test
    void theOldFileIsBackedUpByteForByteBeforeItIsReplaced() throws Exception {
        Path file = write(EXISTING);

        ClaudeConfigFile.Written first = ClaudeConfigFile.write(file, "sms", CONFIG.claudeEntry(), NOW);
        byte[] afterFirst = Files.readAllBytes(file);
        ClaudeConfigFile.Written second = ClaudeConfigFile.write(file, "sms", CONFIG.claudeEntry(), NOW);

        assertEquals(Optional.of(dir.resolve("claude_desktop_config.json.bak-20261121-093005")), first.backup());
        assertEquals(EXISTING, Files.readString(first.backup().orElseThrow()));
        // Two runs within a second keep both backups.
        assertEquals(Optional.of(dir.resolve("claude_desktop_config.json.bak-20261121-093005-1")), second.backup());
        assertArrayEquals(afterFirst, Files.readAllBytes(second.backup().orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"mcpServers\": {\"a\": {\"command\": \"x\",}}}", // trailing comma
        "{\"mcpServers\": {}} {\"more\": 1}",                // something after the end
        "// my servers\n{\"mcpServers\": {}}",               // a comment
        "{\"mcpServers\": {}, \"mcpServers\": {}}",          // a key twice: which one would Claude keep?
        "[{\"mcpServers\": {}}]",                            // not an object
        "{\"mcpServers\": [\"sms\"]}",                       // mcpServers not an object
        "{\"mcpServers\": {\"sms\": \"java -jar x.jar\"}}",  // our entry not an object
        "{\"mcpServers\": {\"a\": {\"command\": \"x\""       // cut short
    })
    void aFileThatCannotBeMergedIsRefusedAndLeftUntouched(String content) throws Exception {
        Path file = write(content);

        SetupFailure failure = assertThrows(SetupFailure.class,
                () -> ClaudeConfigFile.write(file, "sms", CONFIG.claudeEntry(), NOW));

        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains("left as it is"), failure.getMessage());
        assertEquals(content, Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no backup and no temporary file is left behind");
        }
    }

    static Stream<Arguments> invalidJson() {
        return Stream.of(
                Arguments.of("{\n  \"mcpServers\": {\n    \"a\": 1,\n  }\n}",
                        "was expecting double-quote to start field name (line 4, column 3)"),
                Arguments.of("[{\"mcpServers\": {}}",
                        "expected close marker for Array (start marker at line 1, column 1) (line 1, column 20)"),
                Arguments.of("{\"mcpServers\": {}} {\"more\": 1}", "there is more after the end of the JSON value (line 1, column 20)"),
                Arguments.of("// my servers\n{\"mcpServers\": {}}", "JSON does not allow comments (line 1, column 1)"),
                Arguments.of("{\"mcpServers\": NaN}", "Non-standard token 'NaN' (line 1, column 19)"),
                Arguments.of("{\"mcpServers\": `sms`}", "Unexpected character (line 1, column 16)"));
    }

    // The user fixes the file by hand: the error says where in words, without Jackson's own names.
    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalidJson")
    void invalidJsonIsExplainedInWords(String content, String expected) {
        String message = assertThrows(SetupFailure.class, () -> ClaudeConfigFile.parse(content, dir.resolve("x.json")))
                .getMessage();

        assertTrue(message.contains(expected), message);
        for (String internal : List.of("[Source", "REDACTED", "Feature", "`", "com.fasterxml", "line: ", "START_OBJECT")) {
            assertFalse(message.contains(internal), message);
        }
    }

    @Test
    void anExistingEntryKeepsItsEnvAndOtherFieldsAndOnlyItsLaunchChanges() throws Exception {
        Path file = write("""
                {"mcpServers": {"sms": {
                  "command": "/usr/bin/java",
                  "args": ["-jar", "/old/twilio-sms-mcp.jar"],
                  "env": {"TWILIO_ACCOUNT_SID": "AC0123456789abcdef0123456789abcdef", "TWILIO_AUTH_TOKEN": "real-token",
                          "TWILIO_MESSAGING_SERVICE_SID": "MG0123456789abcdef0123456789abcdef"},
                  "disabled": false
                }}}
                """);

        ClaudeConfigFile.Written written = ClaudeConfigFile.write(file, "sms", CONFIG.claudeEntry(), NOW);

        JsonNode entry = JSON.readTree(file.toFile()).path("mcpServers").path("sms");
        assertTrue(written.keptEntry());
        assertEquals(CONFIG.command(), entry.path("command").asText());
        assertEquals(CONFIG.claudeEntry().path("args"), entry.path("args"));
        assertEquals(JSON.readTree("{\"TWILIO_ACCOUNT_SID\": \"AC0123456789abcdef0123456789abcdef\","
                + " \"TWILIO_AUTH_TOKEN\": \"real-token\", \"TWILIO_MESSAGING_SERVICE_SID\": \"MG0123456789abcdef0123456789abcdef\"}"),
                entry.path("env"), "no placeholder is added next to real settings");
        assertFalse(entry.path("disabled").asBoolean(true));
    }

    // Someone trying the sandbox has no env on purpose: placeholders would make the server misconfigured.
    @Test
    void anExistingEntryWithoutEnvStaysWithoutEnv() throws Exception {
        Path file = write("{\"mcpServers\": {\"sms\": {\"command\": \"java\", \"args\": [\"-jar\", \"x.jar\"]}}}");

        ClaudeConfigFile.write(file, "sms", CONFIG.claudeEntry(), NOW);

        assertFalse(JSON.readTree(file.toFile()).path("mcpServers").path("sms").has("env"));
    }

    @Test
    void aMissingFileIsCreatedWithItsFolders() throws Exception {
        Path file = dir.resolve("Application Support").resolve("Claude").resolve("claude_desktop_config.json");

        ClaudeConfigFile.Written written = ClaudeConfigFile.write(file, "sms", CONFIG.claudeEntry(), NOW);

        assertEquals(Optional.empty(), written.backup());
        assertFalse(written.keptEntry());
        assertEquals(JSON.readTree(CONFIG.claudeDesktopJson()), JSON.readTree(file.toFile()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n", "{}", "{\"mcpServers\": null}"})
    void anEmptyConfigurationGetsTheServer(String content) throws Exception {
        Path file = write(content);

        ClaudeConfigFile.write(file, "sms", CONFIG.claudeEntry(), NOW);

        assertEquals(CONFIG.claudeEntry(), JSON.readTree(file.toFile()).path("mcpServers").path("sms"));
    }

    @Test
    void anotherNameAddsASecondEntry() throws Exception {
        Path file = write("{\"mcpServers\": {\"sms\": {\"command\": \"java\", \"args\": []}}}");

        ClaudeConfigFile.write(file, "sms-work", CONFIG.claudeEntry(), NOW);

        JsonNode servers = JSON.readTree(file.toFile()).path("mcpServers");
        assertEquals(JSON.readTree("{\"command\": \"java\", \"args\": []}"), servers.path("sms"));
        assertEquals(CONFIG.claudeEntry(), servers.path("sms-work"));
    }

    @Test
    void windowsPathsAreWrittenAsValidJson() throws Exception {
        Path file = write(EXISTING);
        String java = "C:\\Program Files\\Java\\jdk-21\\bin\\java.exe";
        String jar = "C:\\Users\\Ada O'Neil\\sms \"tools\"\\twilio-sms-mcp.jar";
        ObjectNode entry = ClientConfig.of("sms", java, List.of("-Xlog:disable"), jar).claudeEntry();

        ClaudeConfigFile.write(file, "sms", entry, NOW);

        JsonNode written = JSON.readTree(file.toFile()).path("mcpServers").path("sms");
        assertEquals(java, written.path("command").asText());
        assertEquals(jar, written.path("args").get(2).asText());
        assertTrue(Files.readString(file).contains("\"C:\\\\Program Files\\\\Java\\\\jdk-21\\\\bin\\\\java.exe\""));
    }

    // The file holds the auth token: a file only its owner could read must stay that way.
    @Test
    void theFileKeepsItsPermissions() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = write(EXISTING);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        ClaudeConfigFile.write(file, "sms", CONFIG.claudeEntry(), NOW);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aLinkedFileIsWrittenThroughAndTheLinkKept() throws Exception {
        Path real = dir.resolve("dotfiles").resolve("claude.json");
        Files.createDirectories(real.getParent());
        Files.writeString(real, EXISTING);
        Path link = dir.resolve("claude_desktop_config.json");
        try {
            Files.createSymbolicLink(link, real);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links are not available here");
        }

        ClaudeConfigFile.write(link, "sms", CONFIG.claudeEntry(), NOW);

        assertTrue(Files.isSymbolicLink(link));
        assertEquals(CONFIG.claudeEntry(), JSON.readTree(real.toFile()).path("mcpServers").path("sms"));
    }

    @Test
    void defaultLocationOnEachSystem() {
        Path home = Path.of("/home/ada");
        Environment none = new Environment(Map.of());

        assertEquals(Path.of("/home/ada/Library/Application Support/Claude/claude_desktop_config.json"),
                ClaudeConfigFile.defaultLocation(none, "Mac OS X", home));
        assertEquals(Path.of("/appdata/Claude/claude_desktop_config.json"),
                ClaudeConfigFile.defaultLocation(new Environment(Map.of("APPDATA", "/appdata")), "Windows 11", home));
        assertEquals(Path.of("/home/ada/AppData/Roaming/Claude/claude_desktop_config.json"),
                ClaudeConfigFile.defaultLocation(none, "Windows 10", home));
        assertEquals(Path.of("/home/ada/.config/Claude/claude_desktop_config.json"),
                ClaudeConfigFile.defaultLocation(none, "Linux", home));
        assertEquals(Path.of("/xdg/Claude/claude_desktop_config.json"),
                ClaudeConfigFile.defaultLocation(new Environment(Map.of("XDG_CONFIG_HOME", "/xdg")), "Linux", home));
        assertEquals(Path.of("/home/ada/.config/Claude/claude_desktop_config.json"),
                ClaudeConfigFile.defaultLocation(new Environment(Map.of("XDG_CONFIG_HOME", "xdg")), "Linux", home));
    }

    // Setup with HOME set to a test folder must never write into the real user's configuration.
    @Test
    void defaultLocationFollowsHomeFromTheEnvironment() {
        Path home = Path.of("/tmp/elsewhere-home").toAbsolutePath();

        Path file = ClaudeConfigFile.defaultLocation(new Environment(Map.of("HOME", home.toString())));

        assertTrue(file.startsWith(home), file.toString());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
