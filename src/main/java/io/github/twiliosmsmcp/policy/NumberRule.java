package io.github.twiliosmsmcp.policy;

import io.github.twiliosmsmcp.phone.ParsedNumber;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of an allow or block list of recipients: an exact number in E.164 form
 * ({@code +14155552671}) or a prefix of E.164 numbers ending in {@code *} ({@code +1415*}).
 *
 * <p>Prefixes work on E.164 digits only, so a rule means the same whatever default region the
 * server runs with, and {@code +1415*} cannot be confused with {@code +141*} by formatting.
 *
 * @param pattern the rule in canonical form: {@code +} and 7 to 15 digits, or {@code +}, 1 to 15
 *     digits and {@code *}; the first digit is never 0, as no country calling code starts with 0
 */
public record NumberRule(String pattern) {

    private static final Pattern EXACT = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern PREFIX = Pattern.compile("\\+[1-9]\\d{0,14}\\*");
    private static final int SHOWN_LENGTH = 40;
    private static final String PREFIX_EXAMPLE = "a prefix is + and up to 15 digits then *, such as +1415*";

    public NumberRule {
        Objects.requireNonNull(pattern, "pattern");
        if (!EXACT.matcher(pattern).matches() && !PREFIX.matcher(pattern).matches()) {
            throw new IllegalArgumentException("number rule " + shown(pattern)
                    + " is neither an E.164 number such as +14155552671 nor " + PREFIX_EXAMPLE);
        }
    }

    /**
     * Reads one list entry as an owner writes it. Whitespace anywhere is removed. An entry
     * containing {@code *} is a prefix and must be {@code +}, 1 to 15 digits (first not 0) and a
     * final {@code *}. Any other entry is an exact number in any form {@code parser} accepts,
     * including national numbers of its default region ("(415) 555-2671" for US), and becomes
     * E.164.
     *
     * @throws IllegalArgumentException naming the entry (cut to 40 characters) and what is wrong
     */
    public static NumberRule parse(String raw, PhoneNumberParser parser) {
        Objects.requireNonNull(parser, "parser");
        String entry = raw == null ? "" : withoutWhitespace(raw);
        if (entry.isEmpty()) {
            throw new IllegalArgumentException("number rule is empty: expected a number such as"
                    + " +14155552671, or " + PREFIX_EXAMPLE);
        }
        if (entry.indexOf('*') >= 0) {
            return parsePrefix(entry);
        }
        ParsedNumber parsed = parser.parse(entry);
        if (parsed instanceof ParsedNumber.Valid valid) {
            return new NumberRule(valid.number().e164());
        }
        String reason = ((ParsedNumber.Invalid) parsed).reason();
        throw new IllegalArgumentException("number rule " + shown(entry)
                + " is not a valid phone number: " + reason);
    }

    private static NumberRule parsePrefix(String entry) {
        String problem;
        if (!entry.startsWith("+")) {
            problem = "a prefix must start with + and the country calling code";
        } else if (entry.indexOf('*') != entry.length() - 1) {
            problem = "* may appear only once, at the end";
        } else {
            String digits = entry.substring(1, entry.length() - 1);
            if (digits.isEmpty()) {
                problem = "a prefix needs at least one digit after the +";
            } else if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                problem = "only digits may come between + and *";
            } else if (digits.length() > 15) {
                problem = "E.164 numbers have at most 15 digits";
            } else if (digits.charAt(0) == '0') {
                problem = "no country calling code starts with 0";
            } else {
                return new NumberRule(entry);
            }
        }
        throw new IllegalArgumentException("number rule " + shown(entry) + " is not a valid prefix: "
                + problem + "; " + PREFIX_EXAMPLE);
    }

    /**
     * Reads a comma-separated list of entries, as {@link #parse} does each one. Blank entries
     * (from trailing or doubled commas) are skipped and repeated rules kept once, in order. Null
     * or blank text is an empty list.
     *
     * @throws IllegalArgumentException for the first entry that is not valid
     */
    public static List<NumberRule> parseList(String commaSeparated, PhoneNumberParser parser) {
        Objects.requireNonNull(parser, "parser");
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        Set<NumberRule> rules = new LinkedHashSet<>();
        for (String entry : commaSeparated.split(",", -1)) {
            if (!entry.isBlank()) {
                rules.add(parse(entry, parser));
            }
        }
        return List.copyOf(rules);
    }

    /** Whether this rule is a prefix ({@code +1415*}) rather than one number. */
    public boolean isPrefix() {
        return pattern.endsWith("*");
    }

    /** Whether {@code number} is this rule's number, or starts with its prefix. */
    public boolean matches(PhoneNumber number) {
        Objects.requireNonNull(number, "number");
        if (isPrefix()) {
            return number.e164().startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return number.e164().equals(pattern);
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static String withoutWhitespace(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints()
                .filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    // Entries come from configuration an owner may have pasted junk into; show enough to find
    // it, never a whole paste, and never raw control characters.
    private static String shown(String entry) {
        String cut = entry.length() > SHOWN_LENGTH ? entry.substring(0, SHOWN_LENGTH) + "..." : entry;
        StringBuilder safe = new StringBuilder(cut.length() + 2).append('"');
        cut.codePoints().forEach(cp -> safe.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return safe.append('"').toString();
    }
}
