package io.github.twiliosmsmcp.autorespond;

import com.google.re2j.PatternSyntaxException;
import io.github.twiliosmsmcp.policy.OptOutWords;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * What an inbound message must say for a rule to answer it: a keyword, or a regular expression
 * run by RE2, whose matching time grows linearly with the message, so neither a hostile pattern
 * nor a long message can stall the service.
 */
public sealed interface Trigger permits Trigger.Keyword, Trigger.Pattern {
    /** Twilio refuses bodies above 1,600 characters; a webhook carrying more is not an SMS to match. */
    int MAX_BODY = 1600;
    int MAX_KEYWORD = 64;
    int MAX_PATTERN = 200;
    /**
     * Counted repetitions multiply the size of the compiled program: {@code ((a{100}){100}){100}}
     * takes RE2 most of a second to compile. The product of all counts in a pattern is bounded.
     */
    int MAX_REPETITION_PRODUCT = 1000;

    /** How a trigger's text is read. */
    enum Match {
        KEYWORD,
        PATTERN;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Match> parse(String text) {
            for (Match match : values()) {
                if (match.value().equals(text)) {
                    return Optional.of(match);
                }
            }
            return Optional.empty();
        }
    }

    String text();

    Match match();

    boolean matches(String body);

    /** A trigger of {@code match} with {@code text}; IllegalArgumentException says, for a model, what is wrong. */
    static Trigger of(Match match, String text) {
        return match == Match.KEYWORD ? Keyword.of(text) : Pattern.of(text);
    }

    /** Case and accents folded away: "Café", "CAFE" and "cafe" read the same. */
    static String folded(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    /** The whole message, or a whole word (or words) of it, in any case and with or without accents. */
    record Keyword(String text, String foldedText) implements Trigger {
        static Keyword of(String text) {
            String trimmed = text == null ? "" : text.strip();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("'trigger' is empty; give a keyword such as HOURS");
            }
            if (trimmed.length() > MAX_KEYWORD) {
                throw new IllegalArgumentException("a keyword trigger may have at most " + MAX_KEYWORD
                        + " characters (it has " + trimmed.length() + ")");
            }
            if (OptOutWords.reserved(trimmed)) {
                throw new IllegalArgumentException("'" + trimmed + "' is a word carriers reserve for opting out, back in"
                        + " or asking for help; such messages are never answered by an autoresponder");
            }
            return new Keyword(trimmed, Trigger.folded(trimmed));
        }

        @Override
        public Match match() {
            return Match.KEYWORD;
        }

        @Override
        public boolean matches(String body) {
            String text = Trigger.folded(clipped(body));
            for (int at = text.indexOf(foldedText); at >= 0; at = text.indexOf(foldedText, at + 1)) {
                int end = at + foldedText.length();
                if ((at == 0 || !Character.isLetterOrDigit(text.codePointBefore(at)))
                        && (end == text.length() || !Character.isLetterOrDigit(text.codePointAt(end)))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A regular expression found anywhere in the message as written, ignoring case. */
    record Pattern(String text, com.google.re2j.Pattern compiled) implements Trigger {
        static Pattern of(String text) {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("'trigger' is empty; give a regular expression such as ^hours?\\b");
            }
            if (text.length() > MAX_PATTERN) {
                throw new IllegalArgumentException("a pattern trigger may have at most " + MAX_PATTERN
                        + " characters (it has " + text.length() + ")");
            }
            if (repetitionProduct(text) > MAX_REPETITION_PRODUCT) {
                throw new IllegalArgumentException("the counted repetitions ({n} or {n,m}) of the pattern multiply to more"
                        + " than " + MAX_REPETITION_PRODUCT + "; use smaller counts, or + and *");
            }
            try {
                return new Pattern(text, com.google.re2j.Pattern.compile(text, com.google.re2j.Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("the pattern is not a valid RE2 regular expression: "
                        + e.getDescription() + " (look-arounds and back-references are not supported)");
            }
        }

        @Override
        public Match match() {
            return Match.PATTERN;
        }

        @Override
        public boolean matches(String body) {
            return compiled.matcher(clipped(body)).find();
        }

        /** The product of the largest count of every {n}, {n,} and {n,m}; escaped braces are text. */
        static long repetitionProduct(String pattern) {
            long product = 1;
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '{') {
                    int close = pattern.indexOf('}', i);
                    if (close < 0) {
                        break;
                    }
                    product *= largestCount(pattern.substring(i + 1, close));
                    product = Math.min(product, Integer.MAX_VALUE);
                    i = close;
                }
            }
            return product;
        }

        private static long largestCount(String counts) {
            long largest = 1;
            for (String count : counts.split(",", -1)) {
                if (count.matches("\\d{1,9}")) {
                    largest = Math.max(largest, Long.parseLong(count));
                }
            }
            return largest;
        }
    }

    private static String clipped(String body) {
        String text = body == null ? "" : body;
        return text.length() > MAX_BODY ? text.substring(0, MAX_BODY) : text;
    }
}
