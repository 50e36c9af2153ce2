package io.github.twiliosmsmcp.store;

import io.github.twiliosmsmcp.access.TokenDigests;
import io.github.twiliosmsmcp.approval.StagedMessages;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.inbox.ServicePresence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What the contract tests of the store's ports share: handles on one store, empty when a test
 * starts. A store implementation runs the contracts by subclassing them and saying how a handle is
 * opened; each handle stands for one server process, so two open handles are two processes sharing
 * the store.
 */
public abstract class StoreContract {
    protected static final Instant START = Instant.parse("2026-11-21T09:00:00Z");
    protected static final Duration RETENTION = Duration.ofDays(90);

    protected final MutableClock clock = new MutableClock(START);
    private final List<Handle> opened = new ArrayList<>();

    /** One more handle on this test's store, reading {@link #clock} and keeping bodies for {@link #RETENTION}. */
    protected abstract Handle openHandle();

    /** What a server process holds of the store. */
    public interface Handle extends AutoCloseable {
        SendJournal journal();

        Inbox inbox(String account);

        ServicePresence presence();

        StagedMessages staged();

        TokenDigests tokenDigests();

        @Override
        void close();
    }

    protected final Handle open() {
        Handle handle = openHandle();
        opened.add(handle);
        return handle;
    }

    /** Closes every handle, as when every process stops; the next {@link #open()} starts afresh. */
    @AfterEach
    protected final void closeAll() {
        opened.forEach(Handle::close);
        opened.clear();
    }
}
