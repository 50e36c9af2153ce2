package io.github.twiliosmsmcp.store;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.inbox.ServicePresence;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The beats of webhook services in the {@code service_presence} table, one row per account. */
public final class SqlServicePresence implements ServicePresence {
    private final SqlStore database;

    public SqlServicePresence(SqlStore database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void beat(String account, Beat beat) throws StoreUnavailable {
        database.write(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO service_presence (account, beat_at,"
                    + " public_url, last_webhook_at) VALUES (?, ?, ?, ?) ON CONFLICT (account) DO UPDATE SET"
                    + " beat_at = excluded.beat_at, public_url = excluded.public_url,"
                    + " last_webhook_at = COALESCE(excluded.last_webhook_at, service_presence.last_webhook_at)")) {
                upsert.setString(1, account);
                upsert.setLong(2, beat.at().toEpochMilli());
                upsert.setString(3, beat.publicUrl().orElse(null));
                upsert.setObject(4, beat.lastWebhook().map(Instant::toEpochMilli).orElse(null), Types.BIGINT);
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Beat> lastBeat(String account) throws StoreUnavailable {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT beat_at, public_url, last_webhook_at FROM service_presence WHERE account = ?")) {
                select.setString(1, account);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Beat(Instant.ofEpochMilli(rs.getLong("beat_at")),
                            Optional.ofNullable(rs.getString("public_url")),
                            Rows.optionalLong(rs, "last_webhook_at").map(Instant::ofEpochMilli)));
                }
            }
        });
    }
}
