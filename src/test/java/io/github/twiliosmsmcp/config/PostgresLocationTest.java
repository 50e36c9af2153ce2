package io.github.twiliosmsmcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresLocationTest {
    private static DatabaseLocation resolve(String url, String settingPassword, String pgPassword) {
        Map<String, String> variables = new HashMap<>();
        variables.put(Settings.DATABASE, url);
        if (!settingPassword.isEmpty()) {
            variables.put(Settings.DATABASE_PASSWORD, settingPassword);
        }
        if (!pgPassword.isEmpty()) {
            variables.put(DatabaseLocation.PGPASSWORD, pgPassword);
        }
        return DatabaseLocation.resolve(new Environment(variables), "Linux", Path.of("/home/ann"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "postgresql://sms@db.example.com/sms                 | ''   | ''  | jdbc:postgresql://db.example.com:5432/sms               | postgresql://sms@db.example.com:5432/sms               | sms | -",
            "postgres://sms@db:6543/sms?sslmode=require          | ''   | ''  | jdbc:postgresql://db:6543/sms?sslmode=require          | postgresql://sms@db:6543/sms?sslmode=require          | sms | -",
            "postgresql://sms:s3cr%40t@db/sms?sslmode=verify-full | set  | pg  | jdbc:postgresql://db:5432/sms?sslmode=verify-full      | postgresql://sms@db:5432/sms?sslmode=verify-full      | sms | s3cr@t",
            "postgresql://sms@db/sms                             | set  | pg  | jdbc:postgresql://db:5432/sms                          | postgresql://sms@db:5432/sms                          | sms | set",
            "postgresql://sms@db/sms                             | ''   | pg  | jdbc:postgresql://db:5432/sms                          | postgresql://sms@db:5432/sms                          | sms | pg",
            "postgresql://db/sms?user=ops&password=pw&sslmode=disable | '' | '' | jdbc:postgresql://db:5432/sms?sslmode=disable         | postgresql://ops@db:5432/sms?sslmode=disable          | ops | pw",
            "postgresql://sms@[::1]:5433/sms                     | ''   | ''  | jdbc:postgresql://[::1]:5433/sms                       | postgresql://sms@[::1]:5433/sms                       | sms | -"})
    void aPostgresqlUrlBecomesAJdbcUrlAndADescriptionWithoutThePassword(String url, String settingPassword,
            String pgPassword, String jdbcUrl, String description, String user, String password) {
        DatabaseLocation location = resolve(url, settingPassword, pgPassword);

        assertTrue(location.isPostgres());
        assertEquals(jdbcUrl, location.jdbcUrl());
        assertEquals(description, location.describe());
        assertEquals(description, location.toString());
        assertEquals(Optional.of(user), location.user());
        assertEquals(Optional.ofNullable(password), location.password());
        assertEquals(Optional.empty(), location.file());
    }

    @Test
    void aSqliteLocationIsNotPostgres() {
        assertFalse(resolve("/var/lib/sms/messages.db", "", "").isPostgres());
        assertFalse(resolve("jdbc:sqlite:/tmp/x.db", "", "").isPostgres());
    }

    // A mistyped URL is a configuration problem, worded without the password it may hold.
    @ParameterizedTest
    @CsvSource({"postgresql://sms:hunter2@db.example.com", "postgresql://:hunter2@db.example.com/sms",
            "postgresql:///sms?password=hunter2", "postgresql://sms:hunter2@db example/sms"})
    void aBadUrlIsAProblemThatDoesNotShowThePassword(String url) {
        Settings settings = Settings.load(new Environment(Map.of(Settings.DATABASE, url)));

        List<String> problems = settings.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(Settings.DATABASE + " "), problems.get(0));
        assertFalse(problems.get(0).contains("hunter2"), problems.get(0));
    }
}
