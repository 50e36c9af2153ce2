package io.github.twiliosmsmcp.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** The owner's rules applied to one send. */
public sealed interface Decision {

    /** Every rule passed; {@code estimateUsd} is what the send is expected to cost. */
    record Allowed(BigDecimal estimateUsd) implements Decision {}

    /**
     * A rule refused the send: which rule, for which number, the setting that would have to change,
     * why in plain words, and when a send would next be allowed (empty when waiting will not help).
     */
    record Refused(String rule, String number, String setting, String reason, Optional<Instant> nextAllowed)
            implements Decision {}
}
