package io.github.twiliosmsmcp.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Turns a phone number as a person or a model writes it ("(212) 736-5000", "+44 7400 123456",
 * "0049 30 1234567", "tel:+14155552671") into a validated E.164 {@link PhoneNumber}, or explains in
 * plain English why it cannot.
 *
 * <p>Numbers without a country code are read as national numbers of the default region, including
 * that region's international dialling prefix ("00" in most of Europe, "011" in North America).
 *
 * <p>Instances are immutable and safe to share between threads; libphonenumber's {@link
 * PhoneNumberUtil} singleton is itself thread-safe.
 */
public final class PhoneNumberParser {

    /**
     * Inputs longer than this are rejected before libphonenumber sees them. The longest
     * legitimately formatted numbers ("tel:+1 (212) 736-5000" with generous spacing) are well
     * under it, and it keeps kilobytes of pasted junk away from libphonenumber's regexes.
     */
    static final int MAX_INPUT_LENGTH = 64;

    // Without a default region: a number from the UK's range reserved for fiction, which shows the
    // format without being a number anyone could be texted at if the example is copied literally.
    private static final String EXAMPLE_WITHOUT_REGION = "+447700900123";

    private static final String EMPTY = "it is empty";
    private static final String TOO_SHORT = "it is too short to be a phone number";
    private static final String TOO_LONG = "it is too long to be a phone number";
    private static final String NO_DIGITS = "it contains no digits";
    private static final String CONTROL_CHARACTERS =
            "it contains control characters such as line breaks or tabs";
    private static final String LETTERS_OR_SYMBOLS =
            "it contains letters or symbols that are not part of a phone number";
    private static final String MISPLACED_PLUS =
            "it has a + sign that is not at the start";
    private static final String UNKNOWN_COUNTRY_CODE =
            "it does not start with a known country calling code";

    /**
     * Twilio's test credentials only accept these "magic" numbers (+15005550000 to +15005550009),
     * each of which triggers a specific simulated outcome (success, invalid number, unroutable,
     * blocked, cannot receive SMS, ...), and this product's sandbox relies on them. They must reach
     * Twilio so those outcomes can be exercised, whatever libphonenumber thinks of them.
     *
     * <p>libphonenumber 9.0.43 happens to call all ten valid: they fall in the North American
     * non-geographic area code 500, which it classifies as PERSONAL_NUMBER. That is a property of
     * its metadata, which changes with every release as numbering plans are updated, and area code
     * 500 carries no guarantee that 555-000X is an assigned block. The explicit exception keeps the
     * sandbox working if a future metadata update stops treating them as valid.
     */
    private static final Set<String> TWILIO_MAGIC_NUMBERS = IntStream.rangeClosed(0, 9)
            .mapToObj(last -> "+1500555000" + last)
            .collect(Collectors.toUnmodifiableSet());

    /** One of Twilio's test "magic" numbers: it reaches no phone, only Twilio's simulated outcomes. */
    public static boolean isTwilioTestNumber(PhoneNumber number) {
        return TWILIO_MAGIC_NUMBERS.contains(number.e164());
    }

    // Separators people put between digit groups. Everything else (letters, '#', '*', ',', ';',
    // 'x', "ext") is refused: apart from being typos, those are how libphonenumber recognises
    // extensions and vanity letters, and an extension would be silently dropped from the E.164
    // result, sending the message somewhere the writer did not mean.
    private static final String SEPARATORS =
            "-./()\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFF08\uFF09\uFF0D\uFF0E\uFF0F";

    private static final Pattern SAFE_TO_ECHO = Pattern.compile("[\\x20-\\x7E]{0,16}");

    // libphonenumber's name for "no default region"; numbers must then carry a country code.
    private static final String UNKNOWN_REGION = "ZZ";

    private final PhoneNumberUtil util;
    private final String defaultRegion;
    private final String example;

    /**
     * @param defaultRegion ISO 3166-1 alpha-2 code (case-insensitive) of the region whose national
     *     format is assumed for numbers written without a country code, e.g. "US"
     * @throws IllegalArgumentException if libphonenumber does not know the region
     */
    public PhoneNumberParser(String defaultRegion) {
        this.util = PhoneNumberUtil.getInstance();
        this.defaultRegion = requireSupportedRegion(util, defaultRegion);
        this.example = exampleOf(util, this.defaultRegion);
    }

    private PhoneNumberParser() {
        this.util = PhoneNumberUtil.getInstance();
        this.defaultRegion = null;
        this.example = EXAMPLE_WITHOUT_REGION;
    }

