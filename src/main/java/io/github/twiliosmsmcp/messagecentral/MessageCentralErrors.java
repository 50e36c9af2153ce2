package io.github.twiliosmsmcp.messagecentral;

import io.github.twiliosmsmcp.sms.ErrorMeanings;
import io.github.twiliosmsmcp.sms.GatewayException.Reason;
import java.util.Map;
import java.util.Set;

/**
 * What MessageCentral's {@code responseCode}s mean to the person who asked for the message, and which
 * of them the core must act on. The codes are those of its public documentation; 401 is this
 * server's assumption for a refused login (see docs/messagecentral.md).
 */
public final class MessageCentralErrors implements ErrorMeanings {
    static final MessageCentralErrors INSTANCE = new MessageCentralErrors();
    private static final String DOCS = "https://www.messagecentral.com/product/message-now/api";
    /** HTTP statuses of a refused login, a suspended account or an empty balance: nothing was sent. */
    private static final Set<Integer> REFUSED_ACCOUNT = Set.of(401, 402, 403);
    /** INVALID_CUSTOMER_ID and INVALID_COUNTRY_CODE: this account or this route, before anything was sent. */
    private static final Set<Integer> NOT_PERMITTED_CODES = Set.of(501, 511);
    private static final int MAXIMUM_LIMIT_REACHED = 800;

    private static final Map<Integer, Explanation> KNOWN = Map.ofEntries(
            entry(400, "MessageCentral found the request malformed (BAD_REQUEST)",
                    "Check the recipient's number and MC_SENDER_ID; if they look right, report it with the time of the send."),
            entry(401, "MessageCentral refused the login (the customer id, the password or the login token)",
                    "Check MC_CUSTOMER_ID and MC_PASSWORD (or MC_PASSWORD_BASE64) in the client configuration, then restart the client."),
            entry(409, "MessageCentral says this request duplicates one it already has (DUPLICATE_RESOURCE)",
                    "Do not send it again: the earlier one may have gone out."),
            entry(500, "MessageCentral had an internal error (SERVER_ERROR); it may or may not have sent the message",
                    "Do not send it again; ask the recipient whether it arrived."),
            entry(501, "MessageCentral does not know this customer id (INVALID_CUSTOMER_ID)",
                    "Check MC_CUSTOMER_ID in the client configuration: it looks like C-1234ABCD."),
            entry(505, "MessageCentral does not know this verification id (INVALID_VERIFICATION_ID)",
                    "Check the message id."),
            entry(506, "MessageCentral already has a request for this number under way (REQUEST_ALREADY_EXISTS)",
                    "Do not send it again now: the earlier one may still arrive. Wait before texting this number again."),
            entry(511, "MessageCentral does not send to this country, or the country code is not valid (INVALID_COUNTRY_CODE)",
                    "Send it through another provider, or ask the account owner to enable the country with MessageCentral."),
            entry(700, "MessageCentral's verification failed (VERIFICATION_FAILED)",
                    "This code belongs to code checks, not to sends; report it with the time of the send."),
            entry(702, "the code given was wrong (WRONG_OTP_PROVIDED)",
                    "This code belongs to code checks, not to sends; report it with the time of the send."),
            entry(703, "this verification was already completed (ALREADY_VERIFIED)",
                    "This code belongs to code checks, not to sends; report it with the time of the send."),
            entry(705, "the verification expired (VERIFICATION_EXPIRED)",
                    "This code belongs to code checks, not to sends; report it with the time of the send."),
            entry(800, "MessageCentral's limit of requests for this account or number was reached (MAXIMUM_LIMIT_REACHED)",
                    "Wait before sending more to this number."));

    private MessageCentralErrors() {}

    private static Map.Entry<Integer, Explanation> entry(int code, String meaning, String advice) {
        return Map.entry(code, new Explanation(meaning, advice));
    }

    /**
     * A 5xx may come after the message went out, so it is never a reason to act. A refused login, a
     * suspended or empty account, an unknown customer id or a country not served refuse this account
     * or route; 429 and MAXIMUM_LIMIT_REACHED turn the request away for now. REQUEST_ALREADY_EXISTS
     * stays OTHER: a send may already be under way.
     */
    public static Reason reason(int httpStatus, Integer code) {
        if (httpStatus >= 500) {
            return Reason.OTHER;
        }
        if (REFUSED_ACCOUNT.contains(httpStatus) || code != null && NOT_PERMITTED_CODES.contains(code)) {
            return Reason.NOT_PERMITTED;
        }
        if (httpStatus == 429 || Integer.valueOf(MAXIMUM_LIMIT_REACHED).equals(code)) {
            return Reason.THROTTLED;
        }
        return Reason.OTHER;
    }

    @Override
    public Explanation explain(int code, String providerMessage) {
        Explanation known = KNOWN.get(code);
        if (known != null) {
            return known;
        }
        String words = providerMessage == null || providerMessage.isBlank() ? "MessageCentral reported an error"
                : providerMessage.strip();
        return new Explanation(words, "See " + docsUrl(code) + " for what it means.");
    }

    @Override
    public String docsUrl(int code) {
        return DOCS;
    }

    @Override
    public String label(int code) {
        return "MessageCentral error " + code;
    }
}
