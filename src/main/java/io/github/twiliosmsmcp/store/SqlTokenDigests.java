package io.github.twiliosmsmcp.store;

import io.github.twiliosmsmcp.access.TokenDigests;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;

/** The digests of generated HTTP tokens in the {@code http_token} table, one row per account. */
public final class SqlTokenDigests implements TokenDigests {
    private final SqlStore database;

    public SqlTokenDigests(SqlStore database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Optional<String> find(String account) throws StoreUnavailable {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT sha256 FROM http_token WHERE account = ?")) {
                select.setString(1, account);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean keepIfAbsent(String account, String digest) throws StoreUnavailable {
        return database.write(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO http_token (account, sha256, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, account);
                insert.setString(2, digest);
                insert.setLong(3, database.nowMillis());
                return insert.executeUpdate() == 1;
            }
        });
    }
}
