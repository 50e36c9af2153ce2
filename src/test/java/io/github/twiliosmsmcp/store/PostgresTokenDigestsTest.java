package io.github.twiliosmsmcp.store;

class PostgresTokenDigestsTest extends TokenDigestsContract {
    private final SqlHandle.FreshPostgres database = new SqlHandle.FreshPostgres();

    @Override
    protected Handle openHandle() {
        return database.open(clock, RETENTION);
    }
}
