package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twiliosmsmcp.config.DatabaseLocation;
import java.nio.file.Path;
import java.time.Clock;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal written before sends recorded their provider: its sends were Twilio's, or the sandbox's. */
class ProviderMigrationTest {
    private static final int BEFORE_PROVIDERS = 3;

    @TempDir
    Path dir;

    @Test
    void earlierSendsAreTwiliosOrTheSandboxs() throws Exception {
        Path file = dir.resolve("messages.db");
        try (Database db = new Database(DatabaseLocation.ofFile(file), Clock.systemUTC(), Database.DEFAULT_RETENTION)) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    for (String account : new String[] {"AC1", "sandbox", "AC2"}) {
                        s.execute("INSERT INTO sends (account, message_key, recipient, sender, media_count, state,"
                                + " owner_host, owner_pid, owner_started, created_at, updated_at) VALUES ('" + account
                                + "', 'k', '+14155552671', '+15005550006', 0, 'ACCEPTED', 'h', 1, 0, 0, 0)");
                    }
                    s.execute("ALTER TABLE sends DROP COLUMN provider");
                    // What later migrations add goes too, so that they run again on the way up.
                    s.execute("DROP TABLE service_presence");
                    s.execute("DROP TABLE staged");
                    s.execute("DROP TABLE http_token");
                    s.execute("DROP TABLE send_attempts");
                    s.execute("DROP TABLE autoreplies");
                    s.execute("DROP TABLE autoresponders");
                    s.execute("PRAGMA user_version = " + BEFORE_PROVIDERS);
                }
                return null;
            });
        }

        try (Database db = new Database(DatabaseLocation.ofFile(file), Clock.systemUTC(), Database.DEFAULT_RETENTION)) {
            Map<String, String> providers = db.read(c -> {
                Map<String, String> found = new LinkedHashMap<>();
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT account, provider FROM sends ORDER BY id")) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getString(2));
                    }
                }
                return found;
            });

            assertEquals(Map.of("AC1", "twilio", "sandbox", "sandbox", "AC2", "twilio"), providers);
            assertEquals(Migrations.latest(), db.read(Migrations::version));
        }
    }
}
