package io.github.twiliosmsmcp.delivery;

/**
 * Shows untrusted input back in an answer: cut short and with control characters made visible,
 * so 10 KB of junk or a line break cannot take over what the model reads.
 */
public final class Shown {
    private static final int MAX = 40;

    private Shown() {}

    public static String of(String raw) {
        return escaped(raw, MAX);
    }

    /** The whole text, control characters made visible: for text the model wrote itself and must see in full. */
    public static String whole(String raw) {
        return "'" + escaped(raw, Integer.MAX_VALUE) + "'";
    }

    private static String escaped(String raw, int max) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        raw.codePoints().limit(max).forEach(c -> {
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        int characters = raw.codePointCount(0, raw.length());
        if (characters > max) {
            out.append("... (").append(characters).append(" characters)");
        }
        return out.toString();
    }

    public static String quoted(String raw) {
        return "'" + of(raw) + "'";
    }
}
