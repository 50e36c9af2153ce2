package io.github.twiliosmsmcp.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineTransportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Stdout as a starved machine sees it: the first write stalls far past the SDK queue's 100 ms. */
    private static final class StallingOutput extends OutputStream {
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private boolean stalled;

        @Override
        public synchronized void write(int b) {
            written.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            if (!stalled) {
                stalled = true;
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            written.write(bytes, offset, length);
        }

        synchronized String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void answersFromManyThreadsAreAllWrittenWholeHoweverLongTheOutputStalls() throws Exception {
        StallingOutput out = new StallingOutput();
        CompletableFuture<McpServerTransport> transport = new CompletableFuture<>();
        new LineTransport(new JacksonMcpJsonMapper(JSON), new ByteArrayInputStream(new byte[0]), out)
                .setSessionFactory(session -> {
                    transport.complete(session);
                    return null;
                });
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> sent = new ArrayList<>();
        try {
            for (int thread = 0; thread < 16; thread++) {
                int first = thread * 20;
                sent.add(threads.submit(() -> {
                    go.await();
                    for (int id = first; id < first + 20; id++) {
                        transport.get().sendMessage(new McpSchema.JSONRPCResponse("2.0", id, Map.of("n", id), null))
                                .block();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> each : sent) {
                each.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        Set<Integer> ids = new HashSet<>();
        for (String line : out.text().split("\n")) {
            JsonNode answer = JSON.readTree(line);
            assertEquals(answer.get("id").asInt(), answer.path("result").path("n").asInt(), line);
            ids.add(answer.get("id").asInt());
        }
        assertEquals(320, ids.size(), "every answer written once");
    }
}
