package io.github.twiliosmsmcp.delivery;

/**
 * Shows untrusted input back in an answer: cut short and with control characters made visible,
 * so 10 KB of junk or a line break cannot take over what the model reads.
 */
public final class Shown {
    private static final int MAX = 40;

    private Shown() {}

    public static String of(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        raw.codePoints().limit(MAX).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (raw.codePointCount(0, raw.length()) > MAX) {
            out.append("... (").append(raw.length()).append(" characters)");
        }
        return out.toString();
    }

    public static String quoted(String raw) {
        return "'" + of(raw) + "'";
    }
}
