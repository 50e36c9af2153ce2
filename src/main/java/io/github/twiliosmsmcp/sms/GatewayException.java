package io.github.twiliosmsmcp.sms;

import java.util.Optional;

/**
 * Why a call to the messaging provider did not return a message. The two cases matter for the
 * send-once rule: a {@link Rejected} create was refused and nothing went out, an {@link Unreachable}
 * one may or may not have been accepted.
 */
public abstract sealed class GatewayException extends Exception {

    private GatewayException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The provider answered with an error: HTTP status and Twilio's error code, when it gave one. */
    public static final class Rejected extends GatewayException {
        private final int httpStatus;
        private final Integer code;

        public Rejected(int httpStatus, Integer code, String message) {
            super(message, null);
            this.httpStatus = httpStatus;
            this.code = code;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public Optional<Integer> code() {
            return Optional.ofNullable(code);
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

    /** No answer came back. {@code requestMayHaveArrived} is false only when the connection itself failed. */
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
