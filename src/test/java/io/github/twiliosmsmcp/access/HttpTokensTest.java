package io.github.twiliosmsmcp.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HttpTokensTest {
    private final Map<String, String> kept = new HashMap<>();
    private final TokenDigests digests = new TokenDigests() {
        @Override
        public Optional<String> find(String account) {
            return Optional.ofNullable(kept.get(account));
        }

        @Override
        public boolean keepIfAbsent(String account, String digest) {
            return kept.putIfAbsent(account, digest) == null;
        }
    };

    private String start(Optional<String> configured, String account, ByteArrayOutputStream console)
            throws StoreUnavailable {
        HttpToken token = HttpTokens.resolve(configured, digests, account, "SMS_HTTP_TOKEN",
                new PrintStream(console, true, StandardCharsets.UTF_8));
        return token.digest();
    }

    @Test
    void theFirstStartPrintsANewTokenOnceAndKeepsOnlyItsDigest() throws StoreUnavailable {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();

        String digest = start(Optional.empty(), "AC1", first);
        String again = start(Optional.empty(), "AC1", second);

        Matcher printed = Pattern.compile("smcp_[A-Za-z0-9_-]{43}").matcher(first.toString(StandardCharsets.UTF_8));
        assertTrue(printed.find(), first.toString(StandardCharsets.UTF_8));
        assertTrue(first.toString(StandardCharsets.UTF_8).contains("Authorization: Bearer"));
        assertEquals(HttpToken.of(printed.group()).digest(), digest);
        assertEquals(Map.of("AC1", digest), kept);
        assertEquals(digest, again);
        assertEquals("", second.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aConfiguredTokenIsUsedAndNothingIsPrintedOrKept() throws StoreUnavailable {
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        String digest = start(Optional.of("owner-chosen-token"), "AC1", console);

        assertEquals(HttpToken.of("owner-chosen-token").digest(), digest);
        assertEquals(Map.of(), kept);
        assertEquals("", console.toString(StandardCharsets.UTF_8));
    }

    @Test
    void eachAccountHasItsOwnToken() throws StoreUnavailable {
        String one = start(Optional.empty(), "AC1", new ByteArrayOutputStream());
        String two = start(Optional.empty(), "sandbox", new ByteArrayOutputStream());

        assertFalse(one.equals(two));
    }
}
