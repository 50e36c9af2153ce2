package io.github.twiliosmsmcp.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.fake.Scenario;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The jar driven with raw JSON-RPC lines and no client reading its answers, for tests that kill it
 * mid-call (kill -9), as a crash or an impatient client would.
 */
final class RawServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;

    private RawServer(Process process) {
        this.process = process;
    }

    /**
     * A server that dies by kill -9 between its create call and the record of its outcome: the
     * create reaches the fake, whose answer is held back, and the server is killed while it waits.
     */
    static void killedAfterTheCreate(Map<String, String> env, FakeTwilioApi twilio, String to, String message)
            throws IOException, InterruptedException {
        twilio.script(to, Scenario.delivered().delayCreateResponse(Duration.ofSeconds(30)));
        RawServer doomed = start(env);
        try {
            doomed.sendSms(to, message);
            Deadline.await(Duration.ofSeconds(30), () -> twilio.createsTo(to) == 1, "the create reached Twilio");
        } finally {
            doomed.kill();
        }
    }

    private static RawServer start(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ServerProcess.javaExecutable(), "-Xlog:disable",
                "-Xlog:all=warning:stderr", "-jar", ServerProcess.jar().toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("TWILIO_") || name.startsWith("SMS_"));
        builder.environment().putAll(env);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        RawServer server = new RawServer(builder.start());
        server.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"doomed\",\"version\":\"1\"}}}");
        server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return server;
    }

    private void sendSms(String to, String message) throws IOException {
        send(JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/call", "params",
                Map.of("name", "send_sms", "arguments", Map.of("to", to, "message", message)))));
    }

    private void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed server did not go away within 10 s");
        }
    }

    private void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
