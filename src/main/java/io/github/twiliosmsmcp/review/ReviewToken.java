package io.github.twiliosmsmcp.review;

import io.github.twiliosmsmcp.access.HttpToken;
import io.github.twiliosmsmcp.access.HttpTokens;
import io.github.twiliosmsmcp.access.TokenDigests;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The review page's login token. Not the MCP token: that one sits in the model's client
 * configuration (librechat.yaml, its environment), and whoever holds it must not be able to approve.
 */
public final class ReviewToken {
    private ReviewToken() {}

    /** The owner's token, else the one generated on the first start, kept as a digest beside the MCP one. */
    public static HttpToken resolve(Optional<String> configured, TokenDigests digests, String account,
            String settingName, String pageUrl, PrintStream console) throws StoreUnavailable {
        return HttpTokens.resolve(configured, digests, account + " review", console, token -> """

                The review page (%s) signs a person in with this token. It is shown this once and only
                its SHA-256 digest is kept, so copy it now:

                    %s

                To choose the token yourself, set %s instead.
                """.formatted(pageUrl, token, settingName));
    }
}
