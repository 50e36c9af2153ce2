package io.github.twiliosmsmcp.twilio;

import io.github.twiliosmsmcp.sms.ErrorMeanings;
import io.github.twiliosmsmcp.sms.GatewayException.Reason;
import java.util.Map;
import java.util.Set;

/**
 * What Twilio's error codes mean to the person who asked for the message, and what they can do;
 * and which of them the core must act on. Codes change over time, so an unknown code still gets
 * Twilio's own words and its docs link.
 */
public final class TwilioErrors implements ErrorMeanings {
    static final TwilioErrors INSTANCE = new TwilioErrors();
    private static final int TOO_MANY_REQUESTS = 20429;
    private static final int UNSUBSCRIBED_RECIPIENT = 21610;
    /**
     * Refusals of this account or route, made before Twilio did anything with the message: the
     * credentials (20003), an inactive account (10001), a country not enabled (21408), a sender not
     * usable for this account or route (21606), a trial account's unverified recipient (21608), no
     * route between the two numbers (21612), an unregistered sender (30032, 30034).
     */
    private static final Set<Integer> NOT_PERMITTED = Set.of(10001, 20003, 21408, 21606, 21608,
            21612, 30032, 30034);

    private static final Map<Integer, Explanation> KNOWN = Map.ofEntries(
            entry(20003, "Twilio rejected the credentials (authentication failed)",
                    "Check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY/TWILIO_API_SECRET) in the client configuration, then restart the client."),
            entry(20404, "Twilio could not find the resource (wrong account or message SID)",
                    "Check TWILIO_ACCOUNT_SID in the client configuration."),
            entry(20429, "Twilio is receiving too many requests from this account right now",
                    "Wait a minute before asking to send anything else."),
            entry(21211, "the recipient number is not a valid phone number for Twilio",
                    "Ask the user for the correct number in international form, such as +14155552671."),
            entry(21212, "the sender number is not a valid Twilio phone number",
                    "Check TWILIO_PHONE_NUMBER: it must be a number bought in this Twilio account."),
            entry(21408, "this Twilio account is not allowed to send SMS to that country",
                    "The account owner can enable the country in the Twilio Console under Messaging > Settings > Geo permissions."),
            entry(21602, "the message has no text and no media",
                    "Give the message some text."),
            entry(21603, "no sender was given",
                    "Set TWILIO_PHONE_NUMBER or TWILIO_MESSAGING_SERVICE_SID in the client configuration."),
            entry(21604, "no recipient was given",
                    "Give the recipient's phone number."),
            entry(21606, "the sender number cannot send SMS, or does not belong to this Twilio account",
                    "Use a number from this account that has SMS capability (check TWILIO_PHONE_NUMBER)."),
            entry(21608, "trial Twilio accounts can only text phone numbers that were verified in the Console",
                    "Verify the recipient under Phone Numbers > Verified Caller IDs in the Twilio Console, or upgrade the account."),
            entry(21610, "the recipient has opted out: they replied STOP to this sender",
                    "Do not text them again; they can opt back in by texting START to this number."),
            entry(21612, "Twilio cannot route a message from this sender to that recipient",
                    "The number may not accept SMS (for example a landline or a short code mismatch); try another number for this person."),
            entry(21614, "the recipient number is not a mobile number and cannot receive SMS",
                    "Ask the user for a mobile number."),
            entry(21617, "the message is longer than Twilio's 1600-character limit",
                    "Shorten the message."),
            entry(21620, "a media URL is invalid or not reachable by Twilio",
                    "Use a public http(s) URL of an image or file that opens without a login."),
            entry(21701, "the Messaging Service SID is not valid for this account",
                    "Check TWILIO_MESSAGING_SERVICE_SID in the client configuration."),
            entry(30001, "Twilio's queue for this sender overflowed",
                    "Wait a while before sending more; the account sends too fast for its numbers."),
            entry(10001, "the Twilio account is not active (suspended or closed)",
                    "The account owner must reactivate it in the Twilio Console or with Twilio support."),
            entry(30002, "the Twilio account is suspended",
                    "The account owner must contact Twilio support."),
            entry(30003, "the recipient's phone was unreachable (switched off or out of coverage)",
                    "The person may get texts again later; try another way to reach them if it is urgent."),
            entry(30004, "the message was blocked by the recipient or their carrier",
                    "Do not retry; reach the person another way."),
            entry(30005, "the recipient number is unknown or no longer exists",
                    "Check the number with the user."),
            entry(30006, "the number is a landline or its carrier cannot receive SMS",
                    "Ask the user for a mobile number."),
            entry(30007, "the carrier filtered the message as spam",
                    "Rewrite the message (fewer links and capitals) or register the sender (A2P 10DLC / toll-free verification)."),
            entry(30008, "the carrier reported an unknown delivery error",
                    "Tell the user it was not delivered; they may try again later."),
            entry(30010, "the price of the message exceeds the account's maximum price",
                    "The account owner can raise the max price or shorten the message."),
            entry(30019, "the media is too large for the carrier",
                    "Send a smaller file (under about 600 KB for most carriers)."),
            entry(30032, "the toll-free sender number is not verified",
                    "The account owner must complete toll-free verification in the Twilio Console."),
            entry(30034, "the US sender number is not registered for A2P 10DLC messaging",
                    "The account owner must register the number with an A2P 10DLC campaign in the Twilio Console."));

    private TwilioErrors() {}

    private static Map.Entry<Integer, Explanation> entry(int code, String meaning, String advice) {
        return Map.entry(code, new Explanation(meaning, advice));
    }

    /**
     * 429 and 20429 mean Twilio turned the request away before doing anything with it; 21610 proves an
     * opt-out; a 401 or a code of {@link #NOT_PERMITTED} refuses this account or route.
     */
    public static Reason reason(int httpStatus, Integer code) {
        if (httpStatus == 429 || Integer.valueOf(TOO_MANY_REQUESTS).equals(code)) {
            return Reason.THROTTLED;
        }
        if (Integer.valueOf(UNSUBSCRIBED_RECIPIENT).equals(code)) {
            return Reason.OPTED_OUT;
        }
        return httpStatus == 401 || (code != null && NOT_PERMITTED.contains(code)) ? Reason.NOT_PERMITTED : Reason.OTHER;
    }

    @Override
    public Explanation explain(int code, String twilioMessage) {
        Explanation known = KNOWN.get(code);
        if (known != null) {
            return known;
        }
        String words = twilioMessage == null || twilioMessage.isBlank() ? "Twilio reported an error" : twilioMessage.strip();
        return new Explanation(words, "See " + docsUrl(code) + " for what it means.");
    }

    @Override
    public String docsUrl(int code) {
        return "https://www.twilio.com/docs/errors/" + code;
    }

    @Override
    public String label(int code) {
        return "Twilio error " + code;
    }
}
