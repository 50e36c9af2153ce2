package io.github.twiliosmsmcp.inbox;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the verification code (one-time password) in an SMS body, for an agent that is waiting for
 * one. The rules, strongest first:
 * <ol>
 *   <li>a keyword and then the code: "Your code is 482913", "OTP: 4829", "PIN 9921",
 *       "Tu código es 5520"; only here may a code mix letters and digits ("AB12CD");</li>
 *   <li>the code and then a phrase naming it: "482913 is your Amazon OTP",
 *       "Use 1234567 as Microsoft account security code";</li>
 *   <li>otherwise the one 4 to 8 digit number in the message, if there is exactly one.</li>
 * </ol>
 * Before any rule runs, the spans that hold digits but are never codes (links, phone numbers,
 * dates, times, prices, order and ticket numbers, card endings...) are blanked out, so that a
 * wrong answer is less likely than no answer: an agent that gets nothing can still read the text.
 *
 * <p>Every pattern starts at a token boundary and uses bounded quantifiers, so the work stays
 * linear in the length of the text, whatever it holds.
 */
public final class VerificationCodes {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    // Java's \w and \b disagree about non-ASCII letters, so word edges are spelled out.
    private static final String NOT_AFTER_WORD = "(?<![\\p{L}\\p{N}_])";
    private static final String NOT_BEFORE_WORD = "(?![\\p{L}\\p{N}_])";

    // A code must not run on into a longer number such as 1234.56, 1234-5678 or 12:30.
    private static final String CODE_END = "(?![\\p{L}\\p{N}_]|[.,:/-]\\d)";

    // Blanked spans become a symbol rather than nothing, so that text on either side cannot join up.
    private static final String BLANK = " \u00A4 ";

    private static final String DIGIT_CODE =
            "(?:[a-z]{1,4}-(?<prefixed>\\d{4,8})" // G-123456, FB-12345: the letters name the service
            + "|(?<left>\\d{3})[ -](?<right>\\d{3})" // 123-456 and 123 456, written that way to be read aloud
            + "|(?<digits>\\d{4,8}))"
            + CODE_END;

    private static final String ANY_CODE =
            "(?:[a-z]{1,4}-(?<prefixed>\\d{4,8})"
            + "|(?<left>\\d{3})[ -](?<right>\\d{3})"
            + "|(?<digits>\\d{4,8})"
            // Case-sensitive: real alphanumeric codes are upper case, and that keeps out "10min" and "2day".
            + "|(?-i:(?<alnum>(?=[A-Z]{0,9}\\d)(?=\\d{0,9}[A-Z])[A-Z\\d]{4,10})))"
            + CODE_END;

    // Compounds such as Bestätigungscode or verificatiecode end in "code"; non-code compounds
    // such as barcode and zipcode are blanked before this is used.
    private static final String KEYWORD = NOT_AFTER_WORD
            + "(?:\\p{L}{0,24}?code|otp|pin|passcode|password|passwort|contraseña|senha|wachtwoord|token|tan"
            + "|kode|kod|codigo|código|codice|код|пароль)"
            + NOT_BEFORE_WORD;

    private static final String VERB = "(?<!\\p{L})(?:is|es|est|ist|lautet|é|è|er|är|adalah|was)(?!\\p{L})";

    // No plain '-': in "code is 1234-5678" it would let the second half pass for the code.
    private static final String MARK = "(?:[:=：–—]|" + VERB + ")";

    // "code de vérification", "código de WhatsApp", "code WhatsApp", "code for Stripe": up to two
    // words may sit between keyword and code, but then a ':' or verb must follow them. The words
    // hold no digits, so that a number is never skipped over to reach another.
    private static final String QUALIFIER =
            "(?:\\s{1,3}(?:(?:de|di|da|du|del|for|für|pour|para|per|voor)\\s{1,3})?[^\\s:：\\d]{1,30}){1,2}";

    private static final Pattern KEYWORD_THEN_CODE = Pattern.compile(
            KEYWORD
            + "(?:" + QUALIFIER + "\\s{0,3}" + MARK + "|(?:\\s{0,3}" + MARK + "){0,2})"
            + "\\s{0,3}[\"'“‘«\\[(*]?"
            + ANY_CODE,
            FLAGS);

    private static final String CODE_START = "(?<![\\p{L}\\p{N}_.,:/+#$€£¥-])";

    private static final Pattern CODE_IS_YOUR = Pattern.compile(
            CODE_START + DIGIT_CODE
            + "\\s{1,3}" + VERB + "\\s{1,3}"
            + "(?:your|the|tu|su|el|votre|ton|le|la|dein|deine|ihr|ihre|der|die|seu|sua|o|a|il|tuo|je|uw|de|din|ditt)"
            + "(?!\\p{L})"
            // The phrase must go on to name a code ("your Amazon OTP"), so "2019 is the year" is no code.
            + "(?:\\s{1,3}[^\\s]{1,30}){0,4}?\\s{1,3}" + KEYWORD,
            FLAGS);

