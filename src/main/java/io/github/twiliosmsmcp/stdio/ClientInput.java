package io.github.twiliosmsmcp.stdio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stdin as the SDK reads it: one JSON-RPC message per line, each checked first (see
 * {@link MessageCheck}). Two things the SDK does not do happen here. Lines the SDK would drop, or
 * answer badly, are answered directly; and the end of stdin is held back from the SDK's session until
 * {@link Shutdown} has drained every answer, so that nothing downstream can take the end of input for
 * the end of the session while a request is still owed its answer.
 * Requests of the 2026-07-28 era go to that era's server instead (see {@link StatelessInput}); this
 * stream carries everything else to the 2025 server.
 */
final class ClientInput extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(ClientInput.class);
    /** Far above any real request; a larger line is refused rather than held in memory. */
    static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

    private final InputStream in;
    private final MessageCheck check;
    private final InFlight inFlight;
    private final ProtocolOutput out;
    private final Runnable onEnd;
    private final StatelessInput stateless;
    private volatile Handshake handshake = Handshake.NOT_STARTED;
    private volatile boolean stopping;
    private byte[] line = new byte[0];
    private int position;
    private boolean inputEnded;
    private boolean ended;

    ClientInput(InputStream in, MessageCheck check, InFlight inFlight, ProtocolOutput out, StatelessInput stateless,
            Runnable onEnd) {
        this.in = in;
        this.check = check;
        this.inFlight = inFlight;
        this.out = out;
        this.stateless = stateless;
        this.onEnd = onEnd;
    }

    Handshake handshake() {
        return handshake;
    }

    /** Requests read from now on are refused: the server is on its way out. */
    void stopAccepting() {
        stopping = true;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (position >= line.length) {
            if (ended || !nextLine()) {
                return -1;
            }
        }
        int n = Math.min(length, line.length - position);
        System.arraycopy(line, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** Reads lines until one is ready for the SDK; false once stdin has ended and every answer is out. */
    private boolean nextLine() {
        if (inputEnded) {
            ended = true;
            onEnd.run();
            return false;
        }
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
            LOG.warn("stdin could not be read: {}", e.toString());
            b = -1;
        }
        if (tooLong) {
            out.reply(Replies.error(null, Replies.INVALID_REQUEST,
                    "Invalid request: a message may be at most " + MAX_LINE_BYTES / (1024 * 1024) + " MiB"));
        } else if (current.size() > 0) {
            accept(current.toByteArray());
        }
        // The last line goes to the SDK first; the end is reported on the next read.
        inputEnded = b == -1;
        return true;
    }

    private void accept(byte[] bytes) {
        Incoming incoming = check.check(bytes, handshake);
        if (incoming instanceof Incoming.Answer answer) {
            out.reply(answer.reply());
        } else if (incoming instanceof Incoming.Skip skip) {
            if (!isBlank(bytes)) {
                LOG.warn("ignored {}", skip.why());
            }
        } else if (incoming instanceof Incoming.Forward forward) {
            forward(forward);
        }
    }

    private void forward(Incoming.Forward forward) {
        if (forward.request().isPresent()) {
            Request request = forward.request().get();
            if (stopping) {
                out.reply(Replies.error(request.id(), Replies.SHUTTING_DOWN,
                        "The server is shutting down; this request was not processed"));
                return;
            }
            if (!inFlight.start(request)) {
                out.reply(Replies.error(request.id(), Replies.INVALID_REQUEST,
                        "Invalid request: id " + request.key() + " belongs to a request still in progress"));
                return;
            }
        }
        if (forward.era() == Era.STATELESS) {
            if (!stateless.add(forward.line())) {
                forward.request().ifPresent(this::unserved);
            }
            return;
        }
        if (forward.method().equals(MessageCheck.INITIALIZE) && handshake == Handshake.NOT_STARTED) {
            handshake = Handshake.INITIALIZING;
        } else if (forward.method().equals(MessageCheck.INITIALIZED)) {
            handshake = Handshake.DONE;
        }
        line = withLineEnd(forward.line());
        position = 0;
    }

    private void unserved(Request request) {
        if (inFlight.finish(request.key())) {
            out.reply(Replies.error(request.id(), Replies.INTERNAL_ERROR, "Internal error: the server could not serve"
                    + " protocol 2026-07-28; its log (stderr) has the details"));
        }
    }

    static byte[] withLineEnd(byte[] bytes) {
        byte[] line = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, line, 0, bytes.length);
        line[bytes.length] = '\n';
        return line;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public int available() {
        return line.length - position;
    }
}
