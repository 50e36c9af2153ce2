package io.github.twiliosmsmcp.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link TimeZones} from libphonenumber's time zone data (the geocoder artifact).
 *
 * <p>The answer is whatever that data says, in its order (alphabetical), including its quirks:
 * <ul>
 *   <li>Numbers tied to a place get that place's zone, sometimes down to the exchange: in the
 *       Florida panhandle (+1 850) most exchanges map to America/New_York and the rest of the
 *       area code to America/Chicago; all of Idaho's +1 208 not otherwise listed maps to both
 *       America/Boise and America/Los_Angeles.
 *   <li>Numbers not tied to a place get every zone of their country calling code: a UK mobile
 *       (+44 7...) gets Europe/London and the zones of Guernsey, Jersey and the Isle of Man (which
 *       share London's clock); a North American toll-free or area-code-500 number, Twilio's test
 *       numbers +15005550000 to +15005550009 included, gets 42 zones from Pacific/Guam to
 *       Pacific/Pago_Pago, whose clocks span 11.5 hours: quiet hours leave such numbers only a
 *       short daily opening, or none (see {@code QuietHours.check}).
 *   <li>Numbers the data does not cover, including international freephone (+800) and numbers
 *       of unknown ranges, get an empty list: libphonenumber says "Etc/Unknown", which is dropped.
 * </ul>
 * Zone names the running JDK does not know (data newer than its tzdb) are dropped too.
 *
 * <p>Nothing is loaded until the first call: the mapper reads its data on first use, and a
 * server that never applies quiet hours should not pay for it. Safe to share between threads.
 */
public final class LibphonenumberTimeZones implements TimeZones {

    @Override
    public List<ZoneId> of(PhoneNumber number) {
        Objects.requireNonNull(number, "number");
        // Area code 500 maps to every zone from Guam to Samoa, which would make Twilio's test numbers
        // quiet almost all day; they reach no phone, so no local time applies to them.
        if (PhoneNumberParser.isTwilioTestNumber(number)) {
            return List.of();
        }
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = PhoneNumberUtil.getInstance().parse(number.e164(), null);
        } catch (NumberParseException e) {
            // PhoneNumber only checks the E.164 shape, so an unassigned country code gets here.
            return List.of();
        }
        List<String> names = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(parsed);
        String unknown = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();
        List<ZoneId> zones = new ArrayList<>(names.size());
        for (String name : names) {
            if (name.equals(unknown)) {
                continue;
            }
            try {
                ZoneId zone = ZoneId.of(name);
                if (!zones.contains(zone)) {
                    zones.add(zone);
                }
            } catch (DateTimeException e) {
                // Not in this JDK's tzdb; the remaining zones still bound the answer.
            }
        }
        return List.copyOf(zones);
    }
}
