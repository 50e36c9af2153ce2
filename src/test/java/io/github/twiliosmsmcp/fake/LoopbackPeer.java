package io.github.twiliosmsmcp.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A raw TCP server on 127.0.0.1 that misbehaves on purpose: it answers a TLS hello with plain
 * text, hangs up during the handshake, resets the connection after reading a request, or echoes
 * the request (Authorization header included) as an unreadable body. Each connection gets its own
 * thread; {@link #connections()} counts them, so a test can tell whether a retry was attempted.
 */
public final class LoopbackPeer implements AutoCloseable {

    /** What the peer does with one accepted connection. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket connection) throws IOException;
    }

    private static final String KEYSTORE = "/loopback-tls.p12";
    private static final char[] KEYSTORE_PASSWORD = "loopback-test".toCharArray();

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private LoopbackPeer(Behaviour behaviour) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        this.behaviour = behaviour;
        Thread acceptor = new Thread(this::acceptAll, "loopback-peer-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static LoopbackPeer start(Behaviour behaviour) {
        try {
            return new LoopbackPeer(behaviour);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback peer", e);
        }
    }

    public String url(String scheme) {
        return scheme + "://127.0.0.1:" + server.getLocalPort();
    }

    /** How many connections were accepted so far. */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing a listening socket has nothing left to report.
        }
        open.forEach(LoopbackPeer::closeQuietly);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            Socket connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            open.add(connection);
            Thread worker = new Thread(() -> {
                try {
                    behaviour.serve(connection);
                } catch (IOException e) {
                    // The client hung up: nothing left to do with this connection.
                } finally {
                    closeQuietly(connection);
                }
            }, "loopback-peer-connection");
            worker.setDaemon(true);
            worker.start();
        }
    }

    // ---- behaviours ----------------------------------------------------------------------------

    /** Reads the client's first bytes (a TLS ClientHello, when the client speaks https) and hangs up. */
    public static Behaviour closeOnHello() {
        return connection -> {
            connection.getInputStream().read(new byte[512]);
        };
    }

    /** Reads the client's first bytes and resets the connection (RST instead of FIN). */
    public static Behaviour resetOnHello() {
        return connection -> {
            connection.getInputStream().read(new byte[512]);
            connection.setSoLinger(true, 0);
        };
    }

    /** Answers whatever comes first with a plain HTTP response: garbage to a TLS client. */
    public static Behaviour plainHttpToAnything() {
        return connection -> {
            connection.getInputStream().read(new byte[512]);
            OutputStream out = connection.getOutputStream();
            out.write(response(200, "application/json", "{}"));
            out.flush();
            drain(connection.getInputStream());
        };
    }

    /** Reads one whole HTTP request, then does {@code then} with the request's text. */
    public static Behaviour afterRequest(RequestHandler then) {
        return connection -> then.handle(connection, readRequest(connection.getInputStream()));
    }

    /** What to do once a whole request was read. */
    @FunctionalInterface
    public interface RequestHandler {
        void handle(Socket connection, String request) throws IOException;
    }

    /** Closes without answering. */
    public static RequestHandler hangUp() {
        return (connection, request) -> {};
    }

    /** Resets the connection without answering. */
    public static RequestHandler reset() {
        return (connection, request) -> connection.setSoLinger(true, 0);
    }

    /** Never answers; waits until the client gives up. */
    public static RequestHandler silence() {
        return (connection, request) -> drain(connection.getInputStream());
    }

    /** Answers with {@code status} and a body made from the request (the request itself, for an echo). */
    public static RequestHandler answer(int status, String contentType, UnaryOperator<String> body) {
        return (connection, request) -> {
            connection.getOutputStream().write(response(status, contentType, body.apply(request)));
            connection.getOutputStream().flush();
        };
    }

    /**
     * Speaks TLS with the test certificate (a self-signed one for 127.0.0.1 that only
     * {@link #trustingTestCertificate()} trusts), then hands the encrypted connection to {@code inner}.
     */
    public static Behaviour tls(Behaviour inner) {
        return connection -> inner.serve(handshake(connection));
    }

    /**
     * Completes the TLS handshake and reads the encrypted request, then writes plain bytes on the
     * raw connection: the client's TLS layer fails after the whole request was sent.
     */
    public static Behaviour tlsThenPlainBytesAfterRequest() {
        return connection -> {
            readRequest(handshake(connection).getInputStream());
            connection.getOutputStream().write(response(200, "application/json", "{}"));
            connection.getOutputStream().flush();
            drain(connection.getInputStream());
        };
    }

    private static SSLSocket handshake(Socket connection) throws IOException {
        SSLSocket secure = (SSLSocket) testTls().getSocketFactory()
                .createSocket(connection, "127.0.0.1", connection.getPort(), false);
        secure.setUseClientMode(false);
        secure.startHandshake();
        return secure;
    }

    /** A client-side context that trusts the test certificate, as if it were Twilio's. */
    public static SSLContext trustingTestCertificate() {
        return testTls();
    }

    private static SSLContext testTls() {
        try (InputStream in = LoopbackPeer.class.getResourceAsStream(KEYSTORE)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, KEYSTORE_PASSWORD);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, KEYSTORE_PASSWORD);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(keys);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test certificate " + KEYSTORE, e);
        }
    }

    // ---- HTTP by hand --------------------------------------------------------------------------

    /** The request line, headers and body of one HTTP/1.1 request with a Content-Length (or none). */
    static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before the request was complete");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** {@code text} as a JSON string literal: where a message should be, Jackson's error messages quote it. */
    public static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    private static byte[] response(int status, String contentType, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " Whatever\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + content.length + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(content, 0, all, headBytes.length, content.length);
        return all;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // Discard until the client closes.
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed by the other side.
        }
    }
}
