package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.delivery.Shown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tool call's arguments, read with answers a model can act on. The SDK's schema validator is
 * off because its messages read poorly; this class says which argument is wrong and how to write
 * it. Numbers and booleans written as strings are accepted, since models often quote them.
 */
final class Arguments {
    private final Map<String, Object> values;

    private Arguments(Map<String, Object> values) {
        this.values = values;
    }

    /** Refuses names the tool does not know: a misspelt {@code mesage} must not send an empty text. */
    static Arguments of(Map<String, Object> raw, Set<String> known) throws BadArgument {
        Map<String, Object> values = raw == null ? Map.of() : raw;
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            String names = unknown.stream().limit(5).map(Shown::quoted).reduce((a, b) -> a + ", " + b).orElse("");
            throw new BadArgument("unknown argument " + names + "; this tool takes " + (known.isEmpty() ? "no arguments"
                    : "only " + String.join(", ", new TreeSet<>(known))));
        }
        return new Arguments(values);
    }

    String requiredString(String name, String example) throws BadArgument {
        Object value = values.get(name);
        if (value == null) {
            throw new BadArgument("'" + name + "' is missing; give it as a string such as " + example);
        }
        return asString(name, value, example);
    }

    Optional<String> optionalString(String name, String example) throws BadArgument {
        Object value = values.get(name);
        return value == null ? Optional.empty() : Optional.of(asString(name, value, example));
    }

    Optional<Integer> optionalInt(String name, int min, int max) throws BadArgument {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else if (value instanceof String s && s.strip().matches("-?\\d{1,12}")) {
            number = Long.parseLong(s.strip());
        } else {
            throw new BadArgument("'" + name + "' must be a whole number from " + min + " to " + max
                    + " (it was " + describe(value) + ")");
        }
        if (number != Math.rint(number) || Double.isInfinite(number)) {
            throw new BadArgument("'" + name + "' must be a whole number from " + min + " to " + max
                    + " (it was " + describe(value) + ")");
        }
        // Compared as a double, so that integers beyond the long range cannot wrap into range.
        if (number < min || number > max) {
            throw new BadArgument("'" + name + "' must be from " + min + " to " + max + " (it was "
                    + Shown.of(value.toString()) + ")");
        }
        return Optional.of((int) number);
    }

    Optional<Boolean> optionalBoolean(String name) throws BadArgument {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(s));
        }
        throw new BadArgument("'" + name + "' must be true or false (it was " + describe(value) + ")");
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    /** A list of strings; a single string is taken as a list of one, as models sometimes send. */
    List<String> stringList(String name, String example) throws BadArgument {
        Object value = values.get(name);
        if (value == null) {
            throw new BadArgument("'" + name + "' is missing; give a list such as [" + example + "]");
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (!(value instanceof List<?> list)) {
            throw new BadArgument("'" + name + "' must be a list of strings such as [" + example + "] (it was "
                    + describe(value) + ")");
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new BadArgument("item " + (i + 1) + " of '" + name + "' must be a string (it was "
                        + describe(list.get(i)) + ")");
            }
            strings.add(s);
        }
        return strings;
    }

    private static String asString(String name, Object value, String example) throws BadArgument {
        if (value instanceof String s) {
            return s;
        }
        throw new BadArgument("'" + name + "' must be a string such as " + example + " (it was " + describe(value) + ")");
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "the text " + Shown.quoted(s);
        }
        if (value instanceof Number n) {
            return "the number " + Shown.of(n.toString());
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
