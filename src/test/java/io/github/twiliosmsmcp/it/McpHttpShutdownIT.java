package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM while a 2025 client keeps its session's event stream open (as LibreChat does) and a tool
 * call is in flight: the stream is ended at once, the call still gets its answer, and the service is
 * gone well inside the 10 s a container manager waits before it kills, not after its 15 s grace.
 */
@Timeout(120)
class McpHttpShutdownIT {
    private static final Pattern PRINTED_TOKEN = Pattern.compile("smcp_[A-Za-z0-9_-]{43}");

    @Test
    void anOpenEventStreamDoesNotHoldTheStopAndTheCallInFlightIsAnswered() throws Exception {
        try (ServiceProcess service = ServiceProcess.startWithoutPublicUrl(Map.of("SMS_QUIET_HOURS", "off"))) {
            Matcher printed = PRINTED_TOKEN.matcher(service.stderr());
            assertTrue(printed.find(), service.stderr());
            HttpMcpClient client = HttpMcpClient.session(service.baseUrl + "/mcp", printed.group());
            try (Socket stream = client.openEventStream();
                    Socket call = client.postAndKeepOpen(client.toolCall("receive_sms", Map.of("wait_seconds", 3),
                            Optional.of("waiting")))) {
                call.setSoTimeout(20_000);
                String progress = untilProgress(call.getInputStream());

                long stopping = System.nanoTime();
                service.process().toHandle().destroy();
                String answer = progress + new String(call.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(drained(stream.getInputStream()), "the server ended the event stream");
                assertTrue(service.process().waitFor(30, TimeUnit.SECONDS), service.stderr());
                long tookSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopping);

                assertTrue(answer.contains("\"result\""), "the call in flight got its answer: " + answer);
                assertTrue(service.stderr().contains("INFO Service - Stopped"), "a clean stop:\n" + service.stderr());
                assertTrue(tookSeconds < 10, "stopped in " + tookSeconds + " s:\n" + service.stderr());
            }
        }
    }

    /** What the call's stream said until its first progress notification: the server is working on it. */
    private static String untilProgress(InputStream in) throws java.io.IOException {
        StringBuilder read = new StringBuilder();
        byte[] buffer = new byte[4096];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            if (read.indexOf("notifications/progress") >= 0) {
                return read.toString();
            }
        }
        throw new AssertionError("the call ended before any progress: " + read);
    }

    /** Reads the stream to its end; true once the server closed it. */
    private static boolean drained(InputStream in) throws java.io.IOException {
        byte[] buffer = new byte[4096];
        int n;
        do {
            n = in.read(buffer);
        } while (n >= 0);
        return true;
    }
}
