package io.github.twiliosmsmcp.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the message database lives: a SQLite file, a JDBC URL given by the user, a private
 * in-memory database, or a PostgreSQL server shared by several hosts. Resolving it touches nothing
 * on disk or on the network, so it can be done at start-up. The password of a PostgreSQL location
 * is kept apart from its URL and its description, which logs and answers show.
 */
public final class DatabaseLocation {
    private static final String URL_PREFIX = "jdbc:sqlite:";
    private static final String APP_FOLDER = "twilio-sms-mcp";
    private static final String FILE_NAME = "messages.db";
    private static final String POSTGRES_JDBC_PREFIX = "jdbc:postgresql://";
    private static final int POSTGRES_PORT = 5432;
    private static final String POSTGRES_FORM = "postgresql://user[:password]@host[:port]/database[?sslmode=require]";
    /** libpq's own environment variable, read like psql does when nothing else gives a password. */
    public static final String PGPASSWORD = "PGPASSWORD";

    private final String jdbcUrl;
    private final Path file;
    private final String description;
    private final String user;
    private final String password;

    private DatabaseLocation(String jdbcUrl, Path file, String description) {
        this(jdbcUrl, file, description, null, null);
    }

    private DatabaseLocation(String jdbcUrl, Path file, String description, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.file = file;
        this.description = description;
        this.user = user;
        this.password = password;
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
     * {@code SMS_DATABASE} if set (a file path, {@code ~} meaning {@code home}, a
     * {@code jdbc:sqlite:} URL or a {@code postgresql://} URL), else {@code messages.db} in the
     * user's data folder for {@code osName}.
     */
    public static DatabaseLocation resolve(Environment env, String osName, Path home) {
        Optional<String> setting = env.get(Settings.DATABASE);
        if (setting.isPresent() && isPostgresUrl(setting.get())) {
            return postgres(setting.get(), env.get(Settings.DATABASE_PASSWORD).or(() -> env.get(PGPASSWORD)));
        }
        if (setting.isPresent()) {
            return fromSetting(setting.get(), home);
        }
        // Not made absolute: a Windows path resolved while testing on Linux must stay as written.
        Path file = dataFolder(env, osName, home).resolve(APP_FOLDER).resolve(FILE_NAME);
        return new DatabaseLocation(URL_PREFIX + file, file, file.toString());
    }

    /** Whether {@code value} is a {@code postgresql://} (or {@code postgres://}) URL. */
    public static boolean isPostgresUrl(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgresql://") || lower.startsWith("postgres://");
    }

    /**
     * A PostgreSQL server, from a URL of libpq's form {@code postgresql://user[:password]@host[:port]/database[?sslmode=...]}.
     * A password in the URL wins over {@code password}; the other query parameters (sslmode
     * among them) go to the driver as they are.
     *
     * @throws IllegalArgumentException saying what is wrong, without the password
     */
    public static DatabaseLocation postgres(String url, Optional<String> password) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL; the form is " + POSTGRES_FORM);
        }
        String host = uri.getHost();
        String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "" : decode(uri.getRawPath().substring(1));
        String user = null;
        String urlPassword = null;
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            user = decode(userInfo[0]);
            urlPassword = userInfo.length > 1 ? decode(userInfo[1]) : null;
        }
        List<String> passedOn = new ArrayList<>();
        for (String parameter : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
            String name = decode(parameter.split("=", 2)[0]);
            String value = parameter.contains("=") ? decode(parameter.split("=", 2)[1]) : "";
            if (name.equals("user")) {
                user = value;
            } else if (name.equals("password")) {
                urlPassword = value;
            } else if (!parameter.isEmpty()) {
                passedOn.add(parameter);
            }
        }
        if (host == null || user == null || user.isEmpty() || database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("must name a user, a host and a database: " + POSTGRES_FORM);
        }
        String address = host + ":" + (uri.getPort() == -1 ? POSTGRES_PORT : uri.getPort()) + uri.getRawPath()
                + (passedOn.isEmpty() ? "" : "?" + String.join("&", passedOn));
        return new DatabaseLocation(POSTGRES_JDBC_PREFIX + address, null, "postgresql://" + user + "@" + address,
                user, urlPassword != null ? urlPassword : password.orElse(null));
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
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

    /** Whether the database is a PostgreSQL server rather than SQLite. */
    public boolean isPostgres() {
        return jdbcUrl.startsWith(POSTGRES_JDBC_PREFIX);
    }

    /** The user a PostgreSQL location connects as. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password a PostgreSQL location connects with: a secret, never to be logged or shown. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The database file, when the location is a plain file (not a URL, not memory). */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** For messages and logs: the file path, the URL (without any password), or "in memory". */
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
