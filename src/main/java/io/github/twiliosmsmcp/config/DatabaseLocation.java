package io.github.twiliosmsmcp.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the message database lives: a file, a JDBC URL given by the user, or a private in-memory
 * database. Resolving it touches nothing on disk, so it can be done at start-up.
 */
public final class DatabaseLocation {
    private static final String URL_PREFIX = "jdbc:sqlite:";
    private static final String APP_FOLDER = "twilio-sms-mcp";
    private static final String FILE_NAME = "messages.db";

    private final String jdbcUrl;
    private final Path file;
    private final String description;

    private DatabaseLocation(String jdbcUrl, Path file, String description) {
        this.jdbcUrl = jdbcUrl;
        this.file = file;
        this.description = description;
    }

    /** A database file. */
    public static DatabaseLocation ofFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return new DatabaseLocation(URL_PREFIX + absolute, absolute, absolute.toString());
    }

    /** A private in-memory database: it lives as long as its connection, so it is lost on exit. */
    public static DatabaseLocation memory() {
        return new DatabaseLocation(URL_PREFIX + ":memory:", null, "in memory");
    }

    /** This machine's location, from the environment, the running OS and the user's home folder. */
    public static DatabaseLocation resolve(Environment env) {
        return resolve(env, System.getProperty("os.name", ""), env.home());
    }

    /**
     * {@code SMS_DATABASE} if set (a file path, {@code ~} meaning {@code home}, or a
     * {@code jdbc:sqlite:} URL), else {@code messages.db} in the user's data folder for {@code osName}.
     */
    public static DatabaseLocation resolve(Environment env, String osName, Path home) {
        Optional<String> setting = env.get(Settings.DATABASE);
        if (setting.isPresent()) {
            return fromSetting(setting.get(), home);
        }
        // Not made absolute: a Windows path resolved while testing on Linux must stay as written.
        Path file = dataFolder(env, osName, home).resolve(APP_FOLDER).resolve(FILE_NAME);
        return new DatabaseLocation(URL_PREFIX + file, file, file.toString());
    }

    private static DatabaseLocation fromSetting(String value, Path home) {
        if (value.regionMatches(true, 0, URL_PREFIX, 0, URL_PREFIX.length())) {
            return new DatabaseLocation(value, null, value);
        }
        return ofFile(expandHome(value, home));
    }

    private static Path expandHome(String value, Path home) {
        if (value.equals("~")) {
            return home;
        }
        if (value.startsWith("~/") || value.startsWith("~\\")) {
            return home.resolve(value.substring(2));
        }
        // "~someone" is left alone: looking up other users' homes is not worth the surprise.
        return Path.of(value);
    }

    private static Path dataFolder(Environment env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return env.get("LOCALAPPDATA").map(Path::of).orElse(home.resolve("AppData").resolve("Local"));
        }
        if (os.startsWith("mac") || os.contains("darwin")) {
            return home.resolve("Library").resolve("Application Support");
        }
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        return env.get("XDG_DATA_HOME")
                .map(Path::of)
                .filter(Path::isAbsolute)
                .orElse(home.resolve(".local").resolve("share"));
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The database file, when the location is a plain file (not a URL, not memory). */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** For messages and logs: the file path, the URL, or "in memory". */
    public String describe() {
        return description;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DatabaseLocation that && jdbcUrl.equals(that.jdbcUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jdbcUrl);
    }

    @Override
    public String toString() {
        return description;
    }
}
