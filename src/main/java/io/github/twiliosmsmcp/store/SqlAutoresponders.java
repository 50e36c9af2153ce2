package io.github.twiliosmsmcp.store;

import io.github.twiliosmsmcp.autorespond.ActiveHours;
import io.github.twiliosmsmcp.autorespond.Rule;
import io.github.twiliosmsmcp.autorespond.Rules;
import io.github.twiliosmsmcp.autorespond.Trigger;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Autoresponder rules in the {@code autoresponders} table and the autoreplies they made in
 * {@code autoreplies}, keyed by the inbound message: its primary key is what makes an inbound
 * message get one autoreply at most, whichever process or retried webhook claims it.
 */
public final class SqlAutoresponders implements Rules {
    private static final String COLUMNS = "id, position, match_kind, trigger_text, response, enabled, active_hours,"
            + " origin, created_at, trigger_count, last_triggered_at";

    private final SqlStore database;

    public SqlAutoresponders(SqlStore database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Rule add(String account, Draft draft, Instant now) throws StoreUnavailable {
        return database.write(c -> {
            int position;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT COALESCE(MAX(position), 0) + 1 FROM autoresponders WHERE account = ?")) {
                select.setString(1, account);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    position = rs.getInt(1);
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO autoresponders (account, position,"
                    + " match_kind, trigger_text, response, enabled, active_hours, origin, created_at, trigger_count)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, account);
                insert.setInt(2, position);
                insert.setString(3, draft.trigger().match().value());
                insert.setString(4, draft.trigger().text());
                insert.setString(5, draft.response());
                insert.setInt(6, draft.enabled() ? 1 : 0);
                insert.setString(7, draft.activeHours().map(ActiveHours::text).orElse(null));
                insert.setString(8, draft.origin().name());
                insert.setLong(9, now.toEpochMilli());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned no id for the new rule");
                    }
                    return new Rule(keys.getLong(1), draft.trigger(), draft.response(), draft.enabled(),
                            draft.activeHours(), position, draft.origin(), now, 0, Optional.empty());
                }
            }
        });
    }

    @Override
    public List<Rule> list(String account) throws StoreUnavailable {
        return database.read(c -> inOrder(c, account));
    }

    private static List<Rule> inOrder(Connection c, String account) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                + " FROM autoresponders WHERE account = ? ORDER BY position, id")) {
            select.setString(1, account);
            return Rows.all(select, SqlAutoresponders::rule);
        }
    }

    @Override
    public boolean delete(String account, long id) throws StoreUnavailable {
        return changed("DELETE FROM autoresponders WHERE account = ? AND id = ?", account, id);
    }

    @Override
    public boolean setEnabled(String account, long id, boolean enabled) throws StoreUnavailable {
        return changed("UPDATE autoresponders SET enabled = " + (enabled ? 1 : 0) + " WHERE account = ? AND id = ?",
                account, id);
    }

    private boolean changed(String sql, String account, long id) throws StoreUnavailable {
        return database.write(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                update.setString(1, account);
                update.setLong(2, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean move(String account, long id, int position) throws StoreUnavailable {
        return database.write(c -> {
            List<Long> order = new ArrayList<>(inOrder(c, account).stream().map(Rule::id).toList());
            if (!order.remove(id)) {
                return false;
            }
            order.add(Math.max(0, Math.min(position - 1, order.size())), id);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE autoresponders SET position = ? WHERE account = ? AND id = ?")) {
                for (int i = 0; i < order.size(); i++) {
                    update.setInt(1, i + 1);
                    update.setString(2, account);
                    update.setLong(3, order.get(i));
                    update.executeUpdate();
                }
            }
            return true;
        });
    }

    @Override
    public Claim claim(String account, Reply reply, Limits limits) throws StoreUnavailable {
        return database.claim(account, c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT 1 FROM autoreplies WHERE account = ? AND inbound_sid = ?")) {
                select.setString(1, account);
                select.setString(2, reply.inboundSid());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        return new AlreadyAnswered();
                    }
                }
            }
            Optional<Long> last = newest(c, account, reply.number(), reply.ruleId(), reply.at().minus(limits.cooldown()));
            if (last.isPresent()) {
                return new CoolingDown(Instant.ofEpochMilli(last.get()));
            }
            int today = countSince(c, account, reply.number(), reply.at().minus(Duration.ofDays(1)));
            if (today >= limits.perNumberPerDay()) {
                return new Capped(today);
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO autoreplies (account, inbound_sid, rule_id,"
                    + " recipient, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, account);
                insert.setString(2, reply.inboundSid());
                insert.setLong(3, reply.ruleId());
                insert.setString(4, reply.number());
                insert.setLong(5, reply.at().toEpochMilli());
                insert.executeUpdate();
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE autoresponders SET trigger_count ="
                    + " trigger_count + 1, last_triggered_at = ? WHERE account = ? AND id = ?")) {
                update.setLong(1, reply.at().toEpochMilli());
                update.setString(2, account);
                update.setLong(3, reply.ruleId());
                update.executeUpdate();
            }
            return new Claimed();
        });
    }

    private static Optional<Long> newest(Connection c, String account, String number, long ruleId, Instant since)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT MAX(created_at) AS last FROM autoreplies"
                + " WHERE account = ? AND recipient = ? AND rule_id = ? AND created_at > ?")) {
            select.setString(1, account);
            select.setString(2, number);
            select.setLong(3, ruleId);
            select.setLong(4, since.toEpochMilli());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return Rows.optionalLong(rs, "last");
            }
        }
    }

    private static int countSince(Connection c, String account, String number, Instant since) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT COUNT(*) FROM autoreplies WHERE account = ? AND recipient = ? AND created_at > ?")) {
            select.setString(1, account);
            select.setString(2, number);
            select.setLong(3, since.toEpochMilli());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    public void settle(String account, String inboundSid, String outcome, Optional<String> messageId)
            throws StoreUnavailable {
        database.write(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE autoreplies SET outcome = ?, sid = ? WHERE account = ? AND inbound_sid = ?")) {
                update.setString(1, outcome);
                update.setString(2, messageId.orElse(null));
                update.setString(3, account);
                update.setString(4, inboundSid);
                return update.executeUpdate();
            }
        });
    }

    /** Rows were checked when they were written; one that no longer reads is a bug, not a store problem. */
    private static Rule rule(ResultSet rs) throws SQLException {
        Trigger.Match match = Trigger.Match.parse(rs.getString("match_kind").toLowerCase(Locale.ROOT)).orElseThrow();
        Optional<String> hours = Optional.ofNullable(rs.getString("active_hours"));
        return new Rule(rs.getLong("id"), Trigger.of(match, rs.getString("trigger_text")), rs.getString("response"),
                rs.getInt("enabled") != 0, hours.map(ActiveHours::parse), rs.getInt("position"),
                Rule.Origin.valueOf(rs.getString("origin")), Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getLong("trigger_count"), Rows.optionalLong(rs, "last_triggered_at").map(Instant::ofEpochMilli));
    }
}
