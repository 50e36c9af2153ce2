package io.github.twiliosmsmcp.twilio;

import io.github.twiliosmsmcp.sms.MessageIdForm;
import io.github.twiliosmsmcp.sms.Provider;
import java.util.regex.Pattern;

/** Twilio as the core knows a provider: its error meanings and its message SIDs. */
public final class TwilioProvider {
    private static final MessageIdForm MESSAGE_SIDS = new MessageIdForm(
            Pattern.compile("(SM|MM)[0-9a-fA-F]{32}"), "SM or MM followed by 32 hexadecimal characters");

    private TwilioProvider() {}

    /** Twilio's conventions under {@code name}: "twilio", or the name of a simulation of it. */
    public static Provider named(String name) {
        return named(name, "Twilio");
    }

    /** Twilio's conventions under {@code name}, called {@code title} in answers. */
    public static Provider named(String name, String title) {
        return new Provider(name, title, TwilioErrors.INSTANCE, MESSAGE_SIDS, true);
    }
}
