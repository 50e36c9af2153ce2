package io.github.twiliosmsmcp.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A started server process spoken to in raw JSON-RPC lines, the way a client does, with no MCP SDK in
 * between: what the server really writes to stdout is what is checked, line by line.
 */
public final class StdioSession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Marks the end of stdout in the queue: its own instance, compared by identity, so no line the
     * server prints can pass for it.
     */
    private static final String END = new String("end of stdout");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> notJson = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private StdioSession(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readStdout, "server-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code builder}; its stdout must be a pipe, and its stderr should go somewhere drained. */
    public static StdioSession start(ProcessBuilder builder) throws IOException {
        return new StdioSession(builder.redirectOutput(ProcessBuilder.Redirect.PIPE).start());
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process went away: the end marker below says so to whoever waits.
        } finally {
            lines.add(END);
        }
    }

    /** {@code initialize} then {@code notifications/initialized}, as every client starts. */
    public JsonNode initialize(Duration limit) throws IOException {
        ObjectNode params = JSON.createObjectNode().put("protocolVersion", "2025-06-18");
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "twilio-sms-mcp-setup").put("version", "1");
        JsonNode result = request("initialize", params, limit);
        send(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
        return result;
    }

    /** {@code tools/call} of one tool; the answer's {@code result}. */
    public JsonNode callTool(String tool, ObjectNode arguments, Duration limit) throws IOException {
        ObjectNode params = JSON.createObjectNode().put("name", tool);
        params.set("arguments", arguments);
        return request("tools/call", params, limit);
    }

    /** Sends one request and waits for its answer; the answer's {@code result}, or an error if there is none. */
    public JsonNode request(String method, ObjectNode params, Duration limit) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            request.set("params", params);
        }
        send(request);
        JsonNode answer = awaitAnswer(id, limit, method);
        if (!answer.has("result")) {
            throw new IOException(method + " was answered with an error: " + answer.path("error"));
        }
        return answer.get("result");
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private void send(ObjectNode message) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private JsonNode awaitAnswer(int id, Duration limit, String method) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for the answer to " + method);
            }
            if (line == null) {
                throw new IOException("no answer to " + method + " within " + limit.toSeconds() + " s");
            }
            if (line == END) {
                lines.add(END);
                throw new IOException("the server closed stdout before answering " + method);
            }
            JsonNode message = parse(line);
            if (message != null && message.path("id").asInt(-1) == id) {
                return message;
            }
        }
    }

    private JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node != null && node.isObject() && "2.0".equals(node.path("jsonrpc").asText())) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // Counted below: a line that is not JSON-RPC is exactly what breaks a client.
        }
        notJson.add(line);
        return null;
    }

    /** Closes stdin, as a client does when it is done, and waits for the process to end. */
    public int closeAndWait(Duration limit) throws IOException {
        process.getOutputStream().close();
        int exit = Processes.awaitExit(process, limit, "the server, after stdin closed,");
        drainRemainingStdout();
        return exit;
    }

    private void drainRemainingStdout() {
        try {
            String line;
            do {
                line = lines.poll(5, TimeUnit.SECONDS);
                if (line != null && line != END) {
                    parse(line);
                }
            } while (line != null && line != END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every stdout line so far that was not a JSON-RPC message. */
    public List<String> linesThatAreNotJsonRpc() {
        return List.copyOf(notJson);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
