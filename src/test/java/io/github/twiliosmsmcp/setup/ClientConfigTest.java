package io.github.twiliosmsmcp.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientConfigTest {
    private static final String WINDOWS_JAVA = "C:\\Program Files\\Eclipse Adoptium\\jdk-17.0.15.6-hotspot\\bin\\java.exe";
    // Spaces, an apostrophe, quotes and a colon: everything a hand-made JSON string gets wrong.
    private static final String WINDOWS_JAR = "C:\\Users\\Ada O'Neil\\My \"SMS\" tools\\twilio-sms-mcp.jar";
    private static final String WINDOWS_ARCHIVE = "-XX:SharedArchiveFile=C:\\Users\\Ada O'Neil\\My \"SMS\" tools\\twilio-sms-mcp.jsa";

    private static ClientConfig windows() {
        List<String> flags = new ArrayList<>(LaunchFlags.forJava("17").launch(Optional.empty()));
        flags.add(WINDOWS_ARCHIVE);
        return ClientConfig.of("sms", WINDOWS_JAVA, flags, WINDOWS_JAR);
    }

    @Test
    void windowsPathsComeOutAsValidJsonWithEscapedBackslashes() throws Exception {
        String json = windows().claudeDesktopJson();

        JsonNode entry = new ObjectMapper().readTree(json).path("mcpServers").path("sms");
        assertEquals(WINDOWS_JAVA, entry.path("command").asText());
        assertEquals(WINDOWS_JAR, entry.path("args").get(entry.path("args").size() - 1).asText());
        assertEquals(WINDOWS_ARCHIVE, entry.path("args").get(4).asText());
        assertTrue(json.contains("\"C:\\\\Program Files\\\\Eclipse Adoptium\\\\"), json);
        assertTrue(json.contains("My \\\"SMS\\\" tools"), json);
    }

    @Test
    void windowsPathsComeOutAsYamlThatReadsBackTheSame() throws Exception {
        JsonNode entry = new YAMLMapper().readTree(windows().libreChatYaml()).path("mcpServers").path("sms");

        assertEquals(WINDOWS_JAVA, entry.path("command").asText());
        assertEquals(windows().args(), strings(entry.path("args")));
    }

    @Test
    void claudeEntryHasAbsoluteLaunchAndPlaceholdersForTheSettings() throws Exception {
        ClientConfig config = ClientConfig.of("sms", "/usr/lib/jvm/java-17/bin/java", List.of("-Xlog:disable"), "/opt/sms/twilio-sms-mcp.jar");

        JsonNode entry = new ObjectMapper().readTree(config.claudeDesktopJson()).path("mcpServers").path("sms");

        assertEquals("/usr/lib/jvm/java-17/bin/java", entry.path("command").asText());
        assertEquals(List.of("-Xlog:disable", "-jar", "/opt/sms/twilio-sms-mcp.jar"), strings(entry.path("args")));
        assertEquals("ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", entry.path("env").path("TWILIO_ACCOUNT_SID").asText());
        assertEquals("your_auth_token", entry.path("env").path("TWILIO_AUTH_TOKEN").asText());
        assertEquals("+14155552671", entry.path("env").path("TWILIO_PHONE_NUMBER").asText());
    }

    @Test
    void libreChatEntryReadsTheSettingsFromItsEnvFileAndWaitsLongEnough() throws Exception {
        ClientConfig config = ClientConfig.of("texts", "/usr/bin/java", List.of(), "/opt/sms/twilio-sms-mcp.jar");

        JsonNode entry = new YAMLMapper().readTree(config.libreChatYaml()).path("mcpServers").path("texts");

        assertEquals("stdio", entry.path("type").asText());
        assertEquals("${TWILIO_ACCOUNT_SID}", entry.path("env").path("TWILIO_ACCOUNT_SID").asText());
        assertEquals("${TWILIO_AUTH_TOKEN}", entry.path("env").path("TWILIO_AUTH_TOKEN").asText());
        assertEquals("${TWILIO_PHONE_NUMBER}", entry.path("env").path("TWILIO_PHONE_NUMBER").asText());
        assertEquals(60000, entry.path("timeout").asInt());
        assertEquals(20000, entry.path("initTimeout").asInt());
        assertTrue(entry.path("serverInstructions").asBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "my sms", "sms/2", "a-name-that-is-far-too-long-for-librechat-tools"})
    void namesLibreChatCannotUseAreRefused(String name) {
        assertThrows(IllegalArgumentException.class, () -> ClientConfig.of(name, "/usr/bin/java", List.of(), "/x.jar"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
