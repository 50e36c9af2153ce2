import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The load generator of bench/webhooks, run as a single-file program ({@code java bench/WebhookLoad.java}).
 *
 * <p>Every request is signed and encoded before the clock starts, so the measured phase costs the
 * generator one socket write and one read per webhook. Each worker thread owns one keep-alive
 * connection to 127.0.0.1 and sends its next webhook when the answer to the last one has arrived.
 * With a target rate (open loop), request i is due at start + i / rate and its latency is counted
 * from that moment, so a server that falls behind is charged for the queue it causes (no
 * coordinated omission).
 *
 * <p>Prints one JSON object to stdout; writes the MessageSid of every webhook answered 200 to the
 * file given by --accepted, for the durability check.
 */
public final class WebhookLoad {
    private static final String PATH = "/twilio/inbound";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int port = Integer.parseInt(options.get("port"));
        int warmup = Integer.parseInt(options.get("warmup"));
        int requests = Integer.parseInt(options.get("requests"));
        int concurrency = Integer.parseInt(options.get("concurrency"));
        double rate = Double.parseDouble(options.get("rate"));
        double maxSeconds = Double.parseDouble(options.get("max-seconds"));
        Signer signer = new Signer(options.get("token"), options.get("public-url") + PATH, options.get("account"),
                options.get("to"), options.get("sid-prefix"));

        Phase warm = new Phase(signer, 0, warmup);
        Phase measured = new Phase(signer, warmup, requests);
        // Warm-up runs closed loop: it is there to compile the hot paths of both JVMs, not to measure.
        warm.run(port, concurrency, 0, maxSeconds);
        long serverTicksBefore = cpuTicks(options.get("server-pid"));
        long ownCpuBefore = ownCpuNanos();
        measured.run(port, concurrency, rate, maxSeconds);
        long serverTicks = cpuTicks(options.get("server-pid")) - serverTicksBefore;
        double ticksPerSecond = Double.parseDouble(options.get("clock-ticks"));
        long ownCpu = ownCpuNanos() - ownCpuBefore;

