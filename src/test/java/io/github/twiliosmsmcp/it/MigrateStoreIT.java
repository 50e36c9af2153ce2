package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.it.ServerProcess.structured;
import static io.github.twiliosmsmcp.it.ServerProcess.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.store.PostgresServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate-store} through the jar: a host's SQLite store, written by a real server, is copied
 * into PostgreSQL twice (the second copy copies nothing), and a server on PostgreSQL then answers a
 * repeat of the copied send as already sent, with no second create at Twilio. The password, given in
 * the URL, is printed by no run.
 */
class MigrateStoreIT {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final JavaRuntime JAVA = JavaRuntime.current();
    private static final String TO = "+14155552931";
    private static final String TEXT = "Your order shipped";
    private static FakeTwilioApi twilio;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        twilio = TwilioServerIT.startFake();
    }

    @AfterAll
    static void stop() {
        twilio.close();
    }

    private JavaRuntime.Finished migrate(String... args) {
        List<String> line = new java.util.ArrayList<>(List.of("-jar", ServerProcess.jar().toAbsolutePath().toString(),
                "migrate-store"));
        line.addAll(List.of(args));
        JavaRuntime.Finished run = JAVA.run(LIMIT, dir, Map.of(), line.toArray(String[]::new));
        String password = PostgresServer.shared().password();
        assertFalse(run.stdout().contains(password) || run.stderr().contains(password), "the password was printed");
        return run;
    }

    /** The copied and already-there counts that the run printed for one table. */
    private static List<Integer> counts(JavaRuntime.Finished run, String table) {
        Matcher row = Pattern.compile("(?m)^  " + table + " +(\\d+) copied, +(\\d+) already there$").matcher(run.stdout());
        assertTrue(row.find(), run.stdout());
        return List.of(Integer.parseInt(row.group(1)), Integer.parseInt(row.group(2)));
    }

    @Test
    void aCopiedSendIsARepeatOnPostgresqlAndASecondCopyCopiesNothing() {
        Path sqlite = ServerProcess.freshDatabase();
        try (ServerProcess before = ServerProcess.start(TwilioServerIT.env(twilio, Map.of("SMS_DATABASE",
                sqlite.toString(), "SMS_STATUS_WAIT_SECONDS", "2")))) {
            assertEquals("delivered", structured(before.call("send_sms", Map.of("to", TO, "message", TEXT))).get("outcome"));
        }
        PostgresServer postgres = PostgresServer.shared();
        String url = postgres.freshDatabaseUrl();
        String withPassword = url.replace(PostgresServer.USER + "@", PostgresServer.USER + ":" + postgres.password() + "@");

        JavaRuntime.Finished first = migrate("--from", sqlite.toString(), "--to", withPassword);
        JavaRuntime.Finished second = migrate("--from", sqlite.toString(), "--to", withPassword);

        assertEquals(0, first.exit(), first.stderr());
        assertEquals(0, second.exit(), second.stderr());
        assertEquals(List.of(1, 0), counts(first, "sends"));
        assertEquals(List.of(0, 1), counts(second, "sends"));
        assertTrue(first.stdout().contains(url.substring("postgresql://".length())), "names the database: " + first.stdout());
        try (ServerProcess after = ServerProcess.start(TwilioServerIT.env(twilio, Map.of("SMS_DATABASE", url,
                "SMS_DATABASE_PASSWORD", postgres.password(), "SMS_STATUS_WAIT_SECONDS", "2")))) {
            CallToolResult repeat = after.call("send_sms", Map.of("to", TO, "message", TEXT));
            assertEquals("already_sent", structured(repeat).get("outcome"), text(repeat));
        }
        assertEquals(1, twilio.createsTo(TO), "one create: the copied send was not sent again");
    }

    @Test
    void aWrongPasswordIsRefusedWithoutPrintingIt() {
        Path sqlite = ServerProcess.freshDatabase();
        try (ServerProcess writer = ServerProcess.start(Map.of("SMS_DATABASE", sqlite.toString()))) {
            writer.call("get_sms_policy", Map.of());
        }
        String url = PostgresServer.shared().freshDatabaseUrl();
        String wrong = url.replace(PostgresServer.USER + "@", PostgresServer.USER + ":"
                + PostgresServer.shared().password() + "x@");

        JavaRuntime.Finished run = migrate("--from", sqlite.toString(), "--to", wrong);

        assertEquals(1, run.exit(), run.stdout());
        assertTrue(run.stderr().contains("cannot be used") && run.stderr().contains("password authentication failed"),
                run.stderr());
    }

    @Test
    void aMissingSqliteFileIsRefusedAndNotCreated() {
        Path missing = dir.resolve("nothing-here.db");

        JavaRuntime.Finished run = migrate("--from", missing.toString(), "--to", PostgresServer.shared().freshDatabaseUrl());

        assertEquals(1, run.exit());
        assertTrue(run.stderr().contains("is not a file"), run.stderr());
        assertFalse(missing.toFile().exists());
    }
}
