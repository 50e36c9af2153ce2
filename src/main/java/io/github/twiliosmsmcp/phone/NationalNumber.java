package io.github.twiliosmsmcp.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/**
 * A number as APIs that take the country apart want it: the country calling code ({@code 91}) and
 * the national significant number ({@code 9876543210}), without the trunk prefix a person dials at
 * home (Italy's leading 0 stays: it is part of the number there).
 */
public record NationalNumber(int callingCode, String number) {

    /** {@code e164} taken apart, or empty when its digits start with no calling code in use. */
    public static Optional<NationalNumber> of(PhoneNumber e164) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            Phonenumber.PhoneNumber parsed = util.parse(e164.e164(), "ZZ");
            return Optional.of(new NationalNumber(parsed.getCountryCode(), util.getNationalSignificantNumber(parsed)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
