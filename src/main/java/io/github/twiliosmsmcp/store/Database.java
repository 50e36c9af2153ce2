package io.github.twiliosmsmcp.store;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.config.SettingsCatalogue;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.sqlite.JDBC;
import org.slf4j.LoggerFactory;

/**
 * The message database: one SQLite connection per process, opened on first use. Every use is
 * synchronized, because one JDBC connection cannot run two transactions at once; other processes
 * are kept in step by SQLite's own file locks.
 *
 * <p>A failed open is not remembered: the next use tries again, so a person can fix the file or
 * its folder without restarting the client.
 *
 * <p>Message bodies older than the retention are forgotten as {@link Retention} says.
 */
public final class Database implements SqlStore {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(SettingsCatalogue.RETENTION_DAYS.defaultValue());

    private static final long WAL_RETRY_MILLIS = 20;

    /** How long a transaction waits for another process's lock before giving up. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    // SQLite's primary result codes (the low byte of an extended code).
    private static final int SQLITE_PERM = 3;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;

    private final DatabaseLocation location;
    private final Clock clock;
    private final Retention retention;
    private Connection connection;
    private boolean closed;

    public Database(DatabaseLocation location, Clock clock, Duration retention) {
        this.location = Objects.requireNonNull(location, "location");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = new Retention(clock, retention);
    }

    @Override
    public DatabaseLocation location() {
        return location;
    }

    /**
     * Runs {@code work} in one write transaction. BEGIN IMMEDIATE takes the write lock before the
     * first read, so two processes that check-then-insert (a claim) run one after the other.
     */
    @Override
    public synchronized <T> T write(Work<T> work) throws StoreUnavailable {
        return inTransaction("BEGIN IMMEDIATE", retention.purgingWhenDue(work));
    }

    /** Every write transaction already holds the file's write lock, claims of every account included. */
    @Override
    public <T> T claim(String account, Work<T> work) throws StoreUnavailable {
        return write(work);
    }

    @Override
    public synchronized <T> T read(Work<T> work) throws StoreUnavailable {
        return inTransaction("BEGIN", work);
    }

    /** BEGIN IMMEDIATE holds the write lock of the whole file. */
    @Override
    public String lockingTheRow() {
        return "";
    }

    /** A SQLite file is shared by the processes of one machine only: the process table tells who is gone. */
    @Override
    public Optional<Duration> intentLease() {
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        closed = true;
        discardConnection();
    }

    @Override
    public long nowMillis() {
        return clock.millis();
    }

    @Override
    public Instant retentionCutoff() {
        return retention.cutoff();
    }

