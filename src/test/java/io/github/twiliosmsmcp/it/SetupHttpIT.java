package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code setup --http} from a copy of the jar, beside a running {@code serve}: the LibreChat entry it
 * prints, used as LibreChat uses it (the token filled in from .env), reaches that service's tools.
 */
class SetupHttpIT {
    private static final String TOKEN = "setup-http-it-token-never-printed";

    @TempDir
    Path dir;

    @Test
    void thePrintedEntryReachesTheServiceItDescribes() throws Exception {
        Path jar = Files.copy(ServerProcess.jar(), dir.resolve("twilio-sms-mcp.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        try (ServiceProcess service = ServiceProcess.startWithoutPublicUrl(Map.of("SMS_HTTP_TOKEN", TOKEN))) {
            String address = service.baseUrl.substring("http://".length());

            JavaRuntime.Finished setup = JavaRuntime.current().run(Duration.ofMinutes(1), dir,
                    Map.of("SMS_HTTP_ADDRESS", address, "SMS_HTTP_TOKEN", TOKEN), "-jar", jar.toString(), "setup", "--http");

            String printed = setup.stdout();
            assertEquals(0, setup.exit(), printed + setup.stderr());
            assertFalse((printed + setup.stderr()).contains(TOKEN), "the token was printed");
            assertTrue(Pattern.compile("^  SMS_HTTP_ADDRESS=" + Pattern.quote(address) + " /\\S+ -jar "
                    + Pattern.quote(jar.toRealPath().toString()) + " serve$", Pattern.MULTILINE).matcher(printed).find(),
                    printed);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".aot"))
                        .toList(), "no start-up archive for the service");
            }

            JsonNode entry = new YAMLMapper().readTree(SetupIT.printedYaml(printed)).path("mcpServers").path("sms-http");
            assertEquals("streamable-http", entry.path("type").asText());
            String url = entry.path("url").asText();
            assertEquals(service.baseUrl + "/mcp", url);
            String authorization = entry.path("headers").path("Authorization").asText()
                    .replace("${SMS_MCP_TOKEN}", TOKEN);

            HttpMcpClient client = HttpMcpClient.modern(url, null);
            HttpResponse<String> listed = client.post(client.request("tools/list", Map.of()),
                    Map.of("Authorization", authorization));

            assertEquals(200, listed.statusCode(), listed.body());
            JsonNode tools = HttpMcpClient.messagesOf(listed.body()).get(0).path("result").path("tools");
            assertEquals("send_sms", tools.path(0).path("name").asText(), listed.body());
        }
    }
}
