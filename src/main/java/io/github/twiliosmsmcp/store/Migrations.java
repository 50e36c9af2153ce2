package io.github.twiliosmsmcp.store;

import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as a list of migrations numbered by SQLite's {@code user_version}. A new version
 * appends a migration; a migration that has shipped is never edited, because databases out there
 * already ran it.
 */
final class Migrations {

    /** Migration {@code n} (1-based) brings the schema from version {@code n - 1} to {@code n}. */
    private static final List<List<String>> MIGRATIONS = List.of(
            // 1: the send journal and the inbox.
            List.of("""
                    CREATE TABLE sends (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        account TEXT NOT NULL,
                        message_key TEXT NOT NULL,
                        idempotency_key TEXT,
                        recipient TEXT NOT NULL,
                        sender TEXT NOT NULL,
                        body TEXT,
                        media_count INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        sid TEXT,
                        status TEXT,
                        error_code INTEGER,
                        reason TEXT,
                        owner_host TEXT NOT NULL,
                        owner_pid INTEGER NOT NULL,
                        owner_started INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    )""",
                    "CREATE INDEX sends_by_message ON sends (account, message_key, created_at)",
                    """
                    CREATE UNIQUE INDEX sends_by_idempotency_key ON sends (account, idempotency_key)
                        WHERE idempotency_key IS NOT NULL""",
                    "CREATE INDEX sends_by_sid ON sends (sid)",
                    """
                    CREATE TABLE inbound (
                        sid TEXT PRIMARY KEY,
                        account TEXT NOT NULL,
                        sender TEXT NOT NULL,
                        recipient TEXT NOT NULL,
                        body TEXT,
                        media_urls TEXT NOT NULL,
                        num_media INTEGER NOT NULL,
                        received_at INTEGER NOT NULL,
                        read_at INTEGER,
                        stored_at INTEGER NOT NULL
                    )""",
                    "CREATE INDEX inbound_by_sender ON inbound (account, sender, received_at)"),
            // 2: what the owner's rules need: costs, dry runs, and who opted out.
            List.of(
                    "ALTER TABLE sends ADD COLUMN estimated_usd TEXT",
                    "ALTER TABLE sends ADD COLUMN price_usd TEXT",
                    "CREATE INDEX sends_by_time ON sends (account, created_at)",
                    """
                    CREATE TABLE consent (
                        account TEXT NOT NULL,
                        number TEXT NOT NULL,
                        opted_out INTEGER NOT NULL,
                        changed_at INTEGER NOT NULL,
                        source TEXT NOT NULL,
                        PRIMARY KEY (account, number)
                    )"""),
            // 3: what a conversation needs to order messages of the same second: which inbound message
            // a send replies to, and the order in which this store learned of each message.
            List.of(
                    "ALTER TABLE sends ADD COLUMN in_reply_to TEXT",
                    """
                    CREATE TABLE learned (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        account TEXT NOT NULL,
                        sid TEXT NOT NULL,
                        UNIQUE (account, sid)
                    )""",
                    """
                    INSERT OR IGNORE INTO learned (account, sid)
                        SELECT account, sid FROM (
                            SELECT account, sid, stored_at AS at FROM inbound
                            UNION ALL
                            SELECT account, sid, created_at AS at FROM sends WHERE sid IS NOT NULL)
                        ORDER BY at, sid""",
                    // Triggers, so that no way of storing a SID can forget to give it its place.
                    """
                    CREATE TRIGGER learned_inbound AFTER INSERT ON inbound BEGIN
                        INSERT OR IGNORE INTO learned (account, sid) VALUES (NEW.account, NEW.sid);
                    END""",
                    """
                    CREATE TRIGGER learned_send AFTER UPDATE OF sid ON sends WHEN NEW.sid IS NOT NULL BEGIN
                        INSERT OR IGNORE INTO learned (account, sid) VALUES (NEW.account, NEW.sid);
                    END"""),
            // 4: which provider each send went to. Sends made before were Twilio's, or the sandbox's,
            // whose account is "sandbox".
            List.of(
                    "ALTER TABLE sends ADD COLUMN provider TEXT NOT NULL DEFAULT 'twilio'",
                    "UPDATE sends SET provider = 'sandbox' WHERE account = 'sandbox'"),
            // 5: the beats of a running webhook service, so stdio servers can tell it is there.
            List.of("""
                    CREATE TABLE service_presence (
                        account TEXT PRIMARY KEY,
                        beat_at INTEGER NOT NULL,
                        public_url TEXT,
                        last_webhook_at INTEGER
                    )"""),
            // 6: the digest of the token serve generated for MCP over HTTP, never the token itself.
            List.of("""
                    CREATE TABLE http_token (
                        account TEXT PRIMARY KEY,
                        sha256 TEXT NOT NULL,
                        created_at INTEGER NOT NULL
                    )"""),
            // 7: messages staged for a person's approval; each edit is a new row that replaces the old.
            staged("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER"),
            // 8: autoresponder rules, and one row per inbound message an autoreply answered.
            autoresponders("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER"),
            // 9: the providers a send moved on from before its last one, and why.
            sendAttempts("INTEGER"));

