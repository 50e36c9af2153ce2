package io.github.twiliosmsmcp.store;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import java.io.Closeable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A SQL database that holds the message store: SQLite ({@link Database}) or PostgreSQL
 * ({@link PostgresDatabase}). The journal, the inbox and the service presence run the same SQL on
 * either; what differs (opening, locking, schema, errors) stays behind this interface.
 */
public interface SqlStore extends Closeable {

    /**
     * A unit of database work. It runs inside a transaction that the store starts and ends, so it
     * must neither manage transactions nor call the store itself.
     */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one write transaction. */
    <T> T write(Work<T> work) throws StoreUnavailable;

    /**
     * Runs {@code work} in one write transaction that no other claim of {@code account} runs beside,
     * in this process or any other: what it reads stays true until it commits.
     */
    <T> T claim(String account, Work<T> work) throws StoreUnavailable;

    /** Runs {@code work} in one read transaction, so that it sees one consistent state. */
    <T> T read(Work<T> work) throws StoreUnavailable;

    /**
     * What ends a SELECT that reads a row the transaction goes on to change, so that no other
     * transaction changes it in between: empty where every write transaction already runs alone.
     */
    String lockingTheRow();

    /** Now, in epoch milliseconds, as every timestamp column stores it. */
    long nowMillis();

    /** Bodies of messages from before this instant are not kept. */
    Instant retentionCutoff();

    /**
     * How long a send intent stays its writer's without a renewal, when the writers may run on
     * other machines; empty when every writer is a process of this machine, whose process table
     * tells a dead writer from a busy one.
     */
    Optional<Duration> intentLease();

    DatabaseLocation location();

    @Override
    void close();
}
