package io.github.twiliosmsmcp.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.app.App;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.policy.Mode;
import io.github.twiliosmsmcp.mcp.SmsServer;
import io.github.twiliosmsmcp.common.StoppableSleeper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stdio layer in-process: with the real SDK server in the sandbox where a whole session is
 * needed, and alone where the SDK must be kept from answering.
 */
class StdioChannelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private StdioChannel channel;

    private static String send(int id, String to) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"send_sms\","
                + "\"arguments\":{\"to\":\"" + to + "\",\"message\":\"hello " + id + "\"}}}";
    }

    /** A sandbox server whose stdin is fed by the returned pipe. */
    private PipedOutputStream serve(Duration grace) throws IOException {
        PipedOutputStream client = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(client, 1 << 20);
        StoppableSleeper sleeper = new StoppableSleeper();
        channel = StdioChannel.open(stdin, stdout, JSON, sleeper, grace, exit::complete);
        App app = new App(new Environment(Map.of("SMS_QUIET_HOURS", "off")), "test", Clock.systemUTC(), sleeper);
        SmsServer.start(app, Mode.LIVE, Clock.systemUTC(), "test", JSON, channel.input(), channel.output());
        return client;
    }

    private static void write(PipedOutputStream client, String... lines) throws IOException {
        for (String line : lines) {
            client.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        client.flush();
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    private List<JsonNode> answers() throws IOException {
        return lines().stream().filter(n -> n.has("id") && !n.has("method")).toList();
    }

    @Test
    void everyRequestReadBeforeStdinClosesIsAnsweredOnceThenTheServerExits() throws Exception {
        PipedOutputStream client = serve(Duration.ofSeconds(60));
        write(client, INIT, INITIALIZED);
        for (int id = 1; id <= 10; id++) {
            write(client, send(id, "+1415555" + (2600 + id)));
        }
        client.close();

        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        List<JsonNode> answers = answers();
        assertEquals(11, answers.size(), stdout.toString(StandardCharsets.UTF_8));
        for (int id = 1; id <= 10; id++) {
            int wanted = id;
            JsonNode answer = answers.stream().filter(a -> a.get("id").asInt() == wanted).findFirst().orElseThrow();
            assertTrue(answer.path("result").path("content").get(0).path("text").asText().startsWith("[FINAL]"),
                    answer.toString());
        }
        int written = stdout.size();
        channel.output().write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{}}\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(written, stdout.size(), "nothing is written after the last answer");
    }

    @Test
    void requestsHeldForAHandshakeThatNeverFinishedAreAnsweredWhenStdinCloses() throws Exception {
        PipedOutputStream client = serve(Duration.ofSeconds(60));
        write(client, INIT, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        client.close();

        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        List<JsonNode> answers = answers();
        assertEquals(2, answers.size(), answers.toString());
        JsonNode held = answers.stream().filter(a -> a.get("id").asInt() == 2).findFirst().orElseThrow();
        assertEquals(-32600, held.path("error").path("code").asInt());
        assertTrue(held.path("error").path("message").asText().contains("never initialized"), held.toString());
    }

    @Test
    void aCallStillRunningAfterTheGraceIsAnsweredAsUnfinishedAndItsLateAnswerIsDropped() throws Exception {
        InFlight inFlight = new InFlight();
        ProtocolOutput output = new ProtocolOutput(stdout, inFlight, JSON);
        Shutdown shutdown = new Shutdown(inFlight, output, new StoppableSleeper(), Duration.ofMillis(200), exit::complete);
        String call = send(7, "+14155552671");
        ClientInput input = new ClientInput(new ByteArrayInputStream((INIT + "\n" + INITIALIZED + "\n" + call + "\n")
                .getBytes(StandardCharsets.UTF_8)), new MessageCheck(JSON), inFlight, output,
                new StatelessInput(output), () -> shutdown.stop("stdin closed", 0));
        shutdown.watch(input);
        output.write("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{}}\n".getBytes(StandardCharsets.UTF_8));

        // Reading as the SDK does, which here never answers the call: the end of stdin stops the server.
        byte[] sink = new byte[1 << 16];
        while (input.read(sink, 0, sink.length) >= 0) {
            // the lines go nowhere
        }
        assertEquals(0, exit.get(5, TimeUnit.SECONDS));
        output.write(("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[]}}\n").getBytes(StandardCharsets.UTF_8));

        List<JsonNode> answers = answers();
        assertEquals(2, answers.size(), answers.toString());
        JsonNode unfinished = answers.get(1);
        assertEquals(7, unfinished.get("id").asInt());
        assertTrue(unfinished.path("result").path("isError").asBoolean());
        assertEquals(Shutdown.NOT_FINISHED, unfinished.path("result").path("content").get(0).path("text").asText());
    }

    @Test
    void aRequestReadAfterTheServerBeganToStopIsRefusedAndAnErrorInJavasWordsIsReworded() throws Exception {
        InFlight inFlight = new InFlight();
        ProtocolOutput output = new ProtocolOutput(stdout, inFlight, JSON);
        ClientInput input = new ClientInput(new ByteArrayInputStream((INIT + "\n" + send(3, "+14155552671") + "\n")
                .getBytes(StandardCharsets.UTF_8)), new MessageCheck(JSON), inFlight, output,
                new StatelessInput(output), () -> { });
        byte[] sink = new byte[1 << 16];
        input.read(sink, 0, sink.length);
        output.write(("{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32603,\"message\":\"Cannot invoke"
                + " \\\"io.modelcontextprotocol.spec.McpSchema$InitializeRequest.capabilities()\\\" because"
                + " \\\"initializeRequest\\\" is null\",\"data\":\"java.lang.NullPointerException\"}}\n")
                .getBytes(StandardCharsets.UTF_8));
        input.stopAccepting();
        while (input.read(sink, 0, sink.length) >= 0) {
            // drained
        }

        List<JsonNode> answers = answers();
        assertEquals(2, answers.size(), answers.toString());
        JsonNode reworded = answers.get(0).path("error");
        assertEquals(-32603, reworded.path("code").asInt());
        assertTrue(reworded.path("message").asText().startsWith("Internal error"), reworded.toString());
        assertTrue(reworded.path("data").isMissingNode(), reworded.toString());
        assertEquals(Replies.SHUTTING_DOWN, answers.get(1).path("error").path("code").asInt());
        assertEquals(0, inFlight.size(), "a refused request is owed nothing more");
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedAndTheNextOneStillServed() throws Exception {
        InFlight inFlight = new InFlight();
        ProtocolOutput output = new ProtocolOutput(stdout, inFlight, JSON);
        byte[] huge = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""
                + "x".repeat(ClientInput.MAX_LINE_BYTES) + "\"}}\n").getBytes(StandardCharsets.UTF_8);
        byte[] ping = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[huge.length + ping.length];
        System.arraycopy(huge, 0, both, 0, huge.length);
        System.arraycopy(ping, 0, both, huge.length, ping.length);
        ClientInput input = new ClientInput(new ByteArrayInputStream(both), new MessageCheck(JSON), inFlight, output,
                new StatelessInput(output), () -> { });
        assertEquals(-1, input.read(new byte[1 << 16], 0, 1 << 16), "nothing for the SDK: both are answered here");

        List<JsonNode> answers = answers();
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid request: a"
                + " message may be at most 4 MiB\"}}", answers.get(0).toString());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}", answers.get(1).toString());
    }
}
