package io.github.twiliosmsmcp.sms;

import java.util.Optional;

/** Checks that message text reaches the phone as written: nothing in it may be dropped or replaced. */
public final class MessageText {

    private MessageText() {}

    /** Why this text cannot be sent as it is, or empty when it can. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
                return Optional.of(String.format("the message contains a control character (U+%04X) at position %d",
                        (int) c, i + 1));
            }
        }
        return Optional.empty();
    }
}
