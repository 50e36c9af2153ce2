package io.github.twiliosmsmcp.policy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Objects;

/**
 * APPROXIMATE cost of an outbound message, in US dollars, for spending guardrails and for
 * telling a person roughly what a send will cost before it happens.
 *
 * <p>The figures are rounded Twilio list prices per outbound SMS segment (and per MMS) as of the
 * mid-2020s, kept in the project so that an estimate needs no network call. They are not what
 * any account is billed: Twilio's prices differ by carrier within a country, change over time and
 * with volume, and exclude carrier pass-through fees (US 10DLC and toll-free surcharges, about
 * $0.003 to $0.005 per segment). The real price of a sent message is in Twilio's message record.
 * Countries not listed cost {@link #DEFAULT_SMS}, deliberately towards the high end of Twilio's
 * range, so that an unknown destination is overestimated rather than underestimated.
 *
 * <p>Destinations are looked up by the region libphonenumber assigns the number, not just its
 * calling code: +1 is shared by the US, Canada and some twenty Caribbean and Pacific territories
 * priced quite differently, and +44 by the UK and the Crown Dependencies. Those other territories
 * get the default where libphonenumber tells them apart (it files some Isle of Man mobile ranges
 * under GB, for instance).
 */
public final class PriceTable {

    /** Per segment for regions not in the table. */
    static final BigDecimal DEFAULT_SMS = usd("0.1000");

    /** Per MMS where MMS is not priced in the table (Twilio sends MMS to few countries). */
    static final BigDecimal DEFAULT_MMS = usd("0.1000");

    private static final BigDecimal NORTH_AMERICA_SMS = usd("0.0083");
    private static final BigDecimal NORTH_AMERICA_MMS = usd("0.0220");

    // ISO 3166-1 alpha-2 region -> approximate USD per outbound SMS segment.
    private static final Map<String, BigDecimal> SMS = Map.ofEntries(
            Map.entry("US", NORTH_AMERICA_SMS),   // +1
            Map.entry("CA", NORTH_AMERICA_SMS),   // +1
            Map.entry("GB", usd("0.0500")),       // +44
            Map.entry("DE", usd("0.0900")),       // +49
            Map.entry("FR", usd("0.0800")),       // +33
            Map.entry("ES", usd("0.0800")),       // +34
            Map.entry("IT", usd("0.0850")),       // +39
            Map.entry("NL", usd("0.1000")),       // +31
            Map.entry("IE", usd("0.0800")),       // +353
            Map.entry("AU", usd("0.0550")),       // +61
            Map.entry("NZ", usd("0.1100")),       // +64
            Map.entry("IN", usd("0.0830")),       // +91
            Map.entry("MX", usd("0.0550")),       // +52
            Map.entry("BR", usd("0.0600")),       // +55
            Map.entry("JP", usd("0.0800")));      // +81

    /**
     * MessageCentral's per-segment SMS prices, APPROXIMATE in the same way: rounded from its public
     * price pages (it is cheapest for India, where it started), with Twilio's {@link #DEFAULT_SMS} for
     * every other destination, so that an unknown one is overestimated. It sends no MMS.
     */
    private static final Map<String, BigDecimal> MESSAGECENTRAL_SMS = Map.of(
            "IN", usd("0.0030"),
            "US", usd("0.0080"),
            "CA", usd("0.0080"),
            "GB", usd("0.0400"));

    // Region -> approximate USD per outbound MMS (one price whatever the size).
    private static final Map<String, BigDecimal> MMS = Map.of(
            "US", NORTH_AMERICA_MMS,
            "CA", NORTH_AMERICA_MMS);

    private PriceTable() {
    }

    /**
     * The approximate cost of sending one message to {@code to}: for SMS the per-segment price
     * times {@code segments} (at least one is always billed); for MMS one MMS price, as Twilio
     * bills an MMS as a single message whatever its text length.
     *
     * <p>MessageCentral's table is used for {@code provider} "messagecentral" (the name a send records),
     * Twilio's for any other.
     *
     * @return US dollars, scale 4, rounded half up
     */
    public static BigDecimal estimate(String provider, PhoneNumber to, boolean mms, int segments) {
        Objects.requireNonNull(to, "to");
        String region = regionOf(to);
        Map<String, BigDecimal> sms = "messagecentral".equals(provider) ? MESSAGECENTRAL_SMS : SMS;
        BigDecimal price = mms
                ? MMS.getOrDefault(region, DEFAULT_MMS)
                : sms.getOrDefault(region, DEFAULT_SMS).multiply(BigDecimal.valueOf(Math.max(1, segments)));
        return price.setScale(4, RoundingMode.HALF_UP);
    }

    /**
     * The region libphonenumber assigns {@code number}, or "" when it assigns none: numbers of
     * unknown ranges within a shared calling code, non-geographic codes such as +800 ("001"
     * is not in the table either), and calling codes it does not know.
     */
    private static String regionOf(PhoneNumber number) {
        try {
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            Phonenumber.PhoneNumber parsed = util.parse(number.e164(), null);
            String region = util.getRegionCodeForNumber(parsed);
            return region == null ? "" : region;
        } catch (NumberParseException e) {
            return "";
        }
    }

    private static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }
}
