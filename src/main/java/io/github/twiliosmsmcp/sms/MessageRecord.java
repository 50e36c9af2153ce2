package io.github.twiliosmsmcp.sms;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A message as Twilio reports it, trimmed to what this server tells the model. */
public record MessageRecord(
        String sid,
        Direction direction,
        MessageStatus status,
        String from,
        String to,
        String body,
        Instant dateSent,
        Optional<Integer> segments,
        int mediaCount,
        Optional<String> price,
        Optional<String> priceUnit,
        Optional<Integer> errorCode,
        Optional<String> errorMessage,
        List<String> mediaUrls) {

    public MessageRecord {
        mediaUrls = List.copyOf(mediaUrls);
    }

    /** The same message with the URLs of its media, which Twilio lists separately. */
    public MessageRecord withMediaUrls(List<String> urls) {
        return new MessageRecord(sid, direction, status, from, to, body, dateSent, segments, mediaCount, price,
                priceUnit, errorCode, errorMessage, urls);
    }

    public enum Direction {
        INBOUND,
        OUTBOUND;

        public static Direction ofTwilio(String value) {
            return "inbound".equalsIgnoreCase(value) ? INBOUND : OUTBOUND;
        }
    }
}
