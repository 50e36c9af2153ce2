package io.github.twiliosmsmcp.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteAutorespondersTest extends AutorespondersContract {
    @TempDir
    Path dir;

    @Override
    protected Handle openHandle() {
        return SqlHandle.sqlite(dir.resolve("messages.db"), clock, RETENTION);
    }
}
