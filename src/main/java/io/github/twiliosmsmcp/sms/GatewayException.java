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

    /** What a refusal means to the core, whatever code the provider gave it. */
    public enum Reason {
        /** Turned away before anything was done with the request: trying again later is safe. */
        THROTTLED,
        /** The recipient asked this sender to stop texting them. */
        OPTED_OUT,
        /**
         * Refused for this account or this route before anything was done: credentials rejected, the
         * account suspended, the destination or the sender not permitted. Another provider may take it.
         */
        NOT_PERMITTED,
        /** Any other refusal; its code and message say what. */
        OTHER
    }

    /**
     * The provider answered with an error: the HTTP status, the {@link Reason} the gateway read in
     * it, and the provider's own error code and message when its answer had its error shape.
     */
    public static final class Rejected extends GatewayException {
        private final int httpStatus;
        private final Reason reason;
        private final Integer code;
        private final String providerMessage;

        /** {@code code} and {@code providerMessage} are null when the provider's answer did not carry them. */
        public Rejected(int httpStatus, Reason reason, Integer code, String providerMessage) {
            super("HTTP " + httpStatus + ": " + (providerMessage != null ? providerMessage
                    : code != null ? "error " + code : "the provider's answer could not be read"), null);
            this.httpStatus = httpStatus;
            this.reason = reason;
            this.code = code;
            this.providerMessage = providerMessage;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public Optional<Integer> code() {
            return Optional.ofNullable(code);
        }

        /** The provider's own words about the error, when its answer had them. */
        public Optional<String> providerMessage() {
            return Optional.ofNullable(providerMessage);
        }

        public Reason reason() {
            return reason;
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
