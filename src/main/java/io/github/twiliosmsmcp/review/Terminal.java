package io.github.twiliosmsmcp.review;

/**
 * Text written by a model or a stranger, made safe for a terminal: escape sequences in a staged
 * message must not move the cursor or rewrite what the person reads.
 */
final class Terminal {
    private Terminal() {}

    static String safe(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