        List<String> accepted = new ArrayList<>();
        warm.acceptedSids(accepted);
        measured.acceptedSids(accepted);
        Files.write(Path.of(options.get("accepted")), accepted, StandardCharsets.US_ASCII);
        System.out.println(measured.json(warm, rate, serverTicks * 1e9 / ticksPerSecond, ownCpu));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    /** User + system CPU time of a process, in clock ticks, from /proc/PID/stat. */
    private static long cpuTicks(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Builds Twilio's "a message comes in" webhook, signed as Twilio signs it. */
    record Signer(String token, String url, String account, String to, String sidPrefix) {
        String sid(int index) {
            return sidPrefix + String.format("%0" + (32 - sidPrefix.length() + 2) + "x", index);
        }

        /** The whole HTTP/1.1 request: the fields Twilio sends for a one-segment SMS without media. */
        byte[] request(int index) {
            String sid = sid(index);
            Map<String, String> fields = new TreeMap<>();
            fields.put("ToCountry", "US");
            fields.put("ToState", "CA");
            fields.put("SmsMessageSid", sid);
            fields.put("NumMedia", "0");
            fields.put("ToCity", "SAN FRANCISCO");
            fields.put("FromZip", "94105");
            fields.put("SmsSid", sid);
            fields.put("FromState", "CA");
            fields.put("SmsStatus", "received");
            fields.put("FromCity", "SAN FRANCISCO");
            fields.put("Body", "Benchmark reply " + index + ": yes, Tuesday at 10 works for me. See you then!");
            fields.put("FromCountry", "US");
            fields.put("To", to);
            fields.put("ToZip", "94105");
            fields.put("NumSegments", "1");
            fields.put("MessageSid", sid);
            fields.put("AccountSid", account);
            fields.put("From", String.format("+1415555%04d", index % 10_000));
            fields.put("ApiVersion", "2010-04-01");
            StringBuilder signed = new StringBuilder(url);
            StringBuilder form = new StringBuilder();
            fields.forEach((name, value) -> {
                signed.append(name).append(value);
                form.append(form.length() == 0 ? "" : "&").append(encode(name)).append('=').append(encode(value));
            });
            byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
            String head = "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: TwilioProxy/1.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n"
                    + "X-Twilio-Signature: " + hmac(signed.toString()) + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
            return request;
        }

        private String hmac(String data) {
            try {
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
                return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }

    /** A run of webhooks with consecutive indexes; status 0 means not sent (the time bound ran out). */
    static final class Phase {
        private final Signer signer;
        private final int first;
        private final byte[][] requests;
        private final long[] latencies;
        private final int[] statuses;
        private final AtomicInteger next = new AtomicInteger();
        private volatile long started;
        private volatile long ended;

        Phase(Signer signer, int first, int count) {
            this.signer = signer;
            this.first = first;
            this.requests = new byte[count][];
            for (int i = 0; i < count; i++) {
                requests[i] = signer.request(first + i);
            }
            this.latencies = new long[count];
            this.statuses = new int[count];
        }

        void run(int port, int concurrency, double rate, double maxSeconds) throws InterruptedException {
            started = System.nanoTime();
            long deadline = started + (long) (maxSeconds * 1e9);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                Thread worker = new Thread(() -> work(port, rate, deadline), "load-" + w);
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            ended = System.nanoTime();
        }

        private void work(int port, double rate, long deadline) {
            Connection connection = null;
            for (int i = next.getAndIncrement(); i < requests.length; i = next.getAndIncrement()) {
                long due = rate > 0 ? started + (long) (i * 1e9 / rate) : System.nanoTime();
                if (due > deadline || System.nanoTime() > deadline) {
                    break;
                }
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                try {
                    if (connection == null) {
                        connection = new Connection(port);
                    }
                    statuses[i] = connection.exchange(requests[i]);
                    if (!connection.open) {
                        connection.close();
                        connection = null;
                    }
                } catch (IOException e) {
                    statuses[i] = -1;
                    if (connection != null) {
                        connection.close();
                    }
                    connection = null;
                }
                latencies[i] = System.nanoTime() - due;
            }
            if (connection != null) {
                connection.close();
            }
        }

        void acceptedSids(List<String> into) {
            for (int i = 0; i < statuses.length; i++) {
                if (statuses[i] == 200) {
                    into.add(signer.sid(first + i));
                }
            }
        }

        String json(Phase warm, double rate, double serverCpuNanos, long ownCpuNanos) {
            long[] done = new long[requests.length];
            int count = 0;
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (int i = 0; i < requests.length; i++) {
                if (statuses[i] != 0) {
                    done[count++] = latencies[i];
                    byStatus.merge(statuses[i], 1, Integer::sum);
                }
            }
            long[] sorted = Arrays.copyOf(done, count);
            Arrays.sort(sorted);
            double seconds = (ended - started) / 1e9;
            StringBuilder statuses = new StringBuilder();
            byStatus.forEach((status, n) -> statuses.append(statuses.length() == 0 ? "" : ", ")
                    .append('"').append(status).append("\": ").append(n));
            return String.format(java.util.Locale.ROOT, "{\"requests\": %d, \"sent\": %d, \"warmup_sent\": %d,"
                    + " \"target_rate\": %.1f, \"seconds\": %.3f, \"per_second\": %.1f, \"p50_ms\": %.3f,"
                    + " \"p90_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f, \"statuses\": {%s},"
                    + " \"server_cpu_seconds\": %.2f, \"generator_cpu_seconds\": %.2f}",
                    requests.length, count, warm.sentCount(), rate, seconds, count / seconds, percentile(sorted, 50),
                    percentile(sorted, 90), percentile(sorted, 99), count == 0 ? 0.0 : sorted[count - 1] / 1e6,
                    statuses, serverCpuNanos / 1e9, ownCpuNanos / 1e9);
        }

        private int sentCount() {
            return (int) Arrays.stream(statuses).filter(s -> s != 0).count();
        }

        /** Nearest-rank percentile, in milliseconds. */
        private static double percentile(long[] sorted, int p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }

    /** One keep-alive HTTP/1.1 connection; reads just enough of each answer to find its status and end. */
    static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        boolean open = true;

        Connection(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 4096);
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    open = false;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length >= 0) {
                skip(length);
            } else {
                open = false;
            }
            return status;
        }

        private void skip(long n) throws IOException {
            for (long left = n; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("the connection closed inside an answer");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the connection closed inside an answer");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Nothing is left to read from a connection being thrown away.
            }
        }
    }
}
