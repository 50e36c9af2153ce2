package io.github.twiliosmsmcp.sms;

/**
 * How a message body will be split into SMS segments.
 *
 * @param encoding   the alphabet the whole message will be sent in
 * @param segments   how many SMS segments it takes (each billed separately); 0 for an empty body
 * @param characters the number of Unicode code points, which is what Twilio's 1600-character limit counts
 */
public record SegmentCount(Encoding encoding, int segments, int characters) {

    /** A short human-readable summary, e.g. "2 segments (GSM-7, 170 characters)". */
    public String describe() {
        return segments + (segments == 1 ? " segment" : " segments")
                + " (" + encoding.label() + ", " + characters
                + (characters == 1 ? " character)" : " characters)");
    }
}
