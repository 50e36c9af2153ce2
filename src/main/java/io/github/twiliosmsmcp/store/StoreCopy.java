package io.github.twiliosmsmcp.store;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Copies a SQLite store into a PostgreSQL one, table by table, in batches of {@link #BATCH} rows,
 * each batch one transaction on either side. A row the target already has is left as it is, so a
 * copy that was interrupted, or run twice, copies nothing twice: a send is the same send when its
 * account, message, time and writing process are; every other row is known by its primary key.
 *
 * <p>{@code learned} goes first and in its own order, so that messages of the same second keep the
 * order the SQLite store gave them; the target's triggers then find every SID already placed.
 */
public final class StoreCopy {
    static final int BATCH = 500;
    /** Taken by every batch, so that two copies run at once cannot both find a send missing and insert it. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('migrate-store', 0))";

    /** How a column is read from SQLite and written to PostgreSQL. */
    private enum Kind { TEXT, NUMBER, FLAG }

    private record Column(String name, Kind kind) {}

    /**
     * A table, the columns by which a row of it is the same row in the target, and what must run in
     * the target once it is copied, if anything. A table whose rows belong to a send names it by
     * {@code send_id}, which is not the same in the target: its rows are read with the send's own
     * identity ({@link #SEND}) and written with the id the target gave that send.
     */
    private record Table(String name, List<Column> columns, List<String> identity, Optional<String> afterCopy,
            boolean ofASend) {
        Table(String name, List<Column> columns, List<String> identity) {
            this(name, columns, identity, Optional.empty(), false);
        }

        Table(String name, List<Column> columns, List<String> identity, Optional<String> afterCopy) {
            this(name, columns, identity, afterCopy, false);
        }

        /** The columns a page holds: a send's identity first when the rows belong to a send. */
        List<Column> read() {
            return ofASend ? Stream.concat(SEND.stream(), columns.stream()).toList() : columns;
        }
    }

    /** What makes a send the same send in both stores, as the copy of {@code sends} knows it. */
    private static final List<Column> SEND = columns("account message_key #created_at owner_host #owner_pid"
            + " #owner_started");

    private static final List<Table> TABLES = List.of(
            new Table("learned", columns("account sid"), List.of("account", "sid")),
            new Table("sends", columns("account message_key idempotency_key recipient sender body #media_count state sid"
                    + " status #error_code reason owner_host #owner_pid #owner_started #created_at #updated_at"
                    + " estimated_usd price_usd in_reply_to provider"),
                    SEND.stream().map(Column::name).toList()),
            new Table("send_attempts", columns("#position provider reason #at"), List.of("send_id", "position"),
                    Optional.empty(), true),
            new Table("inbound", columns("sid account sender recipient body media_urls #num_media #received_at #read_at"
                    + " #stored_at"), List.of("sid")),
            new Table("consent", columns("account number ?opted_out #changed_at source"), List.of("account", "number")),
            new Table("service_presence", columns("account #beat_at public_url #last_webhook_at"), List.of("account")),
            new Table("http_token", columns("account sha256 #created_at"), List.of("account")),
            // Staged messages keep their ids: a staged send's idempotency key in the journal names its id,
            // so a message approved but not known to be sent must keep it, or it could be sent again.
            new Table("staged", columns("#id account kind recipient sender body media_urls in_reply_to priority notes"
                    + " #replaces state reason decided_by #decided_at #created_at #expires_at #segments encoding"
                    + " estimated_usd sid"), List.of("id"), Optional.of(advanceIds("staged"))),
            // Rules keep their ids too: the autoreplies below name them.
            new Table("autoresponders", columns("#id account #position match_kind trigger_text response #enabled"
                    + " active_hours origin #created_at #trigger_count #last_triggered_at"), List.of("id"),
                    Optional.of(advanceIds("autoresponders"))),
            new Table("autoreplies", columns("account inbound_sid #rule_id recipient #created_at outcome sid"),
                    List.of("account", "inbound_sid")));

    /** Moves a table's id sequence past the ids copied into it, so the target's next row gets a new one. */
    private static String advanceIds(String table) {
        return "SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), GREATEST((SELECT MAX(id) FROM " + table
                + "), 1))";
    }

    /** How many rows of one table were copied, and how many the target already had. */
    public record Counted(String table, long copied, long alreadyThere) {}

    private final SqlStore from;
    private final SqlStore to;

    public StoreCopy(SqlStore from, SqlStore to) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
    }

    /** The tables in the order they are copied. */
    public static List<String> tables() {
        return TABLES.stream().map(Table::name).toList();
    }

    /** Copies every table, telling {@code progress} about each one as it is done. */
    public List<Counted> copy(Consumer<Counted> progress) throws StoreUnavailable {
        // The target first, so that one that cannot be reached, or has a newer schema, is refused even
        // when there is nothing to copy.
        to.write(c -> null);
        List<Counted> counts = new ArrayList<>();
        for (Table table : TABLES) {
            Counted counted = copy(table);
            progress.accept(counted);
            counts.add(counted);
        }
        return counts;
    }

    private Counted copy(Table table) throws StoreUnavailable {
        long copied = 0;
        long seen = 0;
        long after = 0;
        while (true) {
            long start = after;
            List<Object[]> rows = from.read(c -> page(c, table, start));
            if (rows.isEmpty()) {
                if (table.afterCopy().isPresent()) {
                    to.write(c -> {
                        Rows.execute(c, table.afterCopy().get());
                        return null;
                    });
                }
                return new Counted(table.name(), copied, seen - copied);
            }
            copied += to.write(c -> insert(c, table, rows));
            seen += rows.size();
            after = (Long) rows.get(rows.size() - 1)[0];
        }
    }

    /** The next rows after SQLite's rowid {@code after}: the rowid first, then the columns. */
    private static List<Object[]> page(Connection c, Table table, long after) throws SQLException {
        String from = table.ofASend()
                ? table.name() + " t JOIN sends s ON s.id = t.send_id"
                : table.name() + " t";
        String names = table.read().stream().map(column -> (table.ofASend() && SEND.contains(column) ? "s." : "t.")
                + column.name()).collect(Collectors.joining(", "));
        try (PreparedStatement select = c.prepareStatement("SELECT t.rowid, " + names + " FROM " + from
                + " WHERE t.rowid > ? ORDER BY t.rowid LIMIT " + BATCH)) {
            select.setLong(1, after);
            return Rows.all(select, rs -> row(rs, table.read()));
        }
    }

    private static Object[] row(ResultSet rs, List<Column> columns) throws SQLException {
        Object[] row = new Object[columns.size() + 1];
        row[0] = rs.getLong(1);
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            row[i + 1] = switch (column.kind()) {
                case TEXT -> rs.getString(i + 2);
                case NUMBER -> Rows.optionalLong(rs, column.name()).orElse(null);
                case FLAG -> rs.getBoolean(i + 2);
            };
        }
        return row;
    }

    private static int insert(Connection c, Table table, List<Object[]> rows) throws SQLException {
        Rows.execute(c, LOCK);
        String names = names(table.columns());
        String values = names(table.read());
        String placeholders = table.read().stream().map(column -> "?").collect(Collectors.joining(", "));
        // A row of a send takes the id its send has in the target; one whose send is not there is left out.
        String select = table.ofASend()
                ? "SELECT s.id, " + table.columns().stream().map(column -> "v." + column.name())
                        .collect(Collectors.joining(", ")) + " FROM (VALUES (" + placeholders + ")) AS v (" + values
                        + ") JOIN sends s ON " + SEND.stream().map(column -> "s." + column.name() + " = v."
                                + column.name()).collect(Collectors.joining(" AND "))
                : "SELECT * FROM (VALUES (" + placeholders + ")) AS v (" + values + ")";
        String sameRow = table.identity().stream()
                .map(name -> "t." + name + " = " + (table.ofASend() && name.equals("send_id") ? "s.id" : "v." + name))
                .collect(Collectors.joining(" AND "));
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table.name() + " ("
                + (table.ofASend() ? "send_id, " : "") + names + ") " + select
                + " WHERE NOT EXISTS (SELECT 1 FROM " + table.name() + " t WHERE " + sameRow + ")"
                + " ON CONFLICT DO NOTHING")) {
            for (Object[] row : rows) {
                for (int i = 0; i < table.read().size(); i++) {
                    bind(insert, i + 1, table.read().get(i).kind(), row[i + 1]);
                }
                insert.addBatch();
            }
            int inserted = 0;
            for (int count : insert.executeBatch()) {
                inserted += count;
            }
            return inserted;
        }
    }

    private static void bind(PreparedStatement insert, int index, Kind kind, Object value) throws SQLException {
        switch (kind) {
            case TEXT -> insert.setString(index, (String) value);
            case NUMBER -> {
                if (value == null) {
                    insert.setNull(index, Types.BIGINT);
                } else {
                    insert.setLong(index, (Long) value);
                }
            }
            case FLAG -> insert.setBoolean(index, (Boolean) value);
        }
    }

    /** Columns written as names, {@code #} before a number and {@code ?} before a true-or-false flag. */
    private static List<Column> columns(String spec) {
        List<Column> columns = new ArrayList<>();
        for (String word : spec.split(" ")) {
            columns.add(switch (word.charAt(0)) {
                case '#' -> new Column(word.substring(1), Kind.NUMBER);
                case '?' -> new Column(word.substring(1), Kind.FLAG);
                default -> new Column(word, Kind.TEXT);
            });
        }
        return List.copyOf(columns);
    }

    private static String names(List<Column> columns) {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }
}