    /**
     * The attempts of sends that moved on to a fallback provider, the same on SQLite and PostgreSQL
     * but for the type of ids and times ({@code integer}). The last attempt of a send is its row in
     * {@code sends}; these are the ones before it, which certainly were not accepted.
     */
    static List<String> sendAttempts(String integer) {
        return List.of("""
                CREATE TABLE send_attempts (
                    send_id %1$s NOT NULL,
                    position INTEGER NOT NULL,
                    provider TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    at %1$s NOT NULL,
                    PRIMARY KEY (send_id, position)
                )""".formatted(integer));
    }

    /**
     * The staged messages, the same on SQLite and PostgreSQL but for the types of the id
     * ({@code identity}) and of times and ids ({@code integer}).
     */
    static List<String> staged(String identity, String integer) {
        return List.of("""
                CREATE TABLE staged (
                    id %1$s,
                    account TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    sender TEXT,
                    body TEXT NOT NULL,
                    media_urls TEXT NOT NULL,
                    in_reply_to TEXT,
                    priority TEXT NOT NULL,
                    notes TEXT,
                    replaces %2$s,
                    state TEXT NOT NULL,
                    reason TEXT,
                    decided_by TEXT,
                    decided_at %2$s,
                    created_at %2$s NOT NULL,
                    expires_at %2$s NOT NULL,
                    segments INTEGER NOT NULL,
                    encoding TEXT NOT NULL,
                    estimated_usd TEXT NOT NULL,
                    sid TEXT
                )""".formatted(identity, integer), "CREATE INDEX staged_by_state ON staged (account, state, created_at)");
    }

    /**
     * The autoresponder tables, the same on SQLite and PostgreSQL but for the types of the id
     * ({@code identity}) and of times and counts ({@code integer}).
     */
    static List<String> autoresponders(String identity, String integer) {
        return List.of("""
                CREATE TABLE autoresponders (
                    id %1$s,
                    account TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    match_kind TEXT NOT NULL,
                    trigger_text TEXT NOT NULL,
                    response TEXT NOT NULL,
                    enabled INTEGER NOT NULL,
                    active_hours TEXT,
                    origin TEXT NOT NULL,
                    created_at %2$s NOT NULL,
                    trigger_count %2$s NOT NULL,
                    last_triggered_at %2$s
                )""".formatted(identity, integer),
                "CREATE INDEX autoresponders_in_order ON autoresponders (account, position)",
                """
                CREATE TABLE autoreplies (
                    account TEXT NOT NULL,
                    inbound_sid TEXT NOT NULL,
                    rule_id %1$s NOT NULL,
                    recipient TEXT NOT NULL,
                    created_at %1$s NOT NULL,
                    outcome TEXT,
                    sid TEXT,
                    PRIMARY KEY (account, inbound_sid)
                )""".formatted(integer),
                "CREATE INDEX autoreplies_by_recipient ON autoreplies (account, recipient, created_at)");
    }

    private Migrations() {}

    /** The schema version this code writes. */
    static int latest() {
        return MIGRATIONS.size();
    }

    /**
     * Brings the database up to {@link #latest()}. Each migration runs in its own write transaction
     * and re-reads the version inside it, so two processes opening a new file at once do not both
     * create the tables.
     */
    static void apply(Connection c, DatabaseLocation location) throws SQLException, StoreUnavailable {
        refuseNewer(version(c), latest(), location);
        for (int target = 1; target <= latest(); target++) {
            if (version(c) >= target) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    if (version(c) < target) {
                        for (String sql : MIGRATIONS.get(target - 1)) {
                            s.execute(sql);
                        }
                        s.execute("PRAGMA user_version = " + target);
                    }
                    s.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    try {
                        s.execute("ROLLBACK");
                    } catch (SQLException rollbackFailed) {
                        e.addSuppressed(rollbackFailed);
                    }
                    throw e;
                }
            }
        }
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    // Writing with an older schema could undo what a newer version relies on.
    static void refuseNewer(int version, int latest, DatabaseLocation location) throws StoreUnavailable {
        if (version > latest) {
            throw new StoreUnavailable(location.describe(), "it was written by a newer version of twilio-sms-mcp (schema "
                    + version + "; this version knows up to " + latest + "); update the server", null);
        }
    }
}
