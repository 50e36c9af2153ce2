package io.github.twiliosmsmcp.store;

import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The inbox of one Twilio account in the {@code inbound} table. Media URLs are stored one per
 * line: a URL cannot contain a line break.
 */
public final class SqlInbox implements Inbox {
    private final SqlStore database;
    private final String account;

    public SqlInbox(SqlStore database, String account) {
        this.database = Objects.requireNonNull(database, "database");
        this.account = Objects.requireNonNull(account, "account");
    }

    /** Whether {@code number} has ever texted this account, as far as this server has seen. */
    static boolean hasTextedUs(Connection c, String account, String number) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT 1 FROM inbound WHERE account = ? AND sender = ? LIMIT 1")) {
            select.setString(1, account);
            select.setString(2, number);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Outbound messages are ignored: the inbox holds what others sent to us. */
    @Override
    public void remember(Collection<MessageRecord> messages, ConsentRule rule) throws StoreUnavailable {
        List<MessageRecord> inbound = oldestFirst(messages).stream()
                .filter(m -> m.direction() == MessageRecord.Direction.INBOUND)
                .toList();
        if (inbound.isEmpty()) {
            return;
        }
        database.write(c -> {
            long now = database.nowMillis();
            Instant cutoff = database.retentionCutoff();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO inbound (sid, account, sender,"
                    + " recipient, body, media_urls, num_media, received_at, read_at, stored_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?) ON CONFLICT DO NOTHING")) {
                for (MessageRecord m : inbound) {
                    Instant received = m.dateSent() != null ? m.dateSent() : Instant.ofEpochMilli(now);
                    insert.setString(1, m.sid());
                    insert.setString(2, account);
                    insert.setString(3, m.from());
                    insert.setString(4, m.to());
                    // A message already past the retention is kept without its text, as a purge would leave it.
                    insert.setString(5, received.isBefore(cutoff) ? null : m.body());
                    insert.setString(6, String.join("\n", m.mediaUrls()));
                    insert.setInt(7, m.mediaCount());
                    insert.setLong(8, received.toEpochMilli());
                    insert.setLong(9, now);
                    if (insert.executeUpdate() == 1) {
                        Optional<ConsentChange> change = rule.changeFor(m);
                        if (change.isPresent()) {
                            Consent.record(c, account, m.from(), change.get().optedOut(), received, change.get().source());
                        }
                    }
                }
            }
            return null;
        });
    }

    /**
     * A SID that was never stored counts as unread: it cannot have been returned to the model,
     * because everything returned is stored and marked read first.
     */
    @Override
    public Set<String> unread(Collection<String> sids) throws StoreUnavailable {
        Set<String> wanted = new LinkedHashSet<>(sids);
        if (wanted.isEmpty()) {
            return Set.of();
        }
        return database.read(c -> {
            Set<String> unread = new LinkedHashSet<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT read_at IS NOT NULL FROM inbound WHERE account = ? AND sid = ?")) {
                select.setString(1, account);
                for (String sid : wanted) {
                    select.setString(2, sid);
                    try (ResultSet rs = select.executeQuery()) {
                        boolean read = rs.next() && rs.getBoolean(1);
                        if (!read) {
                            unread.add(sid);
                        }
                    }
                }
            }
            return Collections.unmodifiableSet(unread);
        });
    }

    /**
     * Only stored messages can be marked: a SID never passed to {@link #remember} is left out of
     * the result, so callers remember messages before they mark them. Rows are changed in the order
     * of their SIDs, so two callers that lock rows one by one never wait for each other in a circle.
     */
    @Override
    public Set<String> markRead(Collection<String> sids) throws StoreUnavailable {
        Set<String> wanted = new LinkedHashSet<>(sids);
        if (wanted.isEmpty()) {
            return Set.of();
        }
        return database.write(c -> {
            Set<String> changed = new HashSet<>();
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE inbound SET read_at = ? WHERE account = ? AND sid = ? AND read_at IS NULL")) {
                update.setLong(1, database.nowMillis());
                update.setString(2, account);
                for (String sid : new TreeSet<>(wanted)) {
                    update.setString(3, sid);
                    if (update.executeUpdate() == 1) {
                        changed.add(sid);
                    }
                }
            }
            Set<String> inTheOrderAsked = new LinkedHashSet<>(wanted);
            inTheOrderAsked.retainAll(changed);
            return Collections.unmodifiableSet(inTheOrderAsked);
        });
    }

    /** The text is empty once the retention has purged it. */
    @Override
    public Optional<MessageRecord> find(String sid) throws StoreUnavailable {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT sid, sender, recipient, body, media_urls,"
                    + " num_media, received_at FROM inbound WHERE account = ? AND sid = ?")) {
                select.setString(1, account);
                select.setString(2, sid);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(record(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<MessageRecord> receivedBetween(Instant from, Instant to, int limit) throws StoreUnavailable {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT inbound.sid, sender, recipient, body,"
                    + " media_urls, num_media, received_at FROM inbound JOIN learned ON learned.account ="
                    + " inbound.account AND learned.sid = inbound.sid WHERE inbound.account = ? AND received_at >= ?"
                    + " AND received_at < ? ORDER BY received_at, learned.seq LIMIT ?")) {
                select.setString(1, account);
                select.setLong(2, from.toEpochMilli());
                select.setLong(3, to.toEpochMilli());
                select.setInt(4, limit);
                return Rows.all(select, SqlInbox::record);
            }
        });
    }

    @Override
    public List<Correspondent> correspondents(int limit) throws StoreUnavailable {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT number, MAX(at) AS last_at, SUM(unread) AS"
                    + " unread FROM (SELECT sender AS number, received_at AS at, CASE WHEN read_at IS NULL THEN 1 ELSE 0"
                    + " END AS unread FROM inbound WHERE account = ? UNION ALL SELECT recipient, created_at, 0 FROM"
                    + " sends WHERE account = ? AND state = 'ACCEPTED') AS messages GROUP BY number"
                    + " ORDER BY CASE WHEN SUM(unread) > 0 THEN 0 ELSE 1 END, MAX(at) DESC, number LIMIT ?")) {
                select.setString(1, account);
                select.setString(2, account);
                select.setInt(3, limit);
                return Rows.all(select, rs -> new Correspondent(rs.getString("number"),
                        Instant.ofEpochMilli(rs.getLong("last_at")), rs.getInt("unread")));
            }
        });
    }

    /** Storing a message gives it its place too (a trigger), so only messages never stored are learned here. */
    @Override
    public Map<String, Place> places(Collection<MessageRecord> messages) throws StoreUnavailable {
        List<MessageRecord> oldestFirst = oldestFirst(messages);
        if (oldestFirst.isEmpty()) {
            return Map.of();
        }
        return database.write(c -> {
            try (PreparedStatement learn = c.prepareStatement(
                    "INSERT INTO learned (account, sid) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                learn.setString(1, account);
                for (MessageRecord m : oldestFirst) {
                    learn.setString(2, m.sid());
                    learn.executeUpdate();
                }
            }
            Map<String, Place> places = new HashMap<>();
            try (PreparedStatement select = c.prepareStatement("SELECT seq, (SELECT in_reply_to FROM sends"
                    + " WHERE sends.account = learned.account AND sends.sid = learned.sid AND in_reply_to IS NOT NULL"
                    + " LIMIT 1) AS in_reply_to, (SELECT rule_id FROM autoreplies WHERE autoreplies.account ="
                    + " learned.account AND autoreplies.sid = learned.sid LIMIT 1) AS autoreply_rule"
                    + " FROM learned WHERE account = ? AND sid = ?")) {
                select.setString(1, account);
                for (MessageRecord m : oldestFirst) {
                    select.setString(2, m.sid());
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        places.put(m.sid(), new Place(rs.getLong("seq"), Optional.ofNullable(rs.getString("in_reply_to")),
                                Rows.optionalLong(rs, "autoreply_rule")));
                    }
                }
            }
            return Collections.unmodifiableMap(places);
        });
    }

    /** Messages learned together take their places in the order of their times. */
    private static List<MessageRecord> oldestFirst(Collection<MessageRecord> messages) {
        return messages.stream()
                .sorted(Comparator.comparing(MessageRecord::dateSent, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    private static MessageRecord record(ResultSet rs) throws SQLException {
        String body = rs.getString("body");
        String urls = rs.getString("media_urls");
        return MessageRecord.builder(rs.getString("sid"), MessageRecord.Direction.INBOUND, MessageStatus.RECEIVED)
                .from(rs.getString("sender"))
                .to(rs.getString("recipient"))
                .body(body == null ? "" : body)
                .dateSent(Instant.ofEpochMilli(rs.getLong("received_at")))
                .mediaCount(rs.getInt("num_media"))
                .mediaUrls(urls.isEmpty() ? List.of() : List.of(urls.split("\n")))
                .build();
    }
}
