package io.github.twiliosmsmcp.service;

import io.github.twiliosmsmcp.delivery.Outcome;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.delivery.Telemetry;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;

/**
 * The service's counters, shown at {@code GET /metrics} in Prometheus's text format: its webhooks,
 * and what the core it serves reports as {@link Telemetry}.
 */
final class ServiceMetrics implements Telemetry {
    /** Twilio answers in tens to hundreds of milliseconds; a create may take up to its 10 s timeout. */
    private static final Duration SLOWEST_EXPECTED = Duration.ofSeconds(15);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    ServiceMetrics() {
        // Every outcome and poll is shown from the start, at 0, so that a rate over the first one is right.
        for (Outcome outcome : Outcome.values()) {
            sends(outcome);
        }
        for (Poll poll : Poll.values()) {
            polls(poll);
        }
    }

    void accepted(String endpoint) {
        Counter.builder("sms.webhooks.accepted").description("Webhooks that Twilio signed and that were acted on")
                .tag("endpoint", endpoint).register(registry).increment();
    }

    void rejected(String endpoint, String reason) {
        Counter.builder("sms.webhooks.rejected").description("Webhooks refused, by reason")
                .tag("endpoint", endpoint).tag("reason", reason).register(registry).increment();
    }

    void callback(MessageStatus status, SendJournal.Reported effect) {
        Counter.builder("sms.status.callbacks").description("Status callbacks, by status and what they changed")
                .tag("status", status.twilioValue()).tag("effect", lowerCase(effect))
                .register(registry).increment();
        if (effect == SendJournal.Reported.NO_SUCH_SEND) {
            Counter.builder("sms.status.callbacks.unknown.sid")
                    .description("Status callbacks about a message no send of this store made")
                    .register(registry).increment();
        }
    }

    /** @param outcome held, applied (the send was recorded later), expired, or dropped (too many held) */
    void heldCallback(String outcome) {
        Counter.builder("sms.status.callbacks.held")
                .description("Status callbacks that arrived before their send was recorded, by what became of them")
                .tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void sendAnswered(Outcome outcome) {
        sends(outcome).increment();
    }

    @Override
    public void providerCalled(String provider, ProviderCall call, boolean ok, Duration took) {
        Timer.builder("sms.provider.requests")
                .description("Calls to the messaging providers, by provider, operation and result")
                .tag("provider", provider).tag("operation", call.label()).tag("result", ok ? "ok" : "error")
                .publishPercentileHistogram().maximumExpectedValue(SLOWEST_EXPECTED)
                .register(registry).record(took);
    }

    @Override
    public void polled(Poll poll) {
        polls(poll).increment();
    }

    String scrape() {
        return registry.scrape();
    }

    private Counter sends(Outcome outcome) {
        return Counter.builder("sms.sends").description("Send calls answered, by outcome")
                .tag("outcome", lowerCase(outcome)).register(registry);
    }

    private Counter polls(Poll poll) {
        return Counter.builder("sms.polls").description("Looks at the provider by calls that wait: a send's status,"
                + " or the inbound message list").tag("kind", poll.label()).register(registry);
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
