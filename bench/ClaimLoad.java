import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.delivery.SendIntent;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.policy.Decision;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.PostgresDatabase;
import io.github.twiliosmsmcp.store.SqlSendJournal;
import io.github.twiliosmsmcp.store.SqlStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One process of the claims benchmark (bench/claims): the server's own send journal on a SQLite
 * file or a PostgreSQL URL, claiming different messages of one account one after the other, as
 * fast as they are granted. Run with the jar on the class path:
 *
 * <pre>java -cp target/twilio-sms-mcp.jar bench/ClaimLoad.java DATABASE WORKER WARMUP_S SECONDS</pre>
 *
 * It opens the store (connecting, and creating the tables if need be), prints {@code ready}, and
 * reads from stdin the time to start at (epoch milliseconds), so that every process of a run starts
 * together whatever its JVM's start took. It counts nothing during the warm-up, and then prints
 * on stdout one line: the number of claims, then the latency of each in microseconds.
 */
public final class ClaimLoad {
    private static final String ACCOUNT = "ACbench";
    private static final SendJournal.Gate ALLOW = facts -> new Decision.Allowed(BigDecimal.ZERO);

    public static void main(String[] args) throws Exception {
        String database = args[0];
        int worker = Integer.parseInt(args[1]);
        Clock clock = Clock.systemUTC();
        Duration retention = Duration.ofDays(90);
        SqlStore store = DatabaseLocation.isPostgresUrl(database)
                ? new PostgresDatabase(DatabaseLocation.postgres(database, Optional.ofNullable(System.getenv("PGPASSWORD"))),
                        clock, retention)
                : new Database(DatabaseLocation.ofFile(Path.of(database)), clock, retention);
        SqlSendJournal journal = new SqlSendJournal(store);
        journal.charges(ACCOUNT, Instant.EPOCH, false);
        System.out.println("ready");
        System.out.flush();
        long startAt = Long.parseLong(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                .readLine().strip());
        long warmupEnds = startAt + Long.parseLong(args[2]) * 1000;
        long ends = warmupEnds + Long.parseLong(args[3]) * 1000;
        Thread.sleep(Math.max(0, startAt - System.currentTimeMillis()));
        long[] latencies = new long[1 << 16];
        int measured = 0;
        for (long i = 0; System.currentTimeMillis() < ends; i++) {
            // Every claim a different recipient, so none is a repeat and each inserts its intent.
            String to = String.format("+1%03d%07d", 200 + worker, i % 10_000_000);
            SendIntent intent = new SendIntent(ACCOUNT, "twilio", to, "+14155550100", "bench " + worker + " " + i,
                    List.of(), Optional.empty(), Instant.now(clock), Duration.ofMinutes(10), SendIntent.Owner.current(),
                    BigDecimal.ZERO, false, Optional.empty());
            boolean counted = System.currentTimeMillis() >= warmupEnds;
            long start = System.nanoTime();
            SendJournal.Claim claim = journal.claim(intent, ALLOW);
            long micros = (System.nanoTime() - start) / 1000;
            if (!(claim instanceof SendJournal.Fresh)) {
                throw new IllegalStateException("claim " + i + " was not fresh: " + claim);
            }
            if (counted) {
                if (measured == latencies.length) {
                    latencies = Arrays.copyOf(latencies, measured * 2);
                }
                latencies[measured++] = micros;
            }
        }
        store.close();
        StringBuilder line = new StringBuilder().append(measured);
        for (int i = 0; i < measured; i++) {
            line.append(' ').append(latencies[i]);
        }
        System.out.println(line);
    }
}
