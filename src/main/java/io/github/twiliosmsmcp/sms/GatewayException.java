package io.github.twiliosmsmcp.sms;

import java.util.Optional;

/**
 * Why a call to the messaging provider did not return a message. The two cases matter for the
 * send-once rule: a {@link Rejected} create was refused and nothing went out, an {@link Unreachable}
 * one may or may not have been accepted.
 *
 * <p>Messages are this server's own words, fit for an answer: an upstream's body is never quoted,
 * since a proxy or a wrong base URL can answer with anything, the request's Authorization header included.
 */
public abstract sealed class GatewayException extends Exception {

    private GatewayException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The provider answered with an error: the HTTP status, and Twilio's own error code and message
     * when its answer had Twilio's error shape.
     */
    public static final class Rejected extends GatewayException {
        private final int httpStatus;
        private final Integer code;
        private final String twilioMessage;

        /** {@code code} and {@code twilioMessage} are null when Twilio's answer did not carry them. */
        public Rejected(int httpStatus, Integer code, String twilioMessage) {
            super("HTTP " + httpStatus + ": " + (twilioMessage != null ? twilioMessage
                    : code != null ? "error " + code : "Twilio's answer could not be read"), null);
            this.httpStatus = httpStatus;
            this.code = code;
            this.twilioMessage = twilioMessage;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public Optional<Integer> code() {
            return Optional.ofNullable(code);
        }

        /** Twilio's own words about the error, when its answer had them. */
        public Optional<String> twilioMessage() {
            return Optional.ofNullable(twilioMessage);
        }

        /** 429 and 20429 mean Twilio turned the request away before doing anything with it. */
        public boolean tooManyRequests() {
            return httpStatus == 429 || Integer.valueOf(20429).equals(code);
        }

        /** A 5xx can come after the message was created, so its outcome is unknown. */
        public boolean serverError() {
            return httpStatus >= 500;
        }
    }

    /**
     * No usable answer came back. {@code requestMayHaveArrived} is false only when no byte of the
     * request can have reached the provider: the connection or its TLS handshake failed, or the
     * request was never made.
     */
    public static final class Unreachable extends GatewayException {
        private final boolean requestMayHaveArrived;

        public Unreachable(String message, boolean requestMayHaveArrived, Throwable cause) {
            super(message, cause);
            this.requestMayHaveArrived = requestMayHaveArrived;
        }

        public boolean requestMayHaveArrived() {
            return requestMayHaveArrived;
        }
    }
}
