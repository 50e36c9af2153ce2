package io.github.twiliosmsmcp.it;

import io.github.twiliosmsmcp.fake.TwilioSigner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar twilio-sms-mcp.jar serve} as a subprocess on a free loopback port, with the test's
 * own HTTP client, a database of its own unless a test shares one, and its log kept for the test.
 */
final class ServiceProcess implements AutoCloseable {
    final String baseUrl;
    final Path database;
    private final Process process;
    private final Thread reader;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(Map<String, String> env, Path database, boolean publicUrl) throws IOException {
        int port = freePort();
        this.baseUrl = "http://127.0.0.1:" + port;
        this.database = database;
        ProcessBuilder builder = new ProcessBuilder(ServerProcess.javaExecutable(), "-Xlog:disable",
                "-Xlog:all=warning:stderr", "-jar", ServerProcess.jar().toString(), "serve");
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("TWILIO_") || name.startsWith("SMS_")
                || name.startsWith("MC_"));
        environment.put("SMS_DATABASE", database.toString());
        environment.put("SMS_HTTP_ADDRESS", "127.0.0.1:" + port);
        if (publicUrl) {
            environment.put("SMS_PUBLIC_URL", baseUrl);
        }
        environment.putAll(env);
        process = builder.start();
        reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                err.lines().forEach(stderr::add);
            } catch (IOException | UncheckedIOException e) {
                stderr.add("reading stderr failed: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        Deadline.await(Duration.ofSeconds(30), () -> stderr().contains(" serving on ") || !process.isAlive(),
                "the service listens");
        if (!process.isAlive()) {
            throw new IllegalStateException("serve ended at start:\n" + stderr());
        }
    }

    /** The service with SMS_PUBLIC_URL set to its own loopback address, as a tunnel would present it. */
    static ServiceProcess start(Map<String, String> env, Path database) throws IOException {
        return new ServiceProcess(env, database, true);
    }

    static ServiceProcess startWithoutPublicUrl(Map<String, String> env) throws IOException {
        return new ServiceProcess(env, ServerProcess.freshDatabase(), false);
    }

    String stderr() {
        return String.join("\n", stderr);
    }

    Process process() {
        return process;
    }

    /** POSTs {@code fields} to {@code path}, signed as Twilio signs them with {@code token} for this service's URL. */
    HttpResponse<String> signedPost(String path, String token, List<Map.Entry<String, String>> fields) {
        return post(path, "application/x-www-form-urlencoded", TwilioSigner.form(fields),
                TwilioSigner.sign(token, baseUrl + path, fields));
    }

    HttpResponse<String> post(String path, String contentType, String body, String signature) {
        try {
            return http.send(postRequest(path, contentType, body, signature), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest postRequest(String path, String contentType, String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.build();
    }

    HttpClient http() {
        return http;
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Each row of {@code sql} on the service's database, its columns as text. */
    List<List<String>> rows(String sql, Object... parameters) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
                PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, then the exit status. Through the handle: {@code Process.destroy} would also close the log's pipe. */
    int terminate() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("serve did not stop within 30 s of SIGTERM:\n" + stderr());
        }
        reader.join(10_000);
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return copy;
    }
}
