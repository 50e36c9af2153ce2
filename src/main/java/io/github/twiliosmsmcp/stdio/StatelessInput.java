package io.github.twiliosmsmcp.stdio;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stdin of the 2026-07-28 server: the lines {@link ClientInput} routes to it, checked like every
 * other. That server starts with the first such line, so a 2025 client never pays for it. This
 * input never ends: that SDK transport cancels every request in flight when its input ends, so the
 * end is not passed on, and {@link Shutdown} answers what is owed and then ends the process.
 */
final class StatelessInput extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(StatelessInput.class);

    private final ProtocolOutput out;
    private final BlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();
    private volatile BiConsumer<InputStream, OutputStream> server = (in, out) -> {
        throw new IllegalStateException("no server for protocol 2026-07-28 was given");
    };
    private boolean started;
    private byte[] line = new byte[0];
    private int position;

    StatelessInput(ProtocolOutput out) {
        this.out = out;
    }

    void serveWith(BiConsumer<InputStream, OutputStream> server) {
        this.server = server;
    }

    /** Passes a line on to the server, starting it first if need be; false if it could not be started. */
    boolean add(byte[] bytes) {
        if (!started) {
            try {
                server.accept(this, out.newWriter());
                started = true;
            } catch (RuntimeException e) {
                LOG.error("the server for protocol 2026-07-28 could not be started", e);
                return false;
            }
        }
        lines.add(ClientInput.withLineEnd(bytes));
        return true;
    }

    @Override
    public int read() throws InterruptedIOException {
        byte[] one = new byte[1];
        read(one, 0, 1);
        return one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws InterruptedIOException {
        if (length == 0) {
            return 0;
        }
        while (position >= line.length) {
            try {
                line = lines.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stopped waiting for a line");
            }
            position = 0;
        }
        int n = Math.min(length, line.length - position);
        System.arraycopy(line, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return line.length - position;
    }
}
