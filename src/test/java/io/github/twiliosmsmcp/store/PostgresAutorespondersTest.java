package io.github.twiliosmsmcp.store;

class PostgresAutorespondersTest extends AutorespondersContract {
    private final SqlHandle.FreshPostgres database = new SqlHandle.FreshPostgres();

    @Override
    protected Handle openHandle() {
        return database.open(clock, RETENTION);
    }
}
