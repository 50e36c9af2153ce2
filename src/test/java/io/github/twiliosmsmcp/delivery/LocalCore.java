package io.github.twiliosmsmcp.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twiliosmsmcp.common.Sleeper;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.phone.LibphonenumberTimeZones;
import io.github.twiliosmsmcp.phone.ParsedNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.policy.PolicyCheck;
import io.github.twiliosmsmcp.sms.FakeGateway;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.MutableClock;
import io.github.twiliosmsmcp.store.SqlSendJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The send path in-process, as the tests of what builds on it need it: settings read from an
 * environment, the store on one real SQLite file (each {@link #database()} standing for one server
 * process), a scripted gateway, and a clock that waits move instead of taking time.
 */
public final class LocalCore implements AutoCloseable {
    public static final String OURS = "+16502530000";
    /** Limits high enough, and quiet hours off, so that no test fails at night or after a few sends. */
    private static final Map<String, String> RELAXED = Map.of("SMS_QUIET_HOURS", "off",
            "SMS_MAX_PER_RECIPIENT_PER_HOUR", "1000", "SMS_MAX_PER_HOUR", "1000", "SMS_MAX_PER_DAY", "1000");

    public final MutableClock clock;
    public final FakeGateway gateway;
    /** A second provider, for routes that fall back to it. */
    public final FakeGateway second;
    private final Path file;
    private final Sleeper sleeper;
    private final List<Database> opened = new ArrayList<>();

    public LocalCore(Path folder, Instant start) {
        this.clock = new MutableClock(start);
        this.gateway = new FakeGateway(clock);
        this.second = new FakeGateway(clock, "second", "Second");
        this.file = folder.resolve("messages.db");
        this.sleeper = d -> {
            clock.advance(d);
            return true;
        };
    }

    /** The relaxed settings with {@code more} on top; they must be valid. */
    public Settings settings(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(RELAXED);
        env.putAll(more);
        Settings settings = Settings.load(new Environment(env));
        assertEquals(List.of(), settings.problems());
        return settings;
    }

    /** The shared file, for a test that takes it from under the store. */
    public Path file() {
        return file;
    }

    /** One more process's handle on the shared file. */
    public Database database() {
        Database database = new Database(DatabaseLocation.ofFile(file), clock, Duration.ofDays(90));
        opened.add(database);
        return database;
    }

    /** The send path of one process, sending from {@link #OURS} and waiting up to {@code statusWait} for a status. */
    public SendService sender(Settings settings, Database database, Duration statusWait) {
        return sender(Route.of(gateway), settings, database, statusWait);
    }

    /** The send path of one process through {@code route}. */
    public SendService sender(Route route, Settings settings, Database database, Duration statusWait) {
        PhoneNumberParser parser = new PhoneNumberParser("US");
        return new SendService(route, new Senders(List.of(((ParsedNumber.Valid) parser.parse(OURS)).number()),
                Optional.empty()), parser, new SendLimits(statusWait, 10, Duration.ofMinutes(10)),
                new SqlSendJournal(database), new PolicyCheck(settings.policy(), new LibphonenumberTimeZones()), "AC1",
                Optional.empty(), clock, sleeper, Telemetry.NONE);
    }

    @Override
    public void close() {
        opened.forEach(Database::close);
    }
}
