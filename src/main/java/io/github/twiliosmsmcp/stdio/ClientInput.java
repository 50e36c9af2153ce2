package io.github.twiliosmsmcp.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stdin as the SDK reads it: one JSON-RPC message per line. Two things the SDK does not do happen
 * here. A line the SDK could not read as a JSON-RPC message is dropped, because one such line makes
 * the SDK stop reading the session for good, losing answers still in flight; and the end of stdin
 * is reported, because the SDK has no hook for it and a running tool call would otherwise keep the
 * JVM alive.
 */
public final class ClientInput extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(ClientInput.class);
    /** Far above any real request; a larger line is dropped rather than held in memory. */
    static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

    private final InputStream in;
    private final Runnable onClose;
    private final McpJsonMapper mapper;
    private byte[] line = new byte[0];
    private int position;
    private boolean ended;
    private boolean lastLineRead;

    public ClientInput(InputStream in, McpJsonMapper mapper, Runnable onClose) {
        this.in = in;
        this.mapper = mapper;
        this.onClose = onClose;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position >= line.length) {
            if (lastLineRead) {
                end();
            }
            if (ended || !nextLine()) {
                return -1;
            }
        }
        int n = Math.min(length, line.length - position);
        System.arraycopy(line, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** Reads lines until a well-formed one is ready; false at the end of stdin. */
    private boolean nextLine() throws IOException {
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        boolean tooLong = false;
        int b;
        try {
            while ((b = in.read()) != -1 && b != '\n') {
                if (current.size() < MAX_LINE_BYTES) {
                    current.write(b);
                } else {
                    tooLong = true;
                }
            }
        } catch (IOException e) {
            end();
            throw e;
        }
        if (b == -1 && current.size() == 0) {
            end();
            return false;
        }
        byte[] bytes = current.toByteArray();
        if (tooLong) {
            LOG.warn("ignored an input line longer than {} bytes", MAX_LINE_BYTES);
        } else if (isBlank(bytes)) {
            // Blank lines carry nothing; passing them on would only make the SDK log an error.
        } else if (!readable(bytes)) {
            LOG.warn("ignored an input line that is not a JSON-RPC message ({} bytes)", bytes.length);
        } else {
            line = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, line, 0, bytes.length);
            line[bytes.length] = '\n';
            position = 0;
        }
        lastLineRead = b == -1;
        return true;
    }

    private boolean readable(byte[] bytes) {
        try {
            McpSchema.deserializeJsonRpcMessage(mapper, new String(bytes, StandardCharsets.UTF_8));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private void end() {
        if (!ended) {
            ended = true;
            onClose.run();
        }
    }

    @Override
    public int available() {
        return line.length - position;
    }
}