    /** libphonenumber's example of the region, a mobile one since these numbers are to be texted. */
    private static String exampleOf(PhoneNumberUtil util, String region) {
        Phonenumber.PhoneNumber number = util.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
        if (number == null) {
            number = util.getExampleNumber(region);
        }
        return number == null ? EXAMPLE_WITHOUT_REGION : util.format(number, PhoneNumberFormat.E164);
    }

    private String writeItInInternationalForm() {
        return "write it in international form such as " + example;
    }

    /** A parser that accepts only numbers written with a country code ("+44 ..."). */
    public static PhoneNumberParser withoutDefaultRegion() {
        return new PhoneNumberParser();
    }

    /** The upper-case default region, or empty if numbers must carry a country code. */
    public Optional<String> defaultRegion() {
        return Optional.ofNullable(defaultRegion);
    }

    /**
     * Parses and validates {@code raw}. Never throws for bad input: every problem, including
     * {@code null}, comes back as {@link ParsedNumber.Invalid} with a reason.
     */
    public ParsedNumber parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return invalid(EMPTY);
        }
        if (raw.length() > MAX_INPUT_LENGTH) {
            return invalid("it is " + raw.length() + " characters long, too long to be a phone number");
        }
        if (raw.codePoints().anyMatch(PhoneNumberParser::isControl)) {
            return invalid(CONTROL_CHARACTERS);
        }
        String text = removeInvisibleFormatting(raw).strip();
        if (text.isEmpty()) {
            return invalid(EMPTY);
        }
        // Accept RFC 3966 URIs because links and contact cards present numbers that way; the
        // character check below still refuses URI parameters such as ";ext=".
        if (text.regionMatches(true, 0, "tel:", 0, 4)) {
            text = text.substring(4).strip();
        }
        String characterProblem = findCharacterProblem(text);
        if (characterProblem != null) {
            return invalid(characterProblem);
        }
        return parseCleaned(text);
    }

    private ParsedNumber parseCleaned(String text) {
        Phonenumber.PhoneNumber number;
        try {
            number = util.parse(text, defaultRegion == null ? UNKNOWN_REGION : defaultRegion);
        } catch (NumberParseException e) {
            return invalid(suggestPlusInsteadOfZeroZero(text).orElseGet(() -> explain(e, text)));
        }
        String e164 = util.format(number, PhoneNumberFormat.E164);
        if (TWILIO_MAGIC_NUMBERS.contains(e164)) {
            return new ParsedNumber.Valid(new PhoneNumber(e164));
        }
        if (!util.isValidNumber(number)) {
            return invalid(suggestPlusInsteadOfZeroZero(text).orElseGet(() -> explain(number)));
        }
        // libphonenumber also validates a few short service numbers (e.g. Iran's 6-digit +989601)
        // that are outside E.164's 7 to 15 digits and so cannot be given to Twilio.
        int digits = e164.length() - 1;
        if (digits < 7) {
            return invalid(TOO_SHORT);
        }
        if (digits > 15) {
            return invalid(TOO_LONG);
        }
        return new ParsedNumber.Valid(new PhoneNumber(e164));
    }

    private static ParsedNumber invalid(String reason) {
        return new ParsedNumber.Invalid(reason);
    }

    private static String requireSupportedRegion(PhoneNumberUtil util, String region) {
        String normalised = region == null ? null : region.strip().toUpperCase(Locale.ROOT);
        if (normalised == null || !util.getSupportedRegions().contains(normalised)) {
            String shown = region == null ? "null"
                    : SAFE_TO_ECHO.matcher(region).matches() ? "\"" + region + "\""
                    : "a value of " + region.length() + " characters";
            throw new IllegalArgumentException("unsupported default region " + shown
                    + ": expected an ISO 3166-1 alpha-2 region code known to libphonenumber,"
                    + " such as US, GB or DE");
        }
        return normalised;
    }

    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint)
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * Drops invisible formatting characters (zero-width spaces, soft hyphens, byte order marks,
     * left-to-right marks). Phones and web pages wrap copied numbers in them, and a reader cannot
     * see them to remove them, so rejecting the input would leave nobody able to act on the reason.
     */
    private static String removeInvisibleFormatting(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints()
                .filter(cp -> Character.getType(cp) != Character.FORMAT)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static String findCharacterProblem(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isPlus(cp)) {
                if (i != 0) {
                    return MISPLACED_PLUS;
                }
            } else if (!isDigit(cp) && !Character.isSpaceChar(cp) && SEPARATORS.indexOf(cp) < 0) {
                return LETTERS_OR_SYMBOLS;
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    private static boolean startsWithPlus(String text) {
        return !text.isEmpty() && isPlus(text.codePointAt(0));
    }

    private static boolean isPlus(int cp) {
        return cp == '+' || cp == '\uFF0B';
    }

    // libphonenumber normalises any script's decimal digits (full-width, Arabic-Indic, ...), but
    // only those in the Basic Multilingual Plane.
    private static boolean isDigit(int cp) {
        return Character.isBmpCodePoint(cp) && Character.isDigit(cp);
    }

    private static String digitsOf(String text) {
        StringBuilder digits = new StringBuilder();
        text.codePoints().filter(PhoneNumberParser::isDigit)
                .forEach(cp -> digits.append(Character.forDigit(Character.digit(cp, 10), 10)));
        return digits.toString();
    }

    /**
     * "00" starts international numbers in most of the world but not, for instance, in North
     * America, where "0044 ..." reads as a malformed national number. When that explains the
     * failure, say so and give the corrected form rather than a puzzling "too long".
     */
    private Optional<String> suggestPlusInsteadOfZeroZero(String text) {
        String digits = digitsOf(text);
        if (defaultRegion == null || startsWithPlus(text) || !digits.startsWith("00")) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber international = util.parse("+" + digits.substring(2), UNKNOWN_REGION);
            if (!util.isValidNumber(international)) {
                return Optional.empty();
            }
            return Optional.of("it starts with 00, which does not begin international numbers in "
                    + describeRegion(defaultRegion) + "; write it as "
                    + util.format(international, PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private String explain(NumberParseException e, String text) {
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> {
                if (startsWithPlus(text)) {
                    // Country calling codes have at most three digits, and libphonenumber has
                    // already tried every prefix up to that length.
                    String digits = digitsOf(text);
                    yield "+" + digits.substring(0, Math.min(3, digits.length()))
                            + " is not a country calling code";
                }
                yield defaultRegion == null ? "it has no country code; " + writeItInInternationalForm()
                        : UNKNOWN_COUNTRY_CODE;
            }
            case NOT_A_NUMBER -> {
                // libphonenumber needs at least three digits before it considers a string at all.
                int digits = digitsOf(text).length();
                yield digits == 0 ? NO_DIGITS : digits < 3 ? TOO_SHORT
                        : "it is not laid out like a phone number; " + writeItInInternationalForm();
            }
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> TOO_SHORT;
            case TOO_LONG -> TOO_LONG;
        };
    }

    private String explain(Phonenumber.PhoneNumber number) {
        int countryCode = number.getCountryCode();
        return switch (util.isPossibleNumberWithReason(number)) {
            case TOO_SHORT -> TOO_SHORT;
            case TOO_LONG -> TOO_LONG;
            case INVALID_COUNTRY_CODE -> "+" + countryCode + " is not a country calling code";
            case INVALID_LENGTH -> "it has the wrong number of digits for a phone number "
                    + whereCountryCodeApplies(countryCode);
            case IS_POSSIBLE_LOCAL_ONLY -> "it looks like a local number without an area code; add the area code or "
                    + writeItInInternationalForm();
            case IS_POSSIBLE -> "it is not a valid number " + whereCountryCodeApplies(countryCode);
        };
    }

    /**
     * Names the place a country calling code belongs to. Codes shared by several regions (+1 by
     * the US, Canada and much of the Caribbean; +44 by the UK and the Crown Dependencies) are named
     * after the default region when it shares the code, since that is the plan the writer most
     * likely had in mind, and otherwise after the code's main region.
     */
    private String whereCountryCodeApplies(int countryCode) {
        List<String> regions = util.getRegionCodesForCountryCode(countryCode);
        String region = defaultRegion != null && regions.contains(defaultRegion)
                ? defaultRegion
                : util.getRegionCodeForCountryCode(countryCode);
        if (!util.getSupportedRegions().contains(region)) {
            // Non-geographic codes such as +800 (international freephone) belong to no region.
            return "for country calling code +" + countryCode;
        }
        return "in " + describeRegion(region);
    }

    private static String describeRegion(String region) {
        String name = new Locale("", region).getDisplayCountry(Locale.ENGLISH);
        if (name.isEmpty() || name.equals(region)) {
            return region;
        }
        return (takesDefiniteArticle(name) ? "the " : "") + name + " (" + region + ")";
    }

    private static final Set<String> NAMES_WITH_THE =
            Set.of("Bahamas", "Gambia", "Philippines", "Maldives", "Comoros", "Isle of Man");

    // Enough to read naturally for the regions users are likely to have; a missing "the" for a
    // rarer name is harmless.
    private static boolean takesDefiniteArticle(String name) {
        return name.startsWith("United ")
                || name.endsWith(" Islands")
                || name.endsWith(" Republic")
                || name.endsWith("Netherlands")
                || NAMES_WITH_THE.contains(name);
    }
}
