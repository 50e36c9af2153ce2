package io.github.twiliosmsmcp.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.config.Setting;
import io.github.twiliosmsmcp.config.SettingsCatalogue;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.SqlInbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/webhooks is a script with its own copy of what it tells the service (settings, the inbound
 * path) and of how it finds stored messages; this keeps that copy in step with the code, so a
 * renamed setting or table breaks the build rather than the benchmark.
 */
class BenchWebhooksTest {
    private static final String SCRIPT = readScript();

    @Test
    void everySettingTheBenchmarkGivesTheServiceExists() {
        String environment = SCRIPT.substring(SCRIPT.indexOf("def service_environment"), SCRIPT.indexOf("def free_port"));
        Matcher names = Pattern.compile("\"((?:TWILIO|SMS)_[A-Z_]+)\"").matcher(environment);
        List<String> given = new ArrayList<>();
        while (names.find()) {
            given.add(names.group(1));
        }
        List<String> known = SettingsCatalogue.ALL.stream().map(Setting::name).toList();
        assertFalse(given.isEmpty(), "the script's settings were found");
        given.forEach(name -> assertTrue(known.contains(name), name + " is set by bench/webhooks but is no setting"));
        assertTrue(given.containsAll(List.of(SettingsCatalogue.HTTP_ADDRESS.name(), SettingsCatalogue.PUBLIC_URL.name(),
                SettingsCatalogue.DATABASE.name())), "the service is told where to listen, its URL and its database");
    }

    @Test
    void theBenchmarkPostsToTheInboundWebhook() {
        assertEquals(Service.INBOUND, pythonString("INBOUND_PATH"));
    }

    @Test
    void theDurabilityCheckFindsWhatTheInboxStored(@TempDir Path folder) throws Exception {
        Database database = new Database(DatabaseLocation.ofFile(folder.resolve("messages.db")), Clock.systemUTC(),
                Database.DEFAULT_RETENTION);
        try {
            String sid = "SM" + "0".repeat(31) + "7";
            new SqlInbox(database, "AC" + "0".repeat(32)).remember(List.of(MessageRecord.builder(sid,
                    MessageRecord.Direction.INBOUND, MessageStatus.RECEIVED).from("+14155550101").to("+14155550100")
                    .body("hello").build()), message -> Optional.empty());
            List<String> found = database.read(c -> {
                List<String> sids = new ArrayList<>();
                try (ResultSet rows = c.createStatement().executeQuery(pythonString("STORED_SIDS"))) {
                    while (rows.next()) {
                        sids.add(rows.getString(1));
                    }
                }
                return sids;
            });
            assertEquals(List.of(sid), found);
        } finally {
            database.close();
        }
    }

    private static String pythonString(String constant) {
        Matcher value = Pattern.compile("(?m)^" + constant + " = \"([^\"]*)\"$").matcher(SCRIPT);
        assertTrue(value.find(), constant + " is defined in bench/webhooks");
        return value.group(1);
    }

    private static String readScript() {
        try {
            return Files.readString(Path.of("bench", "webhooks"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
