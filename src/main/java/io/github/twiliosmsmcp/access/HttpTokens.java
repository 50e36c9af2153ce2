package io.github.twiliosmsmcp.access;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Which token opens {@code POST /mcp}: the one the owner set, else the one generated on first start. */
public final class HttpTokens {
    private HttpTokens() {}

    /**
     * The owner's token when {@code configured} is set. Otherwise the token generated for
     * {@code account} on an earlier start, of which only the digest is kept; on the first start a new
     * one, printed to {@code console} this once with how to use it.
     */
    public static HttpToken resolve(Optional<String> configured, TokenDigests digests, String account,
            String settingName, PrintStream console) throws StoreUnavailable {
        return resolve(configured, digests, account, console, token -> """

                MCP over HTTP (POST /mcp) needs this bearer token. It is shown this once and only its
                SHA-256 digest is kept, so copy it now:

                    %s

                Clients send it as the header "Authorization: Bearer <token>" (in librechat.yaml:
                headers: { Authorization: "Bearer ${SMS_MCP_TOKEN}" }). To choose the token yourself,
                set %s instead.
                """.formatted(token, settingName));
    }

    /**
     * The same for any door of {@code serve} that opens with a token: {@code key} names the door's
     * token in {@code digests}, {@code notice} is what is printed with a newly generated token.
     */
    public static HttpToken resolve(Optional<String> configured, TokenDigests digests, String key, PrintStream console,
            UnaryOperator<String> notice) throws StoreUnavailable {
        if (configured.isPresent()) {
            return HttpToken.of(configured.get());
        }
        Optional<String> kept = digests.find(key);
        if (kept.isPresent()) {
            return HttpToken.ofDigest(kept.get());
        }
        String token = HttpToken.generate();
        HttpToken generated = HttpToken.of(token);
        if (!digests.keepIfAbsent(key, generated.digest())) {
            // Another service on this store generated one first: that one is in use, and it printed it.
            return HttpToken.ofDigest(digests.find(key).orElseThrow());
        }
        console.println(notice.apply(token));
        console.flush();
        return generated;
    }
}
