package io.github.twiliosmsmcp.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's PostgreSQL 15, started once per test JVM in a temporary data directory on a free
 * loopback port, and stopped when the JVM exits. initdb refuses to run as root, so under root (as
 * in CI) the server runs as the {@code postgres} system user. Host connections need the
 * superuser's password, so the tests also exercise passing one.
 *
 * <p>A machine without PostgreSQL fails the tests that need it, with the command that installs
 * it: CI installs it, and a silent skip would hide a store that was never tested.
 */
public final class PostgresServer {
    public static final String USER = "postgres";
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private static PostgresServer shared;

    private final Path dataDir;
    private final int port;
    private final String password;
    private final boolean asRoot;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path dataDir, int port, String password, boolean asRoot) {
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
        this.asRoot = asRoot;
    }

    /** The server of this test JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = startNew();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::destroy, "postgres-test-server-stop"));
        }
        return shared;
    }

    private static PostgresServer startNew() {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException("PostgreSQL 15 is not installed (" + BIN.resolve("initdb")
                    + " is missing); the PostgreSQL store tests need it: run `apt-get install -y postgresql`"
                    + " (.ci/run does so on a fresh machine)");
        }
        try {
            boolean asRoot = "root".equals(System.getProperty("user.name"));
            Path dataDir = Files.createTempDirectory("twilio-sms-mcp-pg");
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Path passwordFile = dataDir.resolveSibling(dataDir.getFileName() + ".pw");
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            if (asRoot) {
                run(List.of("chown", "-R", USER + ":", dataDir.toString(), passwordFile.toString()));
            }
            PostgresServer server = new PostgresServer(dataDir, freePort(), password, asRoot);
            try {
                server.pg("initdb", "-D", dataDir.toString(), "-U", USER, "--pwfile=" + passwordFile,
                        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
                        "--no-sync");
            } finally {
                Files.deleteIfExists(passwordFile);
            }
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("the PostgreSQL test server could not be started: " + e.getMessage(), e);
        }
    }

    /** Starts the server (again, after {@link #stop()}) and waits until it accepts connections. */
    public void start() {
        // A crash of the machine is not what these tests are about: skip the disk flushes. Commits are
        // still written before they are acknowledged, so a stop (immediate, as a crash) loses none.
        pg("pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dataDir + " -c max_connections=300"
                        + " -c fsync=off -c full_page_writes=off",
                "start");
    }

    /** Stops the server at once, as a crash or a network cut looks to its clients. */
    public void stop() {
        pg("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
    }

    /** A new, empty database on this server, with the URL form {@code SMS_DATABASE} takes (no password in it). */
    public String freshDatabaseUrl() {
        String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("creating a test database failed: " + e.getMessage(), e);
        }
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + name + "?sslmode=disable";
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?sslmode=disable";
    }

    private void destroy() {
        try {
            stop();
        } catch (RuntimeException e) {
            // Already stopped, or never started: the folder goes all the same.
        }
        try {
            run(List.of("rm", "-rf", dataDir.toString()));
        } catch (RuntimeException e) {
            System.err.println("could not remove " + dataDir + ": " + e.getMessage());
        }
    }

    private void pg(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.add(BIN.resolve(program).toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    private static void run(List<String> command) {
        try {
            Path output = Files.createTempFile("pg-command", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command.get(0) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                            + process.exitValue() + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command.get(0) + " was interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PostgreSQL 15 on 127.0.0.1:%d", port);
    }
}
