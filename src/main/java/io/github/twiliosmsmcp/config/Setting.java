package io.github.twiliosmsmcp.config;

import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import java.util.List;
import java.util.Optional;

/**
 * One environment variable the server reads: its name, its default, one line of help and how its
 * text becomes a value. {@link SettingsCatalogue} lists them all; the README's table, {@code --help}
 * and the tests read that list, so none can name a setting the others do not know.
 *
 * @param defaultText the default as text the parser reads, such as {@code 20}; empty when the
 *     default is no value anyone could type (no cap, the data folder)
 * @param shownDefault the default as people read it: the default text, else words such as
 *     {@code any}; blank when there is none
 */
public record Setting<T>(String name, Optional<String> defaultText, String shownDefault, String help, Parser<T> parser) {

    /** How the text of a setting becomes its value. */
    @FunctionalInterface
    public interface Parser<T> {
        /**
         * @param numbers reads phone numbers in the configured default region, for the settings that
         *     list numbers; null while the region itself is read
         * @throws Invalid saying what is wrong with {@code text}
         */
        T parse(String text, PhoneNumberParser numbers);
    }

    /** Why a text is not a valid value, in words that follow the setting's name. */
    public static final class Invalid extends RuntimeException {
        private final List<String> complaints;
        private final String separator;

        private Invalid(List<String> complaints, String separator) {
            super(null, null, false, false);
            this.complaints = List.copyOf(complaints);
            this.separator = separator;
        }

        /** Completes a sentence that starts with the name: "must be a whole number". */
        public static Invalid because(String complaint) {
            return new Invalid(List.of(complaint), " ");
        }

        /** One sentence for each of several faults, each starting with the name. */
        public static Invalid because(List<String> complaints) {
            return new Invalid(complaints, " ");
        }

        /** A message of its own, shown after the name and a colon. */
        public static Invalid explainedBy(String message) {
            return new Invalid(List.of(message), ": ");
        }

        List<String> problemsOf(String name) {
            return complaints.stream().map(complaint -> name + separator + complaint).toList();
        }
    }

    /** A setting whose default is a value: {@code defaultText} is read as if it had been set. */
    static <T> Setting<T> withDefault(String name, String defaultText, String help, Parser<T> parser) {
        return new Setting<>(name, Optional.of(defaultText), defaultText, help, parser);
    }

    /** A setting whose default is described rather than written as a value, such as {@code any}. */
    static <T> Setting<T> described(String name, String shownDefault, String help, Parser<T> parser) {
        return new Setting<>(name, Optional.empty(), shownDefault, help, parser);
    }

    /** A setting with no default at all, such as a credential. */
    static <T> Setting<T> required(String name, String help, Parser<T> parser) {
        return described(name, "", help, parser);
    }

    /** The value set in {@code env}; empty when it is unset, or not valid, which adds a problem. */
    public Optional<T> read(Environment env, PhoneNumberParser numbers, List<String> problems) {
        Optional<String> text = env.get(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(text.get(), numbers));
        } catch (Invalid e) {
            problems.addAll(e.problemsOf(name));
            return Optional.empty();
        }
    }

    /** The value set in {@code env}, else the default; a value that is not valid adds a problem. */
    public T readOrDefault(Environment env, PhoneNumberParser numbers, List<String> problems) {
        return read(env, numbers, problems).orElseGet(() -> defaultValue(numbers));
    }

    /** The value when nothing is set, for a setting that lists no phone numbers. */
    public T defaultValue() {
        return defaultValue(null);
    }

    /** The value when nothing is set. */
    public T defaultValue(PhoneNumberParser numbers) {
        String text = defaultText.orElseThrow(() -> new IllegalStateException(name + " has no default value"));
        return parser.parse(text, numbers);
    }

    /** The default as the README's configuration table shows it: a value in code style, words as they are. */
    public String documentedDefault() {
        return defaultText.map(text -> "`" + text + "`").orElse(shownDefault);
    }
}
