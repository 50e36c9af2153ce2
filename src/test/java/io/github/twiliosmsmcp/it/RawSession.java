package io.github.twiliosmsmcp.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.fake.Scenario;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The jar spoken to in raw JSON-RPC lines, with every line it writes on stdout kept: for tests of
 * the wire itself, where an SDK client would hide what the server really wrote, and for tests that
 * kill it mid-call (kill -9), as a crash would.
 */
final class RawSession implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Thread stdoutReader;

    private RawSession(Process process) {
        this.process = process;
        stdoutReader = drain(process.getInputStream(), stdout, "stdout");
        drain(process.getErrorStream(), stderr, "stderr");
    }

    /** The jar with only {@code env} of the TWILIO_ and SMS_ variables, and a database of its own. */
    static RawSession start(Map<String, String> env, String... jvmFlags) throws IOException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.javaExecutable(), "-Xlog:disable",
                "-Xlog:all=warning:stderr"));
        command.addAll(List.of(jvmFlags));
        command.addAll(List.of("-jar", ServerProcess.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("TWILIO_") || name.startsWith("SMS_"));
        builder.environment().put("SMS_DATABASE", ServerProcess.freshDatabase().toString());
        builder.environment().putAll(ServerProcess.RELAXED_POLICY);
        builder.environment().put("HOME", Files.createTempDirectory("raw-home").toString());
        builder.environment().putAll(env);
        return new RawSession(builder.start());
    }

    private static Thread drain(java.io.InputStream stream, List<String> into, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    into.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "raw-" + name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /**
     * A server that dies by kill -9 between its create call and the record of its outcome: the
     * create reaches the fake, whose answer is held back, and the server is killed while it waits.
     */
    static void killedAfterTheCreate(Map<String, String> env, FakeTwilioApi twilio, String to, String message)
            throws IOException, InterruptedException {
        twilio.script(to, Scenario.delivered().delayCreateResponse(Duration.ofSeconds(30)));
        try (RawSession doomed = start(env).initialized()) {
            doomed.send(call(2, "send_sms", Map.of("to", to, "message", message)));
            Deadline.await(Duration.ofSeconds(30), () -> twilio.createsTo(to) == 1, "the create reached Twilio");
            doomed.process.destroyForcibly();
            if (!doomed.process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the killed server did not go away within 10 s");
            }
        }
    }

    /** The server's process, for a test that kills it. */
    Process process() {
        return process;
    }

    /** Initializes the session as a 2025 client does, waiting for the answer in between. */
    RawSession initialized() throws IOException {
        send(INITIALIZE);
        answer("\"init\"", Duration.ofSeconds(30));
        send(INITIALIZED);
        return this;
    }

    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    void send(byte[] line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(line);
        in.write('\n');
        in.flush();
    }

    static String call(Object id, String tool, Map<String, Object> arguments) {
        try {
            return JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call",
                    "params", Map.of("name", tool, "arguments", arguments)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** The answers to the request with this id (as JSON text, e.g. {@code 3} or {@code "a"}) so far. */
    List<JsonNode> answers(String id) {
        return lines().stream()
                .filter(node -> !node.has("method") && id.equals(String.valueOf(node.get("id"))))
                .toList();
    }

    JsonNode answer(String id, Duration limit) {
        Deadline.await(limit, () -> !answers(id).isEmpty(), "request " + id + " is answered");
        return answers(id).get(0);
    }

    /** Every line of stdout read as JSON; a line that is not JSON fails the test. */
    List<JsonNode> lines() {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : stdout) {
            try {
                nodes.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("stdout carried a line that is not JSON: " + line);
            }
        }
        return nodes;
    }

    List<String> rawStdout() {
        return stdout;
    }

    String stderr() {
        return String.join("\n", stderr);
    }

    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server did not exit within " + limit.toSeconds() + " s");
        }
        // Every line the process wrote is read only once its reader has seen the end of the pipe.
        stdoutReader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * SIGTERM, as a client or a service manager stops a server. Through the process handle, because
     * {@link Process#destroy()} also closes the pipes, and the answers written after it would be lost here.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
