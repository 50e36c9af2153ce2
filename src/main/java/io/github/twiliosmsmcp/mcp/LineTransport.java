package io.github.twiliosmsmcp.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The 2025 session on one JSON-RPC message a line, in place of the SDK's
 * {@code StdioServerTransportProvider}. That one hands every answer to a single-writer queue and,
 * when another thread holds it for 100 ms (a starved machine, many calls ending at once), drops the
 * answer with "Failed to enqueue message", after the call's side effect, an SMS, has happened. Here
 * an answer is written by the thread that has it, as one whole line, however long it must wait. Lines come from the stdio layer, which has already checked that the SDK can read them.
 */
final class LineTransport implements McpServerTransportProvider {
    private static final Logger LOG = LoggerFactory.getLogger(LineTransport.class);

    private final McpJsonMapper mapper;
    private final InputStream in;
    private final OutputStream out;
    private volatile McpServerSession session;

    LineTransport(McpJsonMapper mapper, InputStream in, OutputStream out) {
        this.mapper = mapper;
        this.in = in;
        this.out = out;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        session = factory.create(new Session());
        // Not a daemon: this thread keeps the process serving until the stdio layer ends it.
        new Thread(this::read, "mcp-stdin").start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                handle(line);
            }
        } catch (IOException e) {
            LOG.warn("stdin could not be read: {}", e.toString());
        }
    }

    private void handle(String line) {
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, line);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignored a line the SDK cannot read ({} characters)", line.length());
            return;
        }
        session.handle(message).subscribe(null, error -> LOG.warn("a message was not handled: {}", error.toString()));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession current = session;
        return current == null ? Mono.empty() : current.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession current = session;
        return current == null ? Mono.empty() : current.closeGracefully();
    }

    /** What the SDK's session writes through. */
    private final class Session implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> write(message));
        }

        private void write(McpSchema.JSONRPCMessage message) {
            try {
                byte[] json = mapper.writeValueAsBytes(message);
                byte[] line = new byte[json.length + 1];
                System.arraycopy(json, 0, line, 0, json.length);
                line[json.length] = '\n';
                // One write of a whole line: the stdio layer keeps lines whole under its own lock,
                // so no second lock is taken here that could be taken in the other order elsewhere.
                out.write(line);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return mapper.convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
