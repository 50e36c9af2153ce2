package io.github.twiliosmsmcp.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message store on a PostgreSQL server that several hosts share, through a small pool of
 * connections opened on first use. Transactions run at READ COMMITTED; what SQLite gets from its
 * single write lock comes from locks here: claims of one account take turns on an advisory lock
 * held to the end of their transaction, and a row read to be changed is locked with it.
 *
 * <p>The pool replaces a connection that broke, so when the server comes back after going away the
 * next use simply works; until then every use fails with {@link StoreUnavailable} within
 * {@link #CONNECT_TIMEOUT}. The schema is brought up to date on the first use that reaches the
 * server, and again after a failure.
 */
public final class PostgresDatabase implements SqlStore {
    /**
     * Longer than one create call ({@code CreateOnce}: 10 s, renewed before each further try), so
     * a live sender never loses its lease; short enough that a twin of a dead host's send is
     * reconciled within a minute.
     */
    static final Duration INTENT_LEASE = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int POOL_SIZE = 8;
    private static final int ATTEMPTS = 3;
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final String CONNECTION_EXCEPTION = "08";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);

    private final DatabaseLocation location;
    private final Clock clock;
    private final Retention retention;
    private HikariDataSource pool;
    private boolean migrated;
    private boolean closed;

    public PostgresDatabase(DatabaseLocation location, Clock clock, Duration retention) {
        this.location = Objects.requireNonNull(location, "location");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = new Retention(clock, retention);
        if (!location.isPostgres()) {
            throw new IllegalArgumentException("not a PostgreSQL location: " + location);
        }
    }

    @Override
    public <T> T write(Work<T> work) throws StoreUnavailable {
        return inTransaction(false, retention.purgingWhenDue(work));
    }

    @Override
    public <T> T claim(String account, Work<T> work) throws StoreUnavailable {
        return write(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "claim " + account);
                lock.execute();
            }
            return work.run(c);
        });
    }

    /** REPEATABLE READ, so that every statement of the work sees the same moment. */
    @Override
    public <T> T read(Work<T> work) throws StoreUnavailable {
        return inTransaction(true, work);
    }

    @Override
    public String lockingTheRow() {
        return " FOR UPDATE";
    }

    @Override
    public Optional<Duration> intentLease() {
        return Optional.of(INTENT_LEASE);
    }

    @Override
    public long nowMillis() {
        return clock.millis();
    }

    @Override
    public Instant retentionCutoff() {
        return retention.cutoff();
    }

    @Override
    public DatabaseLocation location() {
        return location;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    private <T> T inTransaction(boolean readOnly, Work<T> work) throws StoreUnavailable {
        for (int attempt = 1; ; attempt++) {
            boolean working = false;
            boolean committing = false;
            try (Connection c = connection()) {
                working = true;
                try {
                    if (readOnly) {
                        Rows.execute(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    }
                    T result = work.run(c);
                    committing = true;
                    c.commit();
                    return result;
                } catch (Throwable e) {
                    rollback(c, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && isWorthAnotherTry(e, working && !committing)) {
                    LOG.debug("transaction rolled back ({}); running it again", e.getSQLState());
                    continue;
                }
                throw unavailable(e);
            }
        }
    }

    /**
     * A deadlock or serialization failure rolled the work back, and so did a connection that broke
     * while the work ran (one the pool held while the server restarted: the pool drops it, the next
     * try gets a new one). A commit that broke may have happened, so it is not run again; and when
     * no connection could be had at all, the pool has already waited its time.
     */
    private static boolean isWorthAnotherTry(SQLException e, boolean brokeBeforeTheCommit) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.equals(SERIALIZATION_FAILURE) || state.equals(DEADLOCK_DETECTED)
                || (brokeBeforeTheCommit && state.startsWith(CONNECTION_EXCEPTION));
    }

    private Connection connection() throws SQLException, StoreUnavailable {
        HikariDataSource source = pool();
        Connection c = source.getConnection();
        try {
            migrate(c);
            return c;
        } catch (SQLException | StoreUnavailable | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private synchronized HikariDataSource pool() {
        if (closed) {
            throw new IllegalStateException("the message database " + location + " was closed");
        }
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(location.jdbcUrl());
            config.setDriverClassName("org.postgresql.Driver");
            location.user().ifPresent(config::setUsername);
            location.password().ifPresent(config::setPassword);
            config.setAutoCommit(false);
            config.setMaximumPoolSize(POOL_SIZE);
            config.setMinimumIdle(1);
            config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
            // Start without the server: the first use that reaches it opens the connections.
            config.setInitializationFailTimeout(-1);
            config.setPoolName("twilio-sms-mcp");
            config.addDataSourceProperty("ApplicationName", "twilio-sms-mcp");
            config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()));
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    /** Once per process; a failure is not remembered, so the next use tries again. */
    private synchronized void migrate(Connection c) throws SQLException, StoreUnavailable {
        if (migrated) {
            return;
        }
        try {
            PostgresMigrations.apply(c, location);
            retention.purge(c);
            c.commit();
        } catch (SQLException | StoreUnavailable | RuntimeException e) {
            rollback(c, e);
            throw e;
        }
        migrated = true;
        LOG.info("Message database: {}", location.describe());
    }

    private StoreUnavailable unavailable(SQLException e) {
        LOG.debug("The message database {} failed", location.describe(), e);
        return new StoreUnavailable(location.describe(), reason(e), e);
    }

    /** The driver's own words name the server, the user or the database, never the password. */
    private static String reason(SQLException e) {
        SQLException cause = e;
        while (cause.getCause() instanceof SQLException deeper) {
            cause = deeper;
        }
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        if (state.startsWith(CONNECTION_EXCEPTION) || state.equals("57P01") || state.equals("57P03") || cause != e) {
            return "the PostgreSQL server cannot be reached (" + cause.getMessage() + ")";
        }
        return "PostgreSQL reported: " + cause.getMessage();
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            if (!c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
