package io.github.twiliosmsmcp.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reading nullable columns, which JDBC otherwise turns into zeros. */
final class Rows {
    private Rows() {}

    static Optional<Integer> optionalInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
