package io.github.twiliosmsmcp.messagecentral;

import io.github.twiliosmsmcp.sms.MessageIdForm;
import io.github.twiliosmsmcp.sms.Provider;
import java.util.regex.Pattern;

/**
 * MessageCentral as the core knows a provider. Its API tells nothing about a message after it took
 * it (no status lookup, no lists), so it does not report delivery.
 */
public final class MessageCentralProvider {
    private static final MessageIdForm VERIFICATION_IDS = new MessageIdForm(Pattern.compile("[0-9]{1,24}"),
            "MessageCentral's verification id: 1 to 24 digits");

    private MessageCentralProvider() {}

    /** MessageCentral's conventions under {@code name}: "messagecentral", or the name of a simulation of it. */
    public static Provider named(String name) {
        return new Provider(name, "MessageCentral", MessageCentralErrors.INSTANCE, VERIFICATION_IDS, false);
    }
}
