package io.github.twiliosmsmcp.store;

import io.github.twiliosmsmcp.access.TokenDigests;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.inbox.ServicePresence;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The SQLite store on a real file, as the contract tests open it: one {@link Database} per process. */
record SqliteHandle(Database database) implements StoreContract.Handle {

    static SqliteHandle open(Path file, Clock clock, Duration retention) {
        return new SqliteHandle(new Database(DatabaseLocation.ofFile(file), clock, retention));
    }

    @Override
    public SendJournal journal() {
        return new SqliteSendJournal(database);
    }

    @Override
    public Inbox inbox(String account) {
        return new SqliteInbox(database, account);
    }

    @Override
    public ServicePresence presence() {
        return new SqliteServicePresence(database);
    }

    @Override
    public TokenDigests tokenDigests() {
        return new SqliteTokenDigests(database);
    }

    @Override
    public void close() {
        database.close();
    }
}
