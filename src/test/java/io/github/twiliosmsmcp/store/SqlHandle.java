package io.github.twiliosmsmcp.store;

import io.github.twiliosmsmcp.access.TokenDigests;
import io.github.twiliosmsmcp.approval.StagedMessages;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.inbox.ServicePresence;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** A store as the contract tests open it: one {@link SqlStore} per process. */
record SqlHandle(SqlStore database) implements StoreContract.Handle {

    /** SQLite on a real file. */
    static SqlHandle sqlite(Path file, Clock clock, Duration retention) {
        return new SqlHandle(new Database(DatabaseLocation.ofFile(file), clock, retention));
    }

    /** A handle on {@code database} of {@link PostgresServer#shared()}, with its password; one pool per handle. */
    static SqlHandle postgres(String url, Clock clock, Duration retention) {
        DatabaseLocation location = DatabaseLocation.postgres(url, Optional.of(PostgresServer.shared().password()));
        return new SqlHandle(new PostgresDatabase(location, clock, retention));
    }

    /** One empty PostgreSQL database for one test, as each SQLite test has a file of its own: made when first opened. */
    static final class FreshPostgres {
        private String url;

        SqlHandle open(Clock clock, Duration retention) {
            if (url == null) {
                url = PostgresServer.shared().freshDatabaseUrl();
            }
            return postgres(url, clock, retention);
        }
    }

    @Override
    public SendJournal journal() {
        return new SqlSendJournal(database);
    }

    @Override
    public Inbox inbox(String account) {
        return new SqlInbox(database, account);
    }

    @Override
    public ServicePresence presence() {
        return new SqlServicePresence(database);
    }

    @Override
    public StagedMessages staged() {
        return new SqlStagedMessages(database);
    }

    @Override
    public TokenDigests tokenDigests() {
        return new SqlTokenDigests(database);
    }

    @Override
    public void close() {
        database.close();
    }
}
