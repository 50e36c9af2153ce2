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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client's start budget pays for: the JVM's own class-load log shows that answering
 * {@code initialize} and {@code tools/list} loads nothing that only a tool call needs (the Twilio
 * SDK, libphonenumber, SQLite) and not the SDK's JSON Schema validator. The log is written before
 * each answer leaves, so reading it after an answer shows everything loaded up to then.
 */
class LazyStartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NOT_BEFORE_A_TOOL_CALL = List.of("com.twilio.", "com.google.i18n.phonenumbers.",
            "org.sqlite.", "com.networknt.");

    @TempDir
    Path dir;
    private Process process;
    private BufferedReader stdout;

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    @Timeout(60)
    void startingAndListingToolsLoadsNothingAToolCallNeeds() throws Exception {
        Path classLog = dir.resolve("classes.log");
        ProcessBuilder builder = new ProcessBuilder(ServerProcess.javaExecutable(), "-Xlog:disable",
                "-Xlog:all=warning:stderr", "-Xlog:class+load=info:file=" + classLog, "-jar", ServerProcess.jar().toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("TWILIO_") || name.startsWith("SMS_"));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        process = builder.start();
        stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));

        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"lazy\",\"version\":\"1\"}}}");
        response(1);
        assertNoneLoaded(classLog, "before the initialize answer");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        assertEquals(7, response(2).path("result").path("tools").size());
        assertNoneLoaded(classLog, "before the tools/list answer");

        // The control: the first tool call does load them, so the log is read correctly.
        send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\","
                + "\"arguments\":{\"to\":\"+14155552671\",\"message\":\"hello\"}}}");
        assertTrue(response(3).path("result").path("content").get(0).path("text").asText().startsWith("[FINAL]"));
        assertTrue(loaded(classLog).stream().anyMatch(c -> c.startsWith("com.google.i18n.phonenumbers.")),
                "a send loads libphonenumber");

        process.getOutputStream().close();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the server exits once stdin is closed");
    }

    static void assertNoneLoaded(Path classLog, String when) throws IOException {
        List<String> classes = loaded(classLog);
        assertTrue(classes.contains("io.github.twiliosmsmcp.Main"), "the class-load log is written: " + classLog);
        List<String> early = classes.stream().filter(c -> NOT_BEFORE_A_TOOL_CALL.stream().anyMatch(c::startsWith)).toList();
        assertEquals(List.of(), early, "loaded " + when);
    }

    /** Class names from lines such as "[0.081s][info][class,load] a.b.C source: jrt:/java.base". */
    static List<String> loaded(Path classLog) throws IOException {
        return Files.readAllLines(classLog).stream()
                .filter(line -> line.contains("[class,load]"))
                .map(line -> line.substring(line.indexOf("[class,load]") + "[class,load]".length()).trim().split(" ")[0])
                .toList();
    }

    private void send(String json) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Reads stdout up to the answer to request {@code id}; the test's timeout bounds the wait. */
    private JsonNode response(int id) throws IOException {
        String line;
        while ((line = stdout.readLine()) != null) {
            JsonNode node = JSON.readTree(line);
            if (node.path("id").asInt(-1) == id) {
                return node;
            }
        }
        throw new AssertionError("stdout ended before the answer to request " + id);
    }
}
