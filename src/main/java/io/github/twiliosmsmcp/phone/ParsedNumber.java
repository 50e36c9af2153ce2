package io.github.twiliosmsmcp.phone;

import java.util.Objects;

/**
 * The outcome of {@link PhoneNumberParser#parse(String)}: either a usable number or a reason it is
 * not one. Invalid input is an expected outcome (it usually comes from a person or a model), so it
 * is a value rather than an exception.
 */
public sealed interface ParsedNumber {

    /** The input named a valid phone number. */
    record Valid(PhoneNumber number) implements ParsedNumber {
        public Valid {
            Objects.requireNonNull(number, "number");
        }
    }

    /**
     * The input did not name a valid phone number.
     *
     * @param reason a short English sentence fragment completing "The number ... is invalid because
     *     ___", e.g. "it is too short to be a phone number"; it never repeats the input beyond a few
     *     characters, so it is safe to show to a person or return to a model
     */
    record Invalid(String reason) implements ParsedNumber {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
