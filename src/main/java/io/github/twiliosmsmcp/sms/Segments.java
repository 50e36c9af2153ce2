package io.github.twiliosmsmcp.sms;

/**
 * Counts SMS segments the way carriers (and Twilio) split messages, following GSM 03.38.
 *
 * <p>A message that fits in one SMS gets the full 140-byte payload (160 septets or 70 UTF-16 units).
 * Once it needs more than one, each part loses room to the concatenation header, leaving 153 septets or
 * 67 units, and a character is never split across two parts.
 */
public final class Segments {

    /** GSM 03.38 default alphabet: each of these costs one septet. */
    private static final String GSM_BASIC =
            "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
            + " !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** Extension table: sent as ESC plus a septet, so each costs two. */
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private static final int GSM_SINGLE = 160;
    private static final int GSM_MULTI = 153;
    private static final int UCS2_SINGLE = 70;
    private static final int UCS2_MULTI = 67;

    private Segments() {
    }

    /** Works out the encoding and segment count for a message body; null counts as empty. */
    public static SegmentCount count(String text) {
        String body = text == null ? "" : text;
        int characters = body.codePointCount(0, body.length());
        if (body.isEmpty()) {
            // An MMS may have no body at all; nothing is billed as SMS text.
            return new SegmentCount(Encoding.GSM_7, 0, 0);
        }

        int[] gsmCosts = gsmCosts(body);
        if (gsmCosts != null) {
            return new SegmentCount(Encoding.GSM_7, split(gsmCosts, GSM_SINGLE, GSM_MULTI), characters);
        }
        // A single character outside GSM-7 forces the whole message into UCS-2, which is UTF-16 on the wire.
        int[] ucs2Costs = body.codePoints().map(Character::charCount).toArray();
        return new SegmentCount(Encoding.UCS_2, split(ucs2Costs, UCS2_SINGLE, UCS2_MULTI), characters);
    }

    /** Septet cost of each code point, or null if any of them has no GSM-7 representation. */
    private static int[] gsmCosts(String body) {
        int[] costs = new int[body.codePointCount(0, body.length())];
        int i = 0;
        for (int offset = 0; offset < body.length(); ) {
            int codePoint = body.codePointAt(offset);
            offset += Character.charCount(codePoint);
            int cost = gsmCost(codePoint);
            if (cost == 0) {
                return null;
            }
            costs[i++] = cost;
        }
        return costs;
    }

    private static int gsmCost(int codePoint) {
        // Both tables are in the Basic Multilingual Plane, so a supplementary code point can never match.
        if (Character.isSupplementaryCodePoint(codePoint)) {
            return 0;
        }
        char c = (char) codePoint;
        if (GSM_BASIC.indexOf(c) >= 0) {
            return 1;
        }
        if (GSM_EXTENSION.indexOf(c) >= 0) {
            return 2;
        }
        return 0;
    }

    /**
     * Packs the per-character costs into segments. A multi-unit character that does not fit in what is
     * left of a segment starts the next one, so the count can exceed a plain ceiling division.
     */
    private static int split(int[] costs, int singleCapacity, int multiCapacity) {
        int total = 0;
        for (int cost : costs) {
            total += cost;
        }
        if (total <= singleCapacity) {
            return total == 0 ? 0 : 1;
        }
        int segments = 1;
        int used = 0;
        for (int cost : costs) {
            if (used + cost > multiCapacity) {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return segments;
    }
}
