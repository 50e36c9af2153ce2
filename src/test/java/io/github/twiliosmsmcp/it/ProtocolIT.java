package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wire itself, without an SDK client in between: every line on stdout must be JSON-RPC, and
 * the process must go away soon after the client does (stdin closed or SIGTERM), even mid-call,
 * answering first.
 */
class ProtocolIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ServerProcess.javaExecutable(), "-Xlog:disable",
                "-Xlog:all=warning:stderr", "-jar", ServerProcess.jar().toString());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("TWILIO_") || name.startsWith("SMS_"));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    stdout.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    private void send(String json) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private JsonNode response(int id) {
        Deadline.await(Duration.ofSeconds(30), () -> find(id) != null, "the response to request " + id + " arrives");
        return find(id);
    }

    private JsonNode find(int id) {
        for (String line : stdout) {
            try {
                JsonNode node = JSON.readTree(line);
                if (node.path("id").asInt(-1) == id) {
                    return node;
                }
            } catch (IOException e) {
                // checked separately: every line must parse
            }
        }
        return null;
    }

    private void initialize() throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
        assertEquals("twilio-sms-mcp", response(1).path("result").path("serverInfo").path("name").asText());
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    @Test
    void everyLineOnStdoutIsJsonRpcAndTheProcessExitsWhenStdinCloses() throws Exception {
        launch();
        initialize();
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\","
                + "\"arguments\":{\"to\":\"+14155552671\",\"message\":\"hello\"},\"_meta\":{\"progressToken\":7}}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\",\"arguments\":{\"to\":[1,2]}}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"no/such/method\"}");
        send("this is not json");
        send("{\"foo\":1}");
        send("[{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}]");
        send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":\"nonsense\"}");
        send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\",\"arguments\":"
                + "{\"to\":\"" + "9".repeat(10_000) + "\",\"message\":\"x\"}}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\",\"arguments\":{}}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");

        assertEquals(7, response(2).path("result").path("tools").size());
        assertTrue(response(3).path("result").path("content").get(0).path("text").asText().startsWith("[FINAL] SANDBOX"));
        assertTrue(response(4).path("result").path("content").get(0).path("text").asText().startsWith("[FINAL]"));
        assertTrue(response(5).has("error"));
        assertTrue(response(6).has("error") || response(6).path("result").path("isError").asBoolean());
        assertTrue(response(7).has("result"), "the server keeps serving after bad input");
        assertTrue(response(9).has("error"), "a request with unreadable params gets a JSON-RPC error");
        assertTrue(response(10).path("result").path("content").get(0).path("text").asText().contains("too long"));

        process.getOutputStream().close();
        assertTrue(process.waitFor(5, TimeUnit.SECONDS), "the server exits once stdin is closed");
        assertEquals(3, stdout.stream().filter(l -> l.contains("\"id\":null")).count(),
                "the line that is not JSON, the object that is not JSON-RPC and the batch each get an error: " + stdout);
        for (String line : stdout) {
            JsonNode node = JSON.readTree(line);
            assertEquals("2.0", node.path("jsonrpc").asText(), "not JSON-RPC: " + line);
        }
        assertTrue(stdout.stream().anyMatch(l -> l.contains("notifications/progress")), "progress was reported");
    }

    @Test
    void aToolCallInFlightDoesNotKeepTheProcessAliveAfterStdinCloses() throws Exception {
        launch();
        initialize();
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"receive_sms\","
                + "\"arguments\":{\"from\":\"+14155552600\",\"wait_seconds\":45}}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
        response(3);
        process.getOutputStream().close();
        assertTrue(process.waitFor(5, TimeUnit.SECONDS), "a waiting receive_sms must not hold the process");
        assertTrue(response(2).has("result"), "the wait ends early, and its answer still goes out");
    }

    @Test
    void sigtermStopsTheServer() throws Exception {
        launch();
        initialize();
        process.destroy();
        assertTrue(process.waitFor(5, TimeUnit.SECONDS), "SIGTERM ends the process");
    }
}
