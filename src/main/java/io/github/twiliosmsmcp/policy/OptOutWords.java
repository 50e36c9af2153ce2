package io.github.twiliosmsmcp.policy;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the keyword replies by which a recipient withdraws or gives back consent to
 * receive messages, the way carriers and Twilio treat them on long-code numbers: the keyword
 * must be the whole message, in any case. "STOP" opts out; "Please stop texting me" does not.
 *
 * <p>Leading and trailing characters that are neither letters nor digits (spaces, punctuation,
 * quotes, emoji) are ignored, so "Stop.", " STOP! " and "'Unsubscribe'" count. Digits are kept,
 * so "STOP 2" is not a keyword: people reply that way to menus, and it is not what Twilio blocks
 * on. Text is NFKC-normalised first, so full-width "ＳＴＯＰ" counts too.
 */
public final class OptOutWords {

    /** What a keyword reply does to the sender's permission to message its author. */
    public enum ConsentChange { OPT_OUT, OPT_IN }

    /**
     * Longer bodies are not a lone keyword (the longest is 11 letters) and are not examined, so
     * a pasted essay costs nothing; this leaves room for generous punctuation and emoji.
     */
    static final int MAX_LENGTH = 64;

    // Twilio's default opt-out keywords for long codes include REVOKE and OPTOUT besides the
    // classic six (https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out); Twilio
    // blocks further messages after either, so they must count here too.
    private static final Map<String, ConsentChange> KEYWORDS = Map.ofEntries(
            Map.entry("STOP", ConsentChange.OPT_OUT),
            Map.entry("STOPALL", ConsentChange.OPT_OUT),
            Map.entry("UNSUBSCRIBE", ConsentChange.OPT_OUT),
            Map.entry("CANCEL", ConsentChange.OPT_OUT),
            Map.entry("END", ConsentChange.OPT_OUT),
            Map.entry("QUIT", ConsentChange.OPT_OUT),
            Map.entry("REVOKE", ConsentChange.OPT_OUT),
            Map.entry("OPTOUT", ConsentChange.OPT_OUT),
            Map.entry("START", ConsentChange.OPT_IN),
            Map.entry("YES", ConsentChange.OPT_IN),
            Map.entry("UNSTOP", ConsentChange.OPT_IN));

    private static final Set<String> HELP_KEYWORDS = Set.of("HELP", "INFO");

    private OptOutWords() {
    }

    /**
     * The consent change {@code body} asks for, or empty if it is not a lone opt-out or opt-in
     * keyword (including null, empty and long bodies).
     */
    public static Optional<ConsentChange> classify(String body) {
        if (body == null || body.isEmpty() || body.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String word = trimToLettersAndDigits(Normalizer.normalize(body, Normalizer.Form.NFKC));
        return Optional.ofNullable(KEYWORDS.get(word.toUpperCase(Locale.ROOT)));
    }

    /**
     * Whether {@code body} is a lone keyword that carriers and Twilio answer themselves: an opt-out,
     * an opt-in, or a request for help (HELP, INFO). Nothing automatic may answer such a message.
     */
    public static boolean reserved(String body) {
        if (classify(body).isPresent()) {
            return true;
        }
        if (body == null || body.length() > MAX_LENGTH) {
            return false;
        }
        String word = trimToLettersAndDigits(Normalizer.normalize(body, Normalizer.Form.NFKC)).toUpperCase(Locale.ROOT);
        return HELP_KEYWORDS.contains(word);
    }

    private static String trimToLettersAndDigits(String text) {
        int begin = 0;
        int end = text.length();
        while (begin < end && !Character.isLetterOrDigit(text.codePointAt(begin))) {
            begin += Character.charCount(text.codePointAt(begin));
        }
        while (end > begin && !Character.isLetterOrDigit(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(begin, end);
    }
}
