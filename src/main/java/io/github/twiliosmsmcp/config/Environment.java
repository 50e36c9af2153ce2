package io.github.twiliosmsmcp.config;

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
}
