package io.github.twiliosmsmcp.store;

import io.github.twiliosmsmcp.delivery.PastSend;
import io.github.twiliosmsmcp.delivery.ProviderAttempt;
import io.github.twiliosmsmcp.delivery.SendIntent;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.policy.Charge;
import io.github.twiliosmsmcp.policy.Decision;
import io.github.twiliosmsmcp.policy.Facts;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The send journal in the {@code sends} table. Where the store leases intents (several machines),
 * a pending intent's {@code updated_at} is when its writer last renewed it: the lease ends that
 * long after it, and hosts' clocks are taken to agree within seconds.
 */
public final class SqlSendJournal implements SendJournal {
    private static final String COLUMNS = "id, state, provider, recipient, sender, body, media_count, sid, status,"
            + " error_code, created_at, updated_at, idempotency_key, message_key, owner_host, owner_pid, owner_started";

    private final SqlStore database;

    public SqlSendJournal(SqlStore database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * An explicit idempotency key is honoured forever, whatever became of its send. Otherwise the
     * newest send of the same message that still blocks it repeats: an accepted one within the
     * window, an uncertain one (pending or unknown) within {@link SendIntent#uncertainWindow()}, and
     * one that certainly was not sent never. Only then are the owner's rules asked, with facts read
     * in the same transaction. The store runs claims of one account one after the other, whichever
     * process makes them, so the facts read stay true until the claim commits.
     */
    @Override
    public Claim claim(SendIntent intent, Gate gate) throws StoreUnavailable {
        return database.claim(intent.account(), c -> {
            // An explicit key is the caller taking control: the key alone says whether this is a repeat.
            Optional<PastSend> earlier = intent.idempotencyKey().isPresent()
                    ? byIdempotencyKey(c, intent.account(), intent.idempotencyKey().get())
                    : sameMessageStillBlocking(c, intent);
            if (earlier.isPresent()) {
                return new Repeat(earlier.get());
            }
            Decision decision = gate.decide(facts(c, intent.account(), intent.to(), intent.at(), intent.dryRun()));
            if (decision instanceof Decision.Refused refused) {
                return new Refused(refused);
            }
            return new Fresh(insertPending(c, intent));
        });
    }

    /** In one transaction, so that the intent never names a provider whose earlier attempt is unrecorded. */
    @Override
    public void movedOn(long id, ProviderAttempt attempt, String nextProvider, BigDecimal nextEstimateUsd)
            throws StoreUnavailable {
        database.write(c -> {
            long now = database.nowMillis();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO send_attempts (send_id, position, provider,"
                    + " reason, at) SELECT ?, COUNT(*) + 1, ?, ?, ? FROM send_attempts WHERE send_id = ?");
                    PreparedStatement update = c.prepareStatement("UPDATE sends SET provider = ?, estimated_usd = ?,"
                            + " updated_at = ? WHERE id = ? AND state = 'PENDING'")) {
                insert.setLong(1, id);
                insert.setString(2, attempt.provider());
                insert.setString(3, attempt.reason());
                insert.setLong(4, now);
                insert.setLong(5, id);
                insert.executeUpdate();
                update.setString(1, nextProvider);
                update.setString(2, nextEstimateUsd.toPlainString());
                update.setLong(3, now);
                update.setLong(4, id);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public List<ProviderAttempt> movedOn(long id) throws StoreUnavailable {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT provider, reason FROM send_attempts WHERE send_id = ? ORDER BY position")) {
                select.setLong(1, id);
                List<ProviderAttempt> attempts = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        attempts.add(new ProviderAttempt(rs.getString(1), rs.getString(2)));
                    }
                }
                return attempts;
            }
        });
    }