    private <T> T inTransaction(String begin, Work<T> work) throws StoreUnavailable {
        Connection c = connection();
        try {
            Rows.execute(c, begin);
            T result;
            try {
                result = work.run(c);
                Rows.execute(c, "COMMIT");
            } catch (Throwable e) {
                rollback(c, e);
                throw e;
            }
            return result;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private Connection connection() throws StoreUnavailable {
        if (closed) {
            throw new IllegalStateException("the message database " + location + " was closed");
        }
        if (connection == null) {
            connection = open();
        }
        return connection;
    }

    private Connection open() throws StoreUnavailable {
        Optional<Path> file = location.file();
        if (file.isPresent()) {
            createFolder(file.get().toAbsolutePath().getParent());
        }
        Connection c = null;
        try {
            // Not through DriverManager: it would load every driver the jar registers, PostgreSQL's too.
            c = JDBC.createConnection(location.jdbcUrl(), new Properties());
            try (Statement s = c.createStatement()) {
                // The timeout comes first: switching to WAL may itself wait for another process.
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT.toMillis());
                s.execute("PRAGMA foreign_keys = ON");
                if (!isMemory(location)) {
                    enableWal(s);
                }
            }
            Migrations.apply(c, location);
            retention.purge(c);
            log.info("Message database: {}", location.describe());
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw unavailable(e);
        } catch (StoreUnavailable | RuntimeException e) {
            closeQuietly(c);
            throw e;
        } catch (LinkageError e) {
            // The driver ships a native library; a platform without one must not crash the server.
            closeQuietly(c);
            log.debug("Loading SQLite failed", e);
            throw new StoreUnavailable(location.describe(), "the SQLite library could not be loaded on this system", e);
        }
    }

    private void enableWal(Statement s) throws SQLException {
        // WAL lets readers go on while a writer works; some network file systems refuse it.
        String mode = walOrBusy(s);
        if (!"wal".equalsIgnoreCase(mode)) {
            log.warn("The message database {} stays in journal mode '{}': WAL is not available there",
                    location.describe(), mode);
        }
    }

    /**
     * Switching a new file to WAL needs it alone: when two processes open it at the same moment,
     * SQLite answers one of them SQLITE_BUSY at once instead of waiting (its deadlock avoidance),
     * so that one tries again, within the same budget as any other wait for a lock.
     */
    private static String walOrBusy(Statement s) throws SQLException {
        long giveUp = System.nanoTime() + BUSY_TIMEOUT.toNanos();
        while (true) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                return rs.next() ? rs.getString(1) : "";
            } catch (SQLException e) {
                if (e.getErrorCode() != SQLITE_BUSY || System.nanoTime() > giveUp) {
                    throw e;
                }
                try {
                    Thread.sleep(WAL_RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void createFolder(Path folder) throws StoreUnavailable {
        if (folder == null) {
            return;
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException | SecurityException e) {
            log.debug("Creating the folder {} failed", folder, e);
            throw new StoreUnavailable(location.describe(), "the folder " + folder + " cannot be created: "
                    + whyNotCreated(folder, e), e);
        }
    }

    /** In words: the exception's own text names its Java class when the system gave no reason. */
    private static String whyNotCreated(Path folder, Exception e) {
        for (Path part = folder; part != null; part = part.getParent()) {
            if (Files.exists(part) && !Files.isDirectory(part)) {
                return part + " is a file, not a folder";
            }
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied for " + denied.getFile();
        }
        if (e instanceof SecurityException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + " does not exist and the system does not let it be created";
        }
        if (e instanceof FileSystemException refused && refused.getReason() != null) {
            return "the system said \"" + refused.getReason() + "\"";
        }
        return "the system refused it";
    }

    private StoreUnavailable unavailable(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        if (isFileProblem(code)) {
            // The file may be replaced or repaired while we run: the next use opens it afresh.
            discardConnection();
        }
        return new StoreUnavailable(location.describe(), reason(code, e), e);
    }

    private static boolean isFileProblem(int code) {
        return code == SQLITE_NOTADB || code == SQLITE_CORRUPT || code == SQLITE_IOERR
                || code == SQLITE_CANTOPEN || code == SQLITE_READONLY || code == SQLITE_PERM;
    }

    private String reason(int code, SQLException e) {
        return switch (code) {
            case SQLITE_NOTADB -> "the file is not a database or is corrupt (SQLITE_NOTADB)";
            case SQLITE_CORRUPT -> "the database is corrupt (SQLITE_CORRUPT)";
            case SQLITE_READONLY -> "the database is read-only: check the permissions of the file and its folder"
                    + " (SQLITE_READONLY)";
            case SQLITE_CANTOPEN -> "the file cannot be opened or created: check that its folder exists and can"
                    + " be written (SQLITE_CANTOPEN)";
            case SQLITE_PERM -> "access to the file was denied (SQLITE_PERM)";
            case SQLITE_BUSY, SQLITE_LOCKED -> "the database stayed locked by another program for "
                    + BUSY_TIMEOUT.toSeconds() + " s (SQLITE_BUSY)";
            case SQLITE_FULL -> "the disk is full (SQLITE_FULL)";
            case SQLITE_IOERR -> "the disk could not be read or written (SQLITE_IOERR)";
            default -> "SQLite reported: " + e.getMessage();
        };
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            if (!c.isClosed()) {
                Rows.execute(c, "ROLLBACK");
            }
        } catch (SQLException e) {
            // SQLite may already have rolled back on its own (after SQLITE_FULL, for one).
            failure.addSuppressed(e);
        }
    }

    private void discardConnection() {
        if (isMemory(location) && !closed) {
            return;
        }
        closeQuietly(connection);
        connection = null;
    }

    /** True when the data vanishes with the connection, so a connection must never be thrown away. */
    static boolean isMemory(DatabaseLocation location) {
        String rest = location.jdbcUrl().substring("jdbc:sqlite:".length());
        return rest.isEmpty() || rest.startsWith(":memory:") || rest.contains("mode=memory");
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("Closing the message database failed", e);
        }
    }
}
