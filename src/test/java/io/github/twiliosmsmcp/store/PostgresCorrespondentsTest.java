package io.github.twiliosmsmcp.store;

class PostgresCorrespondentsTest extends CorrespondentsContract {
    private final SqlHandle.FreshPostgres database = new SqlHandle.FreshPostgres();

    @Override
    protected Handle openHandle() {
        return database.open(clock, RETENTION);
    }
}