    /** Only a pending intent has a lease to renew: one already resolved is left alone. */
    @Override
    public void renew(long id) throws StoreUnavailable {
        if (database.intentLease().isEmpty()) {
            return;
        }
        database.write(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE sends SET updated_at = ? WHERE id = ? AND state = 'PENDING'")) {
                update.setLong(1, database.nowMillis());
                update.setLong(2, id);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void recipientOptedOut(String account, String number, Instant at, String source) throws StoreUnavailable {
        database.write(c -> {
            Consent.record(c, account, number, true, at, source);
            return null;
        });
    }

    @Override
    public List<Charge> charges(String account, Instant since, boolean includeDryRun) throws StoreUnavailable {
        return database.read(c -> charges(c, account, since, includeDryRun));
    }

    @Override
    public Facts facts(String account, String number, Instant at, boolean dryRun) throws StoreUnavailable {
        return database.read(c -> facts(c, account, number, at, dryRun));
    }

    private static Facts facts(Connection c, String account, String number, Instant at, boolean dryRun)
            throws SQLException {
        List<Charge> lastDay = charges(c, account, at.minus(Duration.ofDays(1)), dryRun);
        return new Facts(lastDay, Consent.optedOutSince(c, account, number), SqlInbox.hasTextedUs(c, account, number));
    }

    @Override
    public boolean everSentTo(String account, String number) throws StoreUnavailable {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM sends WHERE account = ? AND recipient = ?"
                    + " AND state IN ('PENDING', 'ACCEPTED', 'UNKNOWN') LIMIT 1")) {
                select.setString(1, account);
                select.setString(2, number);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Sends that may have gone out count; so do dry runs, but only against other dry runs. */
    private static List<Charge> charges(Connection c, String account, Instant since, boolean includeDryRun)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT created_at, recipient, provider,"
                + " COALESCE(price_usd, estimated_usd, '0') AS usd FROM sends WHERE account = ? AND created_at > ?"
                + " AND (state IN ('PENDING', 'ACCEPTED', 'UNKNOWN') OR (? AND state = 'DRY_RUN'))"
                + " ORDER BY created_at")) {
            select.setString(1, account);
            select.setLong(2, since.toEpochMilli());
            select.setBoolean(3, includeDryRun);
            return Rows.all(select, rs -> new Charge(Instant.ofEpochMilli(rs.getLong("created_at")),
                    rs.getString("recipient"), new BigDecimal(rs.getString("usd")), rs.getString("provider")));
        }
    }

    /** The sender becomes the one the provider names, when it names one: a fallback provider sends as itself. */
    @Override
    public void accepted(long id, MessageRecord message) throws StoreUnavailable {
        update(id, "UPDATE sends SET state = 'ACCEPTED', sid = ?, status = ?, error_code = ?,"
                + " price_usd = COALESCE(?, price_usd), sender = COALESCE(?, sender), updated_at = ? WHERE id = ?",
                message.sid(), message.status().twilioValue(), message.errorCode().orElse(null), usd(message),
                message.from() == null || message.from().isBlank() ? null : message.from());
    }

    @Override
    public void notSent(long id, String reason) throws StoreUnavailable {
        update(id, "UPDATE sends SET state = 'NOT_SENT', reason = ?, updated_at = ? WHERE id = ?", reason);
    }

    @Override
    public void unknown(long id, String reason) throws StoreUnavailable {
        update(id, "UPDATE sends SET state = 'UNKNOWN', reason = ?, updated_at = ? WHERE id = ?", reason);
    }

    /** Also marks the send accepted: Twilio knowing the message proves it was. */
    @Override
    public void status(long id, MessageRecord message) throws StoreUnavailable {
        int changed = database.write(c -> {
            Optional<MessageStatus> known = recordedStatus(c, id);
            boolean later = known.isEmpty() || message.status().supersedes(known.get());
            try (PreparedStatement update = c.prepareStatement("UPDATE sends SET state = 'ACCEPTED',"
                    + " status = CASE WHEN ? THEN ? ELSE status END, error_code = CASE WHEN ? THEN ? ELSE error_code END,"
                    + " sid = COALESCE(sid, ?), price_usd = COALESCE(?, price_usd), updated_at = ? WHERE id = ?")) {
                update.setBoolean(1, later);
                update.setString(2, message.status().twilioValue());
                update.setBoolean(3, later);
                update.setObject(4, message.errorCode().orElse(null), Types.INTEGER);
                update.setString(5, message.sid());
                update.setString(6, usd(message));
                update.setLong(7, database.nowMillis());
                update.setLong(8, id);
                return update.executeUpdate();
            }
        });
        if (changed != 1) {
            throw new IllegalArgumentException("no send with id " + id + " in the journal");
        }
    }

    @Override
    public Reported reported(String account, String messageId, MessageStatus status, Optional<Integer> errorCode)
            throws StoreUnavailable {
        return database.write(c -> {
            Optional<Long> id = sendOf(c, account, messageId);
            if (id.isEmpty()) {
                return Reported.NO_SUCH_SEND;
            }
            Optional<MessageStatus> known = recordedStatus(c, id.get());
            if (known.isPresent() && !status.supersedes(known.get())) {
                return Reported.OUT_OF_DATE;
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE sends SET state = 'ACCEPTED', status = ?,"
                    + " error_code = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, status.twilioValue());
                update.setObject(2, errorCode.orElse(null), Types.INTEGER);
                update.setLong(3, database.nowMillis());
                update.setLong(4, id.get());
                update.executeUpdate();
            }
            return Reported.RECORDED;
        });
    }

    private static Optional<Long> sendOf(Connection c, String account, String messageId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id FROM sends WHERE account = ? AND sid = ? ORDER BY id DESC LIMIT 1")) {
            select.setString(1, account);
            select.setString(2, messageId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Locks the send's row where the store locks rows, so that two reports are weighed one after the other. */
    private Optional<MessageStatus> recordedStatus(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT status FROM sends WHERE id = ?"
                + database.lockingTheRow())) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)).map(MessageStatus::of) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<PastSend> byMessageId(String account, String messageId) throws StoreUnavailable {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM sends WHERE account = ? AND sid = ? ORDER BY id DESC LIMIT 1")) {
                select.setString(1, account);
                select.setString(2, messageId);
                return first(select);
            }
        });
    }

    /** Twilio's price as a cost in US dollars; other currencies are left to the estimate. */
    private static String usd(MessageRecord message) {
        if (message.price().isEmpty() || !message.priceUnit().map("USD"::equalsIgnoreCase).orElse(false)) {
            return null;
        }
        try {
            return new BigDecimal(message.price().get()).abs().toPlainString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Optional<PastSend> byIdempotencyKey(Connection c, String account, String key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM sends WHERE account = ? AND idempotency_key = ?")) {
            select.setString(1, account);
            select.setString(2, key);
            return first(select);
        }
    }

    private Optional<PastSend> sameMessageStillBlocking(Connection c, SendIntent intent) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM sends"
                + " WHERE account = ? AND message_key = ? AND created_at >= ?"
                + " AND (state IN ('PENDING', 'UNKNOWN') OR (state = 'ACCEPTED' AND created_at >= ?))"
                + " ORDER BY created_at DESC, id DESC LIMIT 1")) {
            select.setString(1, intent.account());
            select.setString(2, intent.messageKey());
            select.setLong(3, intent.at().minus(intent.uncertainWindow()).toEpochMilli());
            select.setLong(4, intent.at().minus(intent.window()).toEpochMilli());
            return first(select);
        }
    }

    /** A dry run is written down as such: it counts against a dry run's limits, never blocks a real send. */
    private long insertPending(Connection c, SendIntent intent) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO sends (account, message_key,"
                + " idempotency_key, recipient, sender, body, media_count, state, owner_host, owner_pid,"
                + " owner_started, created_at, updated_at, estimated_usd, in_reply_to, provider)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, intent.account());
            insert.setString(2, intent.messageKey());
            insert.setString(3, intent.dryRun() ? null : intent.idempotencyKey().orElse(null));
            insert.setString(4, intent.to());
            insert.setString(5, intent.sender());
            insert.setString(6, intent.body());
            insert.setInt(7, intent.mediaUrls().size());
            insert.setString(8, intent.dryRun() ? "DRY_RUN" : "PENDING");
            insert.setString(9, intent.owner().host());
            insert.setLong(10, intent.owner().pid());
            insert.setLong(11, intent.owner().started().toEpochMilli());
            insert.setLong(12, intent.at().toEpochMilli());
            insert.setLong(13, database.nowMillis());
            insert.setString(14, intent.estimatedUsd().toPlainString());
            insert.setString(15, intent.inReplyTo().orElse(null));
            insert.setString(16, intent.provider());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new send");
                }
                return keys.getLong(1);
            }
        }
    }

    /**
     * Runs an update whose parameters are {@code values}, then updated_at, then the id. An id that
     * matches no row is a bug in the caller, not a store problem.
     */
    private void update(long id, String sql, Object... values) throws StoreUnavailable {
        int changed = database.write(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                int i = 1;
                for (Object value : values) {
                    if (value == null) {
                        update.setNull(i++, Types.NULL);
                    } else {
                        update.setObject(i++, value);
                    }
                }
                update.setLong(i++, database.nowMillis());
                update.setLong(i, id);
                return update.executeUpdate();
            }
        });
        if (changed != 1) {
            throw new IllegalArgumentException("no send with id " + id + " in the journal");
        }
    }

    private Optional<PastSend> first(PreparedStatement select) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.of(pastSend(rs)) : Optional.empty();
        }
    }

    private PastSend pastSend(ResultSet rs) throws SQLException {
        Instant renewed = Instant.ofEpochMilli(rs.getLong("updated_at"));
        return new PastSend(
                rs.getLong("id"),
                PastSend.State.valueOf(rs.getString("state")),
                rs.getString("provider"),
                rs.getString("recipient"),
                rs.getString("sender"),
                Optional.ofNullable(rs.getString("body")),
                rs.getInt("media_count"),
                Optional.ofNullable(rs.getString("sid")),
                Optional.ofNullable(rs.getString("status")).map(MessageStatus::of),
                Rows.optionalInt(rs, "error_code"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Optional.ofNullable(rs.getString("idempotency_key")),
                rs.getString("message_key"),
                new SendIntent.Owner(rs.getString("owner_host"), rs.getLong("owner_pid"),
                        Instant.ofEpochMilli(rs.getLong("owner_started"))),
                database.intentLease().map(renewed::plus));
    }
}
