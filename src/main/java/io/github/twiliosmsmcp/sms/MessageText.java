package io.github.twiliosmsmcp.sms;

import java.util.Optional;

/** Checks that message text reaches the phone as written: nothing in it may be dropped or replaced. */
public final class MessageText {

    private MessageText() {}

    /**
     * Why this text cannot be sent as it is, or empty when it can. Positions count characters as a
     * person does (an emoji is one), like the message length in every answer.
     */
    public static Optional<String> problem(String text) {
        int position = 0;
        for (int offset = 0; offset < text.length(); ) {
            // An unpaired surrogate comes back from codePointAt as itself, so it is seen here too.
            int c = text.codePointAt(offset);
            offset += Character.charCount(c);
            position++;
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
                return Optional.of(String.format("the message contains a control character (U+%04X) at position %d",
                        c, position));
            }
            if (Character.getType(c) == Character.SURROGATE) {
                // UTF-8, which carries the text to Twilio, has no form for half a pair: it would become '?'.
                return Optional.of(String.format("the message contains a broken character at position %d: U+%04X is"
                        + " half of an emoji or other symbol without its other half, and would reach the phone as '?'",
                        position, c));
            }
        }
        return Optional.empty();
    }
}
