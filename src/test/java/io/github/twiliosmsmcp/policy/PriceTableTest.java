package io.github.twiliosmsmcp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceTableTest {

    private static PhoneNumber exampleMobile(String region) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        return new PhoneNumber(util.format(util.getExampleNumberForType(region, PhoneNumberType.MOBILE),
                PhoneNumberFormat.E164));
    }

    private static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }

    @ParameterizedTest(name = "{0}: SMS {1}, MMS {2}")
    @CsvSource(textBlock = """
            US, 0.0083, 0.0220
            CA, 0.0083, 0.0220
            GB, 0.0500, 0.1000
            DE, 0.0900, 0.1000
            FR, 0.0800, 0.1000
            ES, 0.0800, 0.1000
            IT, 0.0850, 0.1000
            NL, 0.1000, 0.1000
            IE, 0.0800, 0.1000
            AU, 0.0550, 0.1000
            NZ, 0.1100, 0.1000
            IN, 0.0830, 0.1000
            MX, 0.0550, 0.1000
            BR, 0.0600, 0.1000
            JP, 0.0800, 0.1000
            # not in the table
            ZA, 0.1000, 0.1000
            CH, 0.1000, 0.1000
            # sharing +1 or +44 with a listed country, but priced on their own by Twilio
            BS, 0.1000, 0.1000
            JM, 0.1000, 0.1000
            PR, 0.1000, 0.1000
            JE, 0.1000, 0.1000
            """)
    void pricesByRegion(String region, BigDecimal sms, BigDecimal mms) {
        PhoneNumber to = exampleMobile(region);
        assertEquals(sms, PriceTable.estimate("twilio", to, false, 1), to.e164());
        assertEquals(mms, PriceTable.estimate("twilio", to, true, 1), to.e164());
    }

    @ParameterizedTest(name = "{0} mms={1} segments={2} -> {3}")
    @CsvSource(textBlock = """
            +14155552671,   false,  1, 0.0083
            +14155552671,   false,  2, 0.0166
            +14155552671,   false,  3, 0.0249
            +14155552671,   false, 10, 0.0830
            +14155552671,   false,  0, 0.0083
            +14155552671,   false, -5, 0.0083
            +14155552671,   true,   1, 0.0220
            +14155552671,   true,   5, 0.0220
            +14155552671,   true,   0, 0.0220
            +16135550123,   false,  1, 0.0083
            +447400123456,  false,  1, 0.0500
            +447400123456,  false,  4, 0.2000
            +447400123456,  true,   1, 0.1000
            +4915123456789, false,  2, 0.1800
            +61412345678,   false,  1, 0.0550
            +819012345678,  false,  1, 0.0800
            +5511987654321, false,  1, 0.0600
            # Twilio's test numbers: libphonenumber places area code 500 in the US
            +15005550006,   false,  1, 0.0083
            # +1 number in no known range; international freephone; unassigned calling code
            +12425551234,   false,  1, 0.1000
            +80099999999,   false,  1, 0.1000
            +99912345678,   false,  2, 0.2000
            +99912345678,   true,   1, 0.1000
            """)
    void estimates(String number, boolean mms, int segments, BigDecimal expected) {
        BigDecimal estimate = PriceTable.estimate("twilio", new PhoneNumber(number), mms, segments);
        assertEquals(expected, estimate);
        assertEquals(4, estimate.scale());
    }

    @Test
    void largeSegmentCountsDoNotOverflow() {
        assertEquals(usd("17824114.2701"),
                PriceTable.estimate("twilio", new PhoneNumber("+14155552671"), false,
                        Integer.MAX_VALUE));
    }

    @Test
    void refusesNull() {
        assertThrows(NullPointerException.class, () -> PriceTable.estimate("twilio", null, false, 1));
    }

    @ParameterizedTest(name = "{0} mms={1} segments={2} -> {3}")
    @CsvSource(textBlock = """
            +919876543210,  false, 1, 0.0030
            +919876543210,  false, 3, 0.0090
            +14155552671,   false, 1, 0.0080
            +16135550123,   false, 1, 0.0080
            +447400123456,  false, 2, 0.0800
            # elsewhere Twilio's high default, so an unknown destination is overestimated
            +4915123456789, false, 1, 0.1000
            # MessageCentral sends no MMS: a fallback's MMS is priced as Twilio's
            +14155552671,   true,  1, 0.0220
            """)
    void messageCentralHasItsOwnPrices(String number, boolean mms, int segments, BigDecimal expected) {
        assertEquals(expected, PriceTable.estimate("messagecentral", new PhoneNumber(number), mms, segments));
    }
}
