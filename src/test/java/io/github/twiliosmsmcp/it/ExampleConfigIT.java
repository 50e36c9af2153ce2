package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.it.ServerProcess.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example client configurations, run as written apart from the java and jar paths: what a user
 * who copies them gets before filling in their own secrets.
 */
class ExampleConfigIT {

    @Test
    void claudeDesktopExampleStartsAndNamesThePlaceholderSid() throws IOException {
        JsonNode entry = new ObjectMapper().readTree(Path.of("claude_desktop_config.example.json").toFile())
                .path("mcpServers").path("sms");
        String text = sendWith(entry);
        assertTrue(text.startsWith("[FINAL] SMS NOT sent: the server is not configured."), text);
        assertTrue(text.contains("TWILIO_ACCOUNT_SID must be AC followed by 32 hexadecimal characters"), text);
    }

    @Test
    void libreChatExampleWithNothingInDotEnvRunsTheSandbox() throws IOException {
        JsonNode entry = new YAMLMapper().readTree(Path.of("librechat.yaml.example").toFile())
                .path("mcpServers").path("sms");
        assertEquals("stdio", entry.path("type").asText());
        assertTrue(entry.path("timeout").asInt() >= 60000, "LibreChat must wait longer than a send can take");
        // LibreChat leaves an unset ${VAR} as literal text: exactly what reaches the server here.
        String text = sendWith(entry);
        assertTrue(text.startsWith("[FINAL] SANDBOX: nothing was sent. SMS delivered to +14155552671."), text);
    }

    private static String sendWith(JsonNode entry) {
        List<String> args = new ArrayList<>();
        entry.path("args").forEach(a -> args.add(a.asText().endsWith("twilio-sms-mcp.jar")
                ? ServerProcess.jar().toString() : a.asText()));
        assertTrue(args.containsAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-jar")), args.toString());
        Map<String, String> env = new HashMap<>();
        ServerProcess.BLANKED.forEach(name -> env.put(name, ""));
        entry.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        ServerParameters parameters = ServerParameters.builder(ServerProcess.javaExecutable()).args(args).env(env).build();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(parameters, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(60))
                .build();
        try {
            client.initialize();
            assertEquals(7, client.listTools().tools().size());
            return text(client.callTool(new McpSchema.CallToolRequest("send_sms",
                    Map.of("to", "+14155552671", "message", "Hello from the example configuration"))));
        } finally {
            client.closeGracefully();
        }
    }
}
