package io.github.twiliosmsmcp.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The process environment as the server reads it. Clients fill settings in ways that leave junk
 * behind: LibreChat keeps an unset {@code ${VAR}} as literal text and config files carry empty
 * strings, so both count as unset rather than as values.
 */
public final class Environment {
    private static final Pattern UNEXPANDED = Pattern.compile("\\$\\{[^}]*}");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]{0,63}}");

    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Environment ofSystem() {
        return new Environment(System.getenv());
    }

    public Optional<String> get(String name) {
        String value = variables.get(name);
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty() || UNEXPANDED.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        return Optional.of(trimmed);
    }

    public boolean isSet(String name) {
        return get(name).isPresent();
    }

    /**
     * The unexpanded placeholder that {@code name} holds, which {@link #get} counts as unset: the
     * reference itself when it names a variable, such as {@code ${TWILIO_AUTH_TOKEN}}, else only
     * {@code ${...}}, since the text between the braces could be anything, even a secret.
     */
    public Optional<String> placeholder(String name) {
        String value = variables.get(name);
        if (value == null || !UNEXPANDED.matcher(value.strip()).matches()) {
            return Optional.empty();
        }
        return Optional.of(REFERENCE.matcher(value.strip()).matches() ? value.strip() : "${...}");
    }

    /**
     * The user's home folder: {@code $HOME} when set, as every Unix tool reads it, so that a test or
     * a client that points HOME elsewhere is obeyed; else Java's {@code user.home}, which comes from
     * the password database and ignores HOME.
     */
    public Path home() {
        return get("HOME").map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home", "")));
    }
}
