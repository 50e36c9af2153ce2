package io.github.twiliosmsmcp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twiliosmsmcp.policy.OptOutWords.ConsentChange;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OptOutWordsTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "STOP", "Stop", "stop", "StOp", " STOP! ", "stop.", "StOp!!!", "'Unsubscribe'", "\"Stop\"",
            "«stop»", "¡Stop!", "...stop...", "\nSTOP\n", "\tstop\t", "\u00A0STOP\u00A0",
            "stop 🛑", "🛑STOP🛑",
            "ＳＴＯＰ", "STOP\u200B",
            "STOPALL", "stopall", "UNSUBSCRIBE", "unsubscribe!", "CANCEL", "Cancel.", "END", "end", "QUIT", "Quit!",
            "REVOKE", "revoke", "OPTOUT", "OptOut"})
    void optOut(String body) {
        assertEquals(Optional.of(ConsentChange.OPT_OUT), OptOutWords.classify(body));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"START", "start", "Start!", "yes", "YES", "Yes.", " yes ", "'YES'", "UNSTOP", "unstop!"})
    void optIn(String body) {
        assertEquals(Optional.of(ConsentChange.OPT_IN), OptOutWords.classify(body));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "Please stop texting me", "stopping by later", "STOP IT", "don't stop", "Stop please", "please stop",
            "Yes please", "yes!! see you", "STOP 2", "2 STOP", "STOP1", "S T O P", "STOP-STOP", "STOP STOP",
            "STOP ALL", "stop.all", "opt-out", "OPT OUT", "un-subscribe", "stahp", "stopp", "tops", "HELP",
            "INFO", "no", "ok", "   ", "!!!", "🛑", "123", "Y", "ye", "starting"})
    void notAKeyword(String body) {
        assertEquals(Optional.empty(), OptOutWords.classify(body));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingIsNotAKeyword(String body) {
        assertEquals(Optional.empty(), OptOutWords.classify(body));
    }

    @Test
    void longBodiesAreNotExamined() {
        assertEquals(Optional.empty(), OptOutWords.classify("x".repeat(10 * 1024)));
        assertEquals(Optional.empty(), OptOutWords.classify("STOP".repeat(2560)));
        assertEquals(Optional.empty(), OptOutWords.classify(" ".repeat(5000) + "STOP" + " ".repeat(5000)));
    }

    @Test
    void aKeywordWithPunctuationUpToTheLimitStillCounts() {
        String atLimit = "STOP" + "!".repeat(OptOutWords.MAX_LENGTH - 4);
        assertEquals(Optional.of(ConsentChange.OPT_OUT), OptOutWords.classify(atLimit));
        assertEquals(Optional.empty(), OptOutWords.classify(atLimit + "!"));
    }

    @Test
    void doesNotDependOnTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            // Turkish upper-cases "i" to a dotted capital, which would turn "quit" into "QUİT".
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals(Optional.of(ConsentChange.OPT_OUT), OptOutWords.classify("quit"));
            assertEquals(Optional.of(ConsentChange.OPT_OUT), OptOutWords.classify("unsubscribe"));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
