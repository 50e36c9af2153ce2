package io.github.twiliosmsmcp.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Who opted out, in the {@code consent} table. The latest word wins: STOP, then START, means in. */
final class Consent {
    private Consent() {}

    static void record(Connection c, String account, String number, boolean optedOut, Instant at, String source)
            throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO consent (account, number, opted_out,"
                + " changed_at, source) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account, number) DO UPDATE SET"
                + " opted_out = excluded.opted_out, changed_at = excluded.changed_at, source = excluded.source"
                + " WHERE excluded.changed_at >= consent.changed_at")) {
            upsert.setString(1, account);
            upsert.setString(2, number);
            upsert.setBoolean(3, optedOut);
            upsert.setLong(4, at.toEpochMilli());
            upsert.setString(5, source);
            upsert.executeUpdate();
        }
    }

    static Optional<Instant> optedOutSince(Connection c, String account, String number) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT changed_at FROM consent WHERE account = ? AND number = ? AND opted_out")) {
            select.setString(1, account);
            select.setString(2, number);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
            }
        }
    }
}