    private static final Pattern USE_CODE_AS = Pattern.compile(
            "(?<!\\p{L})(?:use|enter|type|utilisez|utilise|entrez|saisissez|usa|ingresa|introduce|introduzca"
            + "|verwenden sie|geben sie)"
            + "\\s{1,3}" + DIGIT_CODE
            + "\\s{1,3}(?:as|for|to|como|comme|pour|para|als|ein|per|om)(?!\\p{L})",
            FLAGS);

    private static final Pattern LONE_NUMBER = Pattern.compile(
            CODE_START + "\\d{4,8}" + CODE_END);

    private static final String MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\p{L}{0,7}\\.?";

    // Numbers introduced by these words identify an order, an account or a parcel, not a login.
    private static final String REFERENCE_WORD =
            "(?:order|ticket|ref|reference|invoice|tracking|track|shipment|package|parcel|account|acct|case|claim"
            + "|policy|booking|reservation|confirmation number|confirmation no|member|membership|customer|store"
            + "|transaction|txn|receipt|serial|item|sku|model|loan)";

    // Codes that are not for signing in: "promo code SPRING25", "zip code 94105", "barcode 0042".
    private static final String OTHER_CODE_WORD =
            "(?:(?:promo|promotional|discount|coupon|voucher|referral|invite|invitation|gift|zip|postal|area"
            + "|country|error|status|booking|reservation|tracking|qr)(?:[\\s-]{0,2}codes?)?"
            + "|barcode|zipcode|postcode|promocode|qrcode)";

    // Order matters: links and phone numbers first, since they contain what looks like dates and decimals.
    private static final List<Pattern> NEVER_CODES = List.of(
            // links
            Pattern.compile("(?:https?://|www\\.)\\S{1,2048}", FLAGS),
            Pattern.compile("(?<![\\p{L}\\p{N}_.@/-])(?:[a-z0-9-]{1,63}\\.){1,5}[a-z]{2,24}/\\S{0,2048}", FLAGS),
            Pattern.compile("(?<![\\p{L}\\p{N}_.+-])[\\p{L}\\p{N}_.+-]{1,64}@[\\p{L}\\p{N}-]{1,63}(?:\\.[\\p{L}\\p{N}-]{1,63}){1,5}"),
            // phone numbers: +1 415 555 2671, (415) 555-2671, 1-800-555-1234, 4155552671
            Pattern.compile("(?<![\\p{L}\\p{N}_+])\\+\\d[\\d\\s().-]{6,20}\\d"),
            Pattern.compile("(?<![\\p{L}\\p{N}_+$.,-])(?:1[\\s.-]?)?(?:\\(\\d{3}\\)|\\d{3})[\\s.-]?\\d{3}[\\s.-]?\\d{4}"
                    + CODE_END),
            // card and account endings
            Pattern.compile("(?<!\\p{L})(?:ending|ends|ended)(?:\\s{1,3}(?:in|with))?\\s{0,3}[:-]?\\s{0,3}"
                    + "[*x•·.…#]{0,12}\\d{2,8}", FLAGS),
            Pattern.compile("(?<![\\p{L}\\p{N}_*•·…])[*x•·…]{1,12}\\d{2,8}(?!\\p{N})", FLAGS),
            Pattern.compile("(?<!\\p{L})last\\s{1,3}(?:4|four)(?:\\s{1,3}digits)?\\D{0,20}?\\d{4}", FLAGS),
            // order, ticket and reference numbers, and codes that are not for signing in
            Pattern.compile("(?<!\\p{L})(?:" + REFERENCE_WORD + "|" + OTHER_CODE_WORD + ")\\.?\\s{0,3}"
                    + "(?:(?:#|no\\.?|nr\\.?|num(?:ber)?|id|is|was)\\s{0,3}){0,2}[:#]?\\s{0,3}"
                    + "(?=[\\p{L}-]{0,30}\\d)[\\p{L}\\p{N}][\\p{L}\\p{N}-]{0,39}(?: \\d{2,20}){0,8}", FLAGS),
            // flight numbers: UA 1234, flight #LH400
            Pattern.compile("(?<!\\p{L})(?:flight|flt)\\s{0,3}(?:#|no\\.?)?\\s{0,3}(?:[a-z\\d]{2}\\s?)?\\d{1,4}(?!\\p{N})",
                    FLAGS),
            Pattern.compile("(?<![\\p{L}\\p{N}_&])#\\s?\\d[\\p{L}\\p{N}-]{0,39}"),
            // dates: 2026-11-21, 21/11/2026, 11/21, Nov 21 2026, 21 November 2026
            Pattern.compile("(?<![\\p{L}\\p{N}_/.-])\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}(?!\\p{N})"),
            Pattern.compile("(?<![\\p{L}\\p{N}_/.-])\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}(?!\\p{N})"),
            Pattern.compile("(?<![\\p{L}\\p{N}_/.-])\\d{1,2}/\\d{1,2}(?![\\p{N}/])"),
            Pattern.compile("(?<!\\p{L})" + MONTH + "\\s{1,3}\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s{1,3}\\d{4})?(?!\\p{N})",
                    FLAGS),
            Pattern.compile("(?<![\\p{L}\\p{N}_])\\d{1,2}(?:st|nd|rd|th)?\\s{1,3}(?:of\\s{1,3}|de\\s{1,3})?" + MONTH
                    + "(?!\\p{L})(?:,?\\s{1,3}(?:de\\s{1,3})?\\d{4})?", FLAGS),
            // times: 10:30, 10:30:15 pm, 3pm
            Pattern.compile("(?<![\\p{N}:])\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[ap]\\.?m\\.?(?!\\p{L}))?", FLAGS),
            Pattern.compile("(?<![\\p{L}\\p{N}_])\\d{1,2}\\s?[ap]\\.?m\\.?(?!\\p{L})", FLAGS),
            // prices and amounts: $12.50, €1299, USD 40, 1299 USD, 20%, 1000 points
            Pattern.compile("(?:[$€£¥₹]|(?<!\\p{L})(?:usd|eur|gbp|cad|aud|jpy|inr|mxn|chf|brl|rs\\.?))"
                    + "\\s{0,2}\\d[\\d,.]{0,20}", FLAGS),
            Pattern.compile("(?<![\\p{L}\\p{N}_])\\d[\\d,.]{0,20}\\s{0,2}(?:[$€£¥₹%]|(?:usd|eur|gbp|cad|aud|jpy|inr|mxn"
                    + "|chf|brl|dollars?|euros?|pounds?|cents?|bucks|pesos?|reais|yen|rupees?|kr|points|pts|miles"
                    + "|km|kg|lbs?|mb|gb|kb|minutes|mins?|hours|hrs?|days|steps|calories|kcal|people|followers"
                    + "|views|likes|messages|items|words|characters|chars|units|votes)(?!\\p{L}))", FLAGS),
            // street addresses: 1450 Main St (case-sensitive: the street name is capitalised)
            Pattern.compile("(?<![\\p{L}\\p{N}_])\\d{1,6}\\s{1,3}(?:\\p{Lu}[\\p{L}.'-]{0,19}\\s{1,3}){1,3}"
                    + "(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Ct|Court|Pl|Place|Hwy"
                    + "|Highway|Pkwy|Parkway|Sq|Square)\\.?(?!\\p{L})"),
            // any other number with decimals or thousands separators
            Pattern.compile("(?<![\\p{N}.,])\\d{1,20}+(?:[.,]\\d{1,20}+)++"));

