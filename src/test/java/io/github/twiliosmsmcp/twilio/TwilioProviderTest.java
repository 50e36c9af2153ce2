package io.github.twiliosmsmcp.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twiliosmsmcp.sms.MessageIdForm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwilioProviderTest {
    private static final MessageIdForm IDS = TwilioProvider.named("twilio").messageIds();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            SM0123456789abcdef0123456789abcdef,  true
            MM0123456789ABCDEF0123456789ABCDEF,  true
            sm0123456789abcdef0123456789abcdef,  false
            SM0123456789abcdef0123456789abcde,   false
            SM0123456789abcdef0123456789abcdef0, false
            SMg123456789abcdef0123456789abcdef,  false
            MG0123456789abcdef0123456789abcdef,  false
            '',                                  false
            """)
    void messageSidsAreSmOrMmAnd32HexDigits(String id, boolean accepted) {
        assertEquals(accepted, IDS.accepts(id));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"twilio", "sandbox"})
    void everyNameSharesTwiliosConventions(String name) {
        assertEquals(name, TwilioProvider.named(name).name());
        assertEquals(TwilioProvider.named("twilio").errors(), TwilioProvider.named(name).errors());
        assertEquals("SM or MM followed by 32 hexadecimal characters", TwilioProvider.named(name).messageIds().description());
    }
}
