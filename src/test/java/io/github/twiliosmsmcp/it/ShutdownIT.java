package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.fake.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away while calls are in flight (stdin closed, SIGTERM) still gets every answer,
 * and each message it asked for is created exactly once.
 */
class ShutdownIT {
    private FakeTwilioApi twilio;
    private RawSession session;

    @BeforeEach
    void fake() {
        twilio = TwilioServerIT.startFake();
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        twilio.close();
    }

    private RawSession twilioSession() throws IOException {
        session = RawSession.start(TwilioServerIT.env(twilio, Map.of()));
        return session.initialized();
    }

    private static String to(int i) {
        return "+1415555" + (2700 + i);
    }

    private void assertEachSendAnsweredOnce(int sends) {
        for (int i = 1; i <= sends; i++) {
            List<JsonNode> answers = session.answers(String.valueOf(i));
            assertEquals(1, answers.size(), "answers to send " + i + ": " + answers + "\n" + session.stderr());
            String text = answers.get(0).path("result").path("content").path(0).path("text").asText();
            assertTrue(text.startsWith("[FINAL] SMS"), text);
            assertEquals(1, twilio.createsTo(to(i)), "creates to " + to(i));
        }
    }

    @Test
    void theReadmeStartCheckPrintsItsAnswerEveryTime() throws Exception {
        Path input = Files.createTempFile("initialize", ".jsonl");
        Files.writeString(input, RawSession.INITIALIZE + "\n");
        List<List<String>> flagSets = List.of(List.of(), List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        for (List<String> flags : flagSets) {
            for (int run = 0; run < 5; run++) {
                List<String> command = new java.util.ArrayList<>(List.of(ServerProcess.javaExecutable(),
                        "-Xlog:disable", "-Xlog:all=warning:stderr"));
                command.addAll(flags);
                command.addAll(List.of("-jar", ServerProcess.jar().toString()));
                ProcessBuilder builder = new ProcessBuilder(command).redirectInput(input.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                builder.environment().keySet().removeIf(n -> n.startsWith("TWILIO_") || n.startsWith("SMS_"));
                Process process = builder.start();
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(20, TimeUnit.SECONDS));
                assertEquals(0, process.exitValue());
                assertTrue(stdout.startsWith("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"result\":{"),
                        "run " + run + " with " + flags + " printed: " + stdout);
                assertEquals(1, stdout.lines().count(), stdout);
            }
        }
    }

    @Test
    void tenSendsThenStdinClosedAllAreCreatedOnceAndAllAnswered() throws Exception {
        twilioSession();
        for (int i = 1; i <= 10; i++) {
            session.send(RawSession.call(i, "send_sms", Map.of("to", to(i), "message", "closing " + i)));
        }
        session.closeStdin();

        assertEquals(0, session.awaitExit(Duration.ofSeconds(40)));
        assertEachSendAnsweredOnce(10);
        assertEquals(10, twilio.createCount());
    }

    @Test
    void sendsInFlightWhenSigtermArrivesAreAnsweredBeforeTheServerExits() throws Exception {
        twilioSession();
        for (int i = 1; i <= 5; i++) {
            // Twilio holds each answer back, so every send is certainly mid-create when the signal comes.
            twilio.script(to(i), Scenario.delivered().delayCreateResponse(Duration.ofSeconds(2)));
            session.send(RawSession.call(i, "send_sms", Map.of("to", to(i), "message", "terminated " + i)));
        }
        Deadline.await(Duration.ofSeconds(30), () -> twilio.createCount() == 5, "all five creates reached Twilio");
        session.terminate();

        assertEquals(143, session.awaitExit(Duration.ofSeconds(40)));
        assertEachSendAnsweredOnce(5);
        assertTrue(session.stderr().contains("SIGTERM received; answering 5 request(s) in flight"), session.stderr());
    }

    @Test
    void aSecondSigtermEndsTheServerAtOnce() throws Exception {
        twilioSession();
        twilio.script(to(1), Scenario.delivered().delayCreateResponse(Duration.ofSeconds(30)));
        session.send(RawSession.call(1, "send_sms", Map.of("to", to(1), "message", "stuck")));
        Deadline.await(Duration.ofSeconds(30), () -> twilio.createCount() == 1, "the create reached Twilio");
        session.terminate();
        Deadline.await(Duration.ofSeconds(10), () -> session.stderr().contains("SIGTERM received"),
                "the server began to stop");
        assertTrue(session.alive(), "the first SIGTERM waits for the send in flight");
        session.terminate();

        assertEquals(143, session.awaitExit(Duration.ofSeconds(5)));
        assertEquals(1, twilio.createCount());
    }
}
