package io.github.twiliosmsmcp.setup;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.PostgresDatabase;
import io.github.twiliosmsmcp.store.StoreCopy;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code java -jar twilio-sms-mcp.jar migrate-store --from <sqlite file> --to <postgresql url>}:
 * copies a machine's SQLite store into the PostgreSQL database its hosts are to share, leaving
 * alone every row already there, so it can be run again at any time.
 */
public final class MigrateStore {
    /** Nothing is purged on the way: the servers apply their own retention afterwards. */
    private static final Duration KEEP_EVERYTHING = Duration.ofDays(36500);

    record Options(Path from, String to) {
        static Options parse(String... args) throws Setup.BadUsage {
            Optional<Path> from = Optional.empty();
            Optional<String> to = Optional.empty();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new Setup.BadUsage(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--from" -> from = Optional.of(Path.of(args[i + 1]));
                    case "--to" -> to = Optional.of(args[i + 1]);
                    default -> throw new Setup.BadUsage("unknown migrate-store option '" + args[i] + "'");
                }
            }
            if (from.isEmpty() || to.isEmpty()) {
                throw new Setup.BadUsage("migrate-store needs --from <sqlite file> and --to <postgresql url>");
            }
            return new Options(from.get(), to.get());
        }
    }

    private MigrateStore() {}

    /** Runs the command; the process exit status: 0 done, 1 a problem, 2 bad arguments. */
    public static int run(String[] args, String version, Environment env, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Setup.BadUsage e) {
            err.println("twilio-sms-mcp migrate-store: " + e.getMessage());
            err.println();
            err.print(Usage.text(version));
            return 2;
        }
        if (!Files.isRegularFile(options.from())) {
            err.println("twilio-sms-mcp migrate-store: " + options.from().toAbsolutePath() + " is not a file;"
                    + " --from names the SQLite file to copy (see SMS_DATABASE on the host that wrote it)");
            return 1;
        }
        if (!DatabaseLocation.isPostgresUrl(options.to())) {
            err.println("twilio-sms-mcp migrate-store: --to must be a postgresql:// URL (the store every host is to share)");
            return 1;
        }
        DatabaseLocation target;
        try {
            target = DatabaseLocation.postgres(options.to(),
                    env.get(Settings.DATABASE_PASSWORD).or(() -> env.get(DatabaseLocation.PGPASSWORD)));
        } catch (IllegalArgumentException e) {
            // The URL may hold a password: the message says what is wrong without repeating it.
            err.println("twilio-sms-mcp migrate-store: --to " + e.getMessage());
            return 1;
        }
        DatabaseLocation source = DatabaseLocation.ofFile(options.from());
        out.println("Copying " + source.describe() + " into " + target.describe());
        try (Database from = new Database(source, Clock.systemUTC(), KEEP_EVERYTHING);
                PostgresDatabase to = new PostgresDatabase(target, Clock.systemUTC(), KEEP_EVERYTHING)) {
            List<StoreCopy.Counted> counts = new StoreCopy(from, to).copy(counted -> out.println(String.format(
                    Locale.ROOT, "  %-17s %7d copied, %7d already there", counted.table(), counted.copied(),
                    counted.alreadyThere())));
            out.println("Done: " + counts.stream().mapToLong(StoreCopy.Counted::copied).sum() + " rows copied. Point"
                    + " every host's SMS_DATABASE at the PostgreSQL URL; running this again copies only what is new.");
            return 0;
        } catch (StoreUnavailable e) {
            err.println("twilio-sms-mcp migrate-store: " + e.describe() + "; nothing more was copied (running it"
                    + " again after the fix copies the rest)");
            return 1;
        }
    }
}
