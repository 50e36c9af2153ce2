package io.github.twiliosmsmcp.service;

import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;

/** The service's counters, shown at {@code GET /metrics} in Prometheus's text format. */
final class ServiceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

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
                .tag("status", status.twilioValue()).tag("effect", effect.name().toLowerCase(Locale.ROOT))
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

    String scrape() {
        return registry.scrape();
    }
}
