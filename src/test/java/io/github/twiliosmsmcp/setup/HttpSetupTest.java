package io.github.twiliosmsmcp.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.HttpAddress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code setup --http}: its options, the URL it derives from SMS_HTTP_ADDRESS, and what it prints. */
class HttpSetupTest {
    private static final String TOKEN = "a-token-setup-must-never-print";
    private static final YAMLMapper YAML = new YAMLMapper();

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 8787, http://127.0.0.1:8787/mcp",
        "localhost, 8787, http://localhost:8787/mcp",
        "172.17.0.1, 18788, http://172.17.0.1:18788/mcp",
        "0.0.0.0, 9000, http://127.0.0.1:9000/mcp",
        "::, 8787, http://[::1]:8787/mcp",
        "::1, 8787, http://[::1]:8787/mcp",
        "fd00::2, 8787, http://[fd00::2]:8787/mcp",
    })
    void theUrlIsWhereServeListensAndAWildcardIsReachedOnLoopback(String host, int port, String url) {
        assertEquals(url, HttpSetup.mcpUrl(new HttpAddress(host, port)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "/usr/lib/jvm/java-17/bin/java|/usr/lib/jvm/java-17/bin/java",
        "/opt/My Apps/java|'/opt/My Apps/java'",
        "/tmp/it's/java|'/tmp/it'\\''s/java'",
    })
    void aPathIsOneShellWord(String path, String word) {
        assertEquals(word, HttpSetup.shellWord(path));
    }

    @Test
    void httpTakesOnlyANameAndNamesTheEntryAsTheExampleDoes() throws Exception {
        assertTrue(Setup.Options.parse("--http").http());
        assertEquals("sms-http", Setup.Options.parse("--http").name());
        assertEquals("texts", Setup.Options.parse("--http", "--name", "texts").name());
        assertEquals("sms", Setup.Options.parse().name());
        for (String other : new String[] {"--write-claude", "--no-archive"}) {
            Setup.BadUsage refused = assertThrows(Setup.BadUsage.class, () -> Setup.Options.parse("--http", other));
            assertTrue(refused.getMessage().startsWith("--http takes only --name"), refused.getMessage());
        }
        assertThrows(Setup.BadUsage.class, () -> Setup.Options.parse("--archive", "/tmp/a.jsa", "--http"));
    }

    @Test
    void theLibreChatEntryIsTheExamplesWithTheUrlOfThisService() throws Exception {
        JsonNode example = YAML.readTree(Path.of("librechat.yaml.example").toFile()).path("mcpServers").path("sms-http");
        String url = "http://127.0.0.1:8787/mcp";

        JsonNode printed = YAML.readTree(ClientConfig.libreChatHttpYaml("sms-http", url)).path("mcpServers")
                .path("sms-http");

        assertEquals(((ObjectNode) example.deepCopy()).put("url", url), printed);
    }

    @Test
    void withTheTokenSetItSaysSoAndNeverPrintsIt() throws Exception {
        String out = print(Map.of("SMS_HTTP_TOKEN", TOKEN, "SMS_HTTP_ADDRESS", "127.0.0.1:18790"));

        assertFalse(out.contains(TOKEN), out);
        assertTrue(out.contains("SMS_HTTP_TOKEN is set here"), out);
        assertTrue(out.contains("  SMS_HTTP_ADDRESS=127.0.0.1:18790 /usr/bin/java -jar '/opt/sms mcp/twilio-sms-mcp.jar'"
                + " serve\n"), out);
        assertTrue(out.contains("url: http://127.0.0.1:18790/mcp\n"), out);
        assertTrue(out.contains("url to http://host.docker.internal:18790/mcp"), out);
    }

    @Test
    void withoutSettingsItNamesTheDefaultAddressAndTheGeneratedToken() throws Exception {
        String out = print(Map.of());

        assertTrue(out.contains("  /usr/bin/java -jar '/opt/sms mcp/twilio-sms-mcp.jar' serve\n"), out);
        assertTrue(out.contains("url: http://127.0.0.1:8787/mcp\n"), out);
        assertTrue(out.contains("serve generates one on its first start"), out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SMS_HTTP_ADDRESS|8787|SMS_HTTP_ADDRESS must be host:port",
        "SMS_HTTP_TOKEN|short-secret|SMS_HTTP_TOKEN",
    })
    void aSettingServeWouldRefuseFailsSetupWithoutRepeatingASecret(String name, String value, String problem) {
        SetupFailure failure = assertThrows(SetupFailure.class, () -> print(Map.of(name, value)));

        assertTrue(failure.getMessage().startsWith(problem), failure.getMessage());
        assertFalse(name.equals("SMS_HTTP_TOKEN") && failure.getMessage().contains(value), failure.getMessage());
    }

    private static String print(Map<String, String> env) throws SetupFailure {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HttpSetup.print(new Environment(env), "sms-http", "/usr/bin/java", Path.of("/opt/sms mcp/twilio-sms-mcp.jar"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
