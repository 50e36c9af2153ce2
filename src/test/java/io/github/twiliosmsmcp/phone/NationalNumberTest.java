package io.github.twiliosmsmcp.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NationalNumberTest {

    @ParameterizedTest
    @CsvSource({
            "+919876543210, 91, 9876543210",
            "+14155552671, 1, 4155552671",
            "+447400123456, 44, 7400123456",
            "+390612345678, 39, 0612345678",
            "+4930123456, 49, 30123456"})
    void splitsTheCallingCodeFromTheNationalNumber(String e164, int callingCode, String national) {
        assertEquals(Optional.of(new NationalNumber(callingCode, national)), NationalNumber.of(new PhoneNumber(e164)));
    }

    @ParameterizedTest
    @CsvSource({"+9991234567", "+8011234567"})
    void aNumberWithNoCallingCodeInUseHasNoParts(String e164) {
        assertEquals(Optional.empty(), NationalNumber.of(new PhoneNumber(e164)));
    }
}
