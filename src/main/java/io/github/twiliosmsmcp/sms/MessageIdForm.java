package io.github.twiliosmsmcp.sms;

import java.util.regex.Pattern;

/**
 * What a provider's message ids look like, so that a tool can refuse a malformed id before asking
 * anyone. {@code description} completes "a message id is ...", in the words a tool answers with.
 */
public record MessageIdForm(Pattern pattern, String description) {

    public boolean accepts(String id) {
        return pattern.matcher(id).matches();
    }
}
