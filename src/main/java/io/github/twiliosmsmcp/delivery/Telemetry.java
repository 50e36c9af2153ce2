package io.github.twiliosmsmcp.delivery;

import java.time.Duration;
import java.util.Locale;

/**
 * What the core reports about its work, for a front door that shows it (the service's
 * {@code /metrics}). Provider-neutral and without a metrics library, so the stdio server, which
 * shows nothing, loads none: {@link #NONE} drops every report.
 */
public interface Telemetry {
    Telemetry NONE = new Telemetry() {};

    /** The calls the core makes to the provider, as a provider-neutral operation. */
    enum ProviderCall {
        CREATE, FETCH, LIST, MEDIA;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The looks a waiting call takes at the provider. */
    enum Poll {
        /** A send waiting for its final status asks the provider for it. */
        SEND_STATUS,
        /** A receive lists the provider's inbound messages. */
        INBOX;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A send call got its answer. */
    default void sendAnswered(Outcome outcome) {}

    /** A call to {@code provider} (the name sends record) ended, answered ({@code ok}) or failed, after {@code took}. */
    default void providerCalled(String provider, ProviderCall call, boolean ok, Duration took) {}

    default void polled(Poll poll) {}
}
