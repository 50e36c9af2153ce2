package io.github.twiliosmsmcp.phone;

import java.util.regex.Pattern;

/**
 * A phone number in E.164 form, for example {@code +14155552671}.
 *
 * <p>This record only checks the shape of the string. Whether the number exists is decided by
 * {@link PhoneNumberParser}; keeping libphonenumber out of here means a {@code PhoneNumber} can be
 * created (for example from configuration or in tests) without loading its metadata.
 */
public record PhoneNumber(String e164) {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");

    // Short plain-ASCII input is echoed to help whoever reads the exception; anything else is not,
    // so that a huge or hostile string cannot end up in logs through an error message.
    private static final Pattern SAFE_TO_ECHO = Pattern.compile("[\\x20-\\x7E]{0,32}");

    public PhoneNumber {
        if (e164 == null || !E164.matcher(e164).matches()) {
            String shown = e164 != null && SAFE_TO_ECHO.matcher(e164).matches()
                    ? "\"" + e164 + "\""
                    : e164 == null ? "null" : "a string of " + e164.length() + " characters";
            throw new IllegalArgumentException("not an E.164 phone number (a + followed by 7 to 15 digits,"
                    + " the first not 0): " + shown);
        }
    }

    @Override
    public String toString() {
        return e164;
    }
}
