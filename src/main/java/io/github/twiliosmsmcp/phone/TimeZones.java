package io.github.twiliosmsmcp.phone;

import java.time.ZoneId;
import java.util.List;

/**
 * Where on the clock a phone number's owner may be. An interface so that quiet-hours decisions
 * can be tested with fixed zones, without libphonenumber's data.
 */
public interface TimeZones {

    /**
     * The zones the owner of {@code number} may be in, without duplicates; several when the
     * number's area spans zones or the number is not tied to a place (mobile numbers in some
     * countries, toll-free numbers). An empty list means unknown.
     */
    List<ZoneId> of(PhoneNumber number);
}
