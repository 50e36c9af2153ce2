package io.github.twiliosmsmcp.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stdout as the SDK writes it, one JSON-RPC message per line. Each answer is matched with the
 * request it answers: one already answered (by the server at shutdown) is not answered again, and
 * an error the SDK worded in Java's terms is reworded. Once closed, nothing more reaches stdout.
 * Written to directly, it is the 2025 server's stdout; {@link #newWriter()} gives another server its own.
 */
final class ProtocolOutput extends OutputStream {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolOutput.class);
    /** What an exception's message looks like: a qualified class name, or the JVM's null-pointer wording. */
    private static final Pattern JAVA_INTERNALS = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|com|org|io|reactor)\\.[a-z]\\w*\\.|Exception\\b|Cannot invoke|because \"");

    private final OutputStream out;
    private final InFlight inFlight;
    private final ObjectMapper json;
    private final LineWriter sessionLines = new LineWriter(this::emit);
    private boolean closed;

    ProtocolOutput(OutputStream out, InFlight inFlight, ObjectMapper json) {
        this.out = out;
        this.inFlight = inFlight;
        this.json = json;
    }

    // Not synchronized here: the writer holds its own lock first, then this one's to emit a line.
    @Override
    public void write(int b) {
        sessionLines.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        sessionLines.write(bytes, offset, length);
    }

    /** Stdout for one more writer, whose lines never mix with another writer's. */
    OutputStream newWriter() {
        return new LineWriter(this::emit);
    }

    /** Writes an answer of the server's own, to a request the SDK never saw or will not answer now. */
    synchronized void reply(ObjectNode message) {
        try {
            writeLine(json.writeValueAsBytes(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on nothing reaches stdout: the last answer has been written. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                out.flush();
            } catch (IOException e) {
                LOG.debug("stdout could not be flushed: {}", e.toString());
            }
        }
    }

    private synchronized void emit(byte[] bytes) {
        JsonNode message;
        try {
            message = json.readTree(bytes);
        } catch (IOException e) {
            // The SDK writes only JSON; should that ever fail, stdout must still carry JSON-RPC alone.
            LOG.error("not written to stdout: a line that is not JSON ({} bytes)", bytes.length);
            return;
        }
        if (message == null || !message.isObject()) {
            return;
        }
        boolean answer = !message.has("method") && message.has("id");
        if (answer && !inFlight.finish(message.get("id").toString())) {
            LOG.debug("dropped a second answer to request {}", message.get("id"));
            return;
        }
        JsonNode error = message.path("error");
        String text = error.path("message").asText("");
        if (answer && JAVA_INTERNALS.matcher(text).find()) {
            LOG.warn("reworded an error the SDK gave for request {}: {}", message.get("id"), text);
            ObjectNode plain = ((ObjectNode) error).put("message",
                    "Internal error: the server could not handle this request; its log (stderr) has the details");
            plain.remove("data");
            reply((ObjectNode) message);
            return;
        }
        writeLine(bytes);
    }

    private void writeLine(byte[] bytes) {
        if (closed) {
            LOG.debug("not written after the last answer: {} bytes", bytes.length);
            return;
        }
        try {
            out.write(bytes);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            // The client is gone; there is no one left to tell.
            LOG.debug("stdout closed: {}", e.toString());
        }
    }
}