    private VerificationCodes() {}

    /**
     * The verification code in {@code text}, digits only when it was written as "123-456" or
     * "G-123456", or empty when there is none or the text is ambiguous.
     */
    public static Optional<String> find(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String plain = blankNonCodes(text.replace('\u00A0', ' ').replace('\u202F', ' ').replace('\u2007', ' '));

        Matcher keyword = KEYWORD_THEN_CODE.matcher(plain);
        if (keyword.find()) {
            return Optional.of(codeOf(keyword));
        }
        for (Pattern phrase : List.of(CODE_IS_YOUR, USE_CODE_AS)) {
            Matcher m = phrase.matcher(plain);
            if (m.find()) {
                return Optional.of(codeOf(m));
            }
        }
        return loneNumber(plain);
    }

    private static String blankNonCodes(String text) {
        String result = text;
        for (Pattern never : NEVER_CODES) {
            result = never.matcher(result).replaceAll(BLANK);
        }
        return result;
    }

    private static String codeOf(Matcher m) {
        if (m.group("prefixed") != null) {
            return m.group("prefixed");
        }
        if (m.group("left") != null) {
            return m.group("left") + m.group("right");
        }
        if (m.group("digits") != null) {
            return m.group("digits");
        }
        // Only the keyword pattern has this group, and one of the groups above always matched otherwise.
        return m.group("alnum");
    }

    private static Optional<String> loneNumber(String text) {
        Set<String> numbers = new LinkedHashSet<>();
        Matcher m = LONE_NUMBER.matcher(text);
        while (m.find()) {
            String number = m.group();
            if (!looksLikeYear(number)) {
                numbers.add(number);
            }
            // Ambiguous already: no need to look at the rest of a long text.
            if (numbers.size() > 1) {
                return Optional.empty();
            }
        }
        return numbers.stream().findFirst();
    }

    // "See you in 2026!" and "since 2019" hold no code; a keyword in front of a year still wins above.
    private static boolean looksLikeYear(String number) {
        return number.length() == 4 && (number.startsWith("19") || number.startsWith("20"));
    }
}
