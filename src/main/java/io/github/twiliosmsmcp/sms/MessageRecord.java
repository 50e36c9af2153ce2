package io.github.twiliosmsmcp.sms;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message as its provider reports it (in Twilio's terms, which the others map to), trimmed to what
 * this server tells the model.
 */
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
        return toBuilder().mediaUrls(urls).build();
    }

    /** A message with {@code sid}; what is not set is unknown (empty), zero or, for the body, empty text. */
    public static Builder builder(String sid, Direction direction, MessageStatus status) {
        return new Builder(sid, direction, status);
    }

    public Builder toBuilder() {
        return new Builder(sid, direction, status).from(from).to(to).body(body).dateSent(dateSent)
                .segments(segments).mediaCount(mediaCount).price(price).priceUnit(priceUnit).errorCode(errorCode)
                .errorMessage(errorMessage).mediaUrls(mediaUrls);
    }

    /** Names each of the fourteen fields where a message is made, so that none is put in the wrong place. */
    public static final class Builder {
        private final String sid;
        private final Direction direction;
        private MessageStatus status;
        private String from;
        private String to;
        private String body = "";
        private Instant dateSent;
        private Optional<Integer> segments = Optional.empty();
        private int mediaCount;
        private Optional<String> price = Optional.empty();
        private Optional<String> priceUnit = Optional.empty();
        private Optional<Integer> errorCode = Optional.empty();
        private Optional<String> errorMessage = Optional.empty();
        private List<String> mediaUrls = List.of();

        private Builder(String sid, Direction direction, MessageStatus status) {
            this.sid = sid;
            this.direction = direction;
            this.status = status;
        }

        public Builder status(MessageStatus status) {
            this.status = status;
            return this;
        }

        public Builder from(String from) {
            this.from = from;
            return this;
        }

        public Builder to(String to) {
            this.to = to;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder dateSent(Instant dateSent) {
            this.dateSent = dateSent;
            return this;
        }

        public Builder segments(Optional<Integer> segments) {
            this.segments = segments;
            return this;
        }

        public Builder mediaCount(int mediaCount) {
            this.mediaCount = mediaCount;
            return this;
        }

        public Builder price(Optional<String> price) {
            this.price = price;
            return this;
        }

        public Builder priceUnit(Optional<String> priceUnit) {
            this.priceUnit = priceUnit;
            return this;
        }

        public Builder errorCode(Optional<Integer> errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        public Builder errorMessage(Optional<String> errorMessage) {
            this.errorMessage = errorMessage;
            return this;
        }

        public Builder mediaUrls(List<String> mediaUrls) {
            this.mediaUrls = mediaUrls;
            return this;
        }

        public MessageRecord build() {
            return new MessageRecord(sid, direction, status, from, to, body, dateSent, segments, mediaCount, price,
                    priceUnit, errorCode, errorMessage, mediaUrls);
        }
    }

    public enum Direction {
        INBOUND,
        OUTBOUND;

        public static Direction ofTwilio(String value) {
            return "inbound".equalsIgnoreCase(value) ? INBOUND : OUTBOUND;
        }
    }
}
