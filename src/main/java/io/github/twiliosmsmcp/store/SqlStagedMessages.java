package io.github.twiliosmsmcp.store;

import io.github.twiliosmsmcp.approval.Priority;
import io.github.twiliosmsmcp.approval.Staged;
import io.github.twiliosmsmcp.approval.StagedMessages;
import io.github.twiliosmsmcp.approval.StagedState;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.delivery.SendRequest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Staged messages in SQLite. Each change is a write transaction that re-reads the row it changes. */
public final class SqlStagedMessages implements StagedMessages {
    private static final String COLUMNS = "id, account, kind, recipient, sender, body, media_urls, in_reply_to,"
            + " priority, notes, replaces, state, reason, decided_by, decided_at, created_at, expires_at, segments,"
            + " encoding, estimated_usd, sid";

    private final SqlStore database;

    public SqlStagedMessages(SqlStore database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Stored stage(Staged message, Instant now, Instant sentSince) throws StoreUnavailable {
        // Taken as a claim is, so two processes staging the same message at once take turns and stage it once.
        return database.claim(message.account(), c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id FROM staged WHERE account = ?"
                    + " AND ((state IN ('PENDING', 'APPROVED') AND expires_at > ?) OR (state = 'SENT' AND decided_at > ?))"
                    + " AND kind = ? AND recipient = ? AND COALESCE(sender, '') = ? AND body = ? AND media_urls = ?"
                    + " ORDER BY id DESC LIMIT 1")) {
                select.setString(1, message.account());
                select.setLong(2, now.toEpochMilli());
                select.setLong(3, sentSince.toEpochMilli());
                select.setString(4, message.kind().name());
                select.setString(5, message.to());
                select.setString(6, message.from().orElse(""));
                select.setString(7, message.body());
                select.setString(8, String.join("\n", message.media()));
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        return new Stored(find(c, message.account(), rs.getLong(1)).orElseThrow(), true);
                    }
                }
            }
            return new Stored(insert(c, message), false);
        });
    }

    private static Staged insert(Connection c, Staged m) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO staged (account, kind, recipient, sender, body,"
                + " media_urls, in_reply_to, priority, notes, replaces, state, created_at, expires_at, segments, encoding,"
                + " estimated_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, m.account());
            insert.setString(2, m.kind().name());
            insert.setString(3, m.to());
            insert.setString(4, m.from().orElse(null));
            insert.setString(5, m.body());
            insert.setString(6, String.join("\n", m.media()));
            insert.setString(7, m.inReplyTo().orElse(null));
            insert.setString(8, m.priority().name());
            insert.setString(9, m.notes().orElse(null));
            insert.setObject(10, m.replaces().orElse(null), Types.BIGINT);
            insert.setLong(11, m.createdAt().toEpochMilli());
            insert.setLong(12, m.expiresAt().toEpochMilli());
            insert.setInt(13, m.segments());
            insert.setString(14, m.encoding());
            insert.setString(15, m.estimateUsd().toPlainString());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return find(c, m.account(), keys.getLong(1)).orElseThrow();
            }
        }
    }

    @Override
    public List<Staged> list(String account, Optional<StagedState> state, Instant now, int limit)
            throws StoreUnavailable {
        // Expiry is read, not written: a pending or approved message past its time reads as expired.
        String where = state.map(s -> switch (s) {
            case PENDING, APPROVED -> " AND state = '" + s.name() + "' AND expires_at > " + now.toEpochMilli();
            case EXPIRED -> " AND state IN ('PENDING', 'APPROVED') AND expires_at <= " + now.toEpochMilli();
            default -> " AND state = '" + s.name() + "'";
        }).orElse("");
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM staged WHERE account = ?"
                    + where + " ORDER BY id DESC LIMIT ?")) {
                select.setString(1, account);
                select.setInt(2, limit);
                return Rows.all(select, SqlStagedMessages::staged);
            }
        });
    }

    @Override
    public Optional<Staged> find(String account, long id) throws StoreUnavailable {
        return database.read(c -> find(c, account, id));
    }

    private static Optional<Staged> find(Connection c, String account, long id) throws SQLException {
        return find(c, account, id, "");
    }

    /** The row, locked until the transaction ends where the database locks rows: two decisions take turns. */
    private Optional<Staged> findToChange(Connection c, String account, long id) throws SQLException {
        return find(c, account, id, database.lockingTheRow());
    }

    private static Optional<Staged> find(Connection c, String account, long id, String locking) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM staged WHERE account = ?"
                + " AND id = ?" + locking)) {
            select.setString(1, account);
            select.setLong(2, id);
            return Rows.all(select, SqlStagedMessages::staged).stream().findFirst();
        }
    }

    @Override
    public Decided decide(String account, long id, String digest, boolean approve, Optional<String> reason,
            String reviewer, Instant now) throws StoreUnavailable {
        return database.write(c -> {
            Optional<Staged> found = findToChange(c, account, id);
            if (found.isEmpty()) {
                return Decided.NO_SUCH_MESSAGE;
            }
            Staged staged = found.get();
            StagedState wanted = approve ? StagedState.APPROVED : StagedState.REJECTED;
            StagedState current = staged.stateAt(now);
            if (current == wanted) {
                return Decided.ALREADY;
            }
            if (current != StagedState.PENDING) {
                return Decided.CLOSED;
            }
            if (!staged.digest().equals(digest)) {
                return Decided.CONTENT_CHANGED;
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE staged SET state = ?, reason = ?,"
                    + " decided_by = ?, decided_at = ? WHERE id = ? AND state = 'PENDING'")) {
                update.setString(1, wanted.name());
                update.setString(2, reason.orElse(null));
                update.setString(3, reviewer);
                update.setLong(4, now.toEpochMilli());
                update.setLong(5, id);
                update.executeUpdate();
            }
            return Decided.DONE;
        });
    }

    @Override
    public Optional<Staged> replace(String account, long id, Staged edited, String reviewer, Instant now)
            throws StoreUnavailable {
        return database.write(c -> {
            Optional<Staged> old = findToChange(c, account, id);
            if (old.isEmpty() || !old.get().stateAt(now).open()) {
                return Optional.empty();
            }
            Staged next = insert(c, edited);
            try (PreparedStatement update = c.prepareStatement("UPDATE staged SET state = 'REJECTED', reason = ?,"
                    + " decided_by = ?, decided_at = ? WHERE id = ?")) {
                update.setString(1, "edited by " + reviewer + "; replaced by staged message " + next.id());
                update.setString(2, reviewer);
                update.setLong(3, now.toEpochMilli());
                update.setLong(4, id);
                update.executeUpdate();
            }
            return Optional.of(next);
        });
    }

    @Override
    public List<Staged> approvedUnsent(String account, Instant now) throws StoreUnavailable {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM staged WHERE account = ?"
                    + " AND state = 'APPROVED' AND expires_at > ? ORDER BY id")) {
                select.setString(1, account);
                select.setLong(2, now.toEpochMilli());
                return Rows.all(select, SqlStagedMessages::staged);
            }
        });
    }

    @Override
    public void finished(String account, long id, StagedState state, String outcome, Optional<String> messageSid,
            Instant now) throws StoreUnavailable {
        database.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE staged SET state = ?, reason = ?,"
                    + " sid = COALESCE(?, sid) WHERE account = ? AND id = ? AND state = 'APPROVED'")) {
                update.setString(1, state.name());
                update.setString(2, outcome);
                update.setString(3, messageSid.orElse(null));
                update.setString(4, account);
                update.setLong(5, id);
                return update.executeUpdate();
            }
        });
    }

    private static Staged staged(ResultSet rs) throws SQLException {
        String media = rs.getString("media_urls");
        return new Staged(rs.getLong("id"), rs.getString("account"), SendRequest.Kind.valueOf(rs.getString("kind")),
                rs.getString("recipient"), Optional.ofNullable(rs.getString("sender")), rs.getString("body"),
                media.isEmpty() ? List.of() : Arrays.asList(media.split("\n")),
                Optional.ofNullable(rs.getString("in_reply_to")), Priority.valueOf(rs.getString("priority")),
                Optional.ofNullable(rs.getString("notes")), Rows.optionalLong(rs, "replaces"),
                StagedState.valueOf(rs.getString("state")), Optional.ofNullable(rs.getString("reason")),
                Optional.ofNullable(rs.getString("decided_by")),
                Rows.optionalLong(rs, "decided_at").map(Instant::ofEpochMilli),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("expires_at")),
                rs.getInt("segments"), rs.getString("encoding"), new BigDecimal(rs.getString("estimated_usd")),
                Optional.ofNullable(rs.getString("sid")));
    }
}
