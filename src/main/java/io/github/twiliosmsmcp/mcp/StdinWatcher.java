package io.github.twiliosmsmcp.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Notices when the client closes our stdin. The SDK has no hook for it, and a tool call still
 * running would keep the JVM alive after the client is gone.
 */
public final class StdinWatcher extends FilterInputStream {
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    public StdinWatcher(InputStream in, Runnable onClose) {
        super(in);
        this.onClose = onClose;
    }

    @Override
    public int read() throws IOException {
        return notice(() -> super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return notice(() -> super.read(b, off, len));
    }

    private interface Read {
        int run() throws IOException;
    }

    private int notice(Read read) throws IOException {
        try {
            int n = read.run();
            if (n < 0) {
                closed();
            }
            return n;
        } catch (IOException e) {
            closed();
            throw e;
        }
    }

    private void closed() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }
}
