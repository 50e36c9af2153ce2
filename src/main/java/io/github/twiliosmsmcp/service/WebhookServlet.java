package io.github.twiliosmsmcp.service;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import io.github.twiliosmsmcp.common.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Twilio webhook: the gate's checks, then the webhook itself, each request with a trace id
 * that every log line about it carries (slf4j-simple prints no MDC, so it is in the text).
 */
final class WebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServlet.class);

    private final String endpoint;
    private final transient WebhookGate gate;
    private final transient Webhook webhook;
    private final transient ServiceMetrics metrics;
    private final transient Beacon beacon;

    WebhookServlet(String endpoint, WebhookGate gate, Webhook webhook, ServiceMetrics metrics, Beacon beacon) {
        this.endpoint = endpoint;
        this.gate = gate;
        this.webhook = webhook;
        this.metrics = metrics;
        this.beacon = beacon;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String trace = Trace.newId("wh");
        String query = request.getQueryString();
        String pathAndQuery = request.getRequestURI() + (query == null ? "" : "?" + query);
        Verdict verdict = gate.check(pathAndQuery, request.getContentType(), request.getContentLengthLong(),
                request.getInputStream(), request.getHeader("X-Twilio-Signature"));
        Webhook.Answer answer;
        if (verdict instanceof Verdict.Rejected rejected) {
            answer = Webhook.Answer.refused(rejected.status(), rejected.reason(), rejected.explanation());
        } else {
            answer = handle(((Verdict.Accepted) verdict), trace);
        }
        if (answer.accepted()) {
            metrics.accepted(endpoint);
            beacon.webhookArrived();
        } else {
            metrics.rejected(endpoint, answer.outcome());
            LOG.warn("[{}] {} refused with {}: {}", trace, endpoint, answer.status(), answer.body().strip());
        }
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.getOutputStream().write(answer.body().getBytes(StandardCharsets.UTF_8));
    }

    private Webhook.Answer handle(Verdict.Accepted accepted, String trace) {
        try {
            return webhook.handle(accepted.fields(), trace);
        } catch (StoreUnavailable e) {
            return Webhook.Answer.refused(503, "store_unavailable", e.describe());
        } catch (RuntimeException e) {
            LOG.error("[{}] {} failed", trace, endpoint, e);
            return Webhook.Answer.refused(500, "internal_error", "the webhook failed; the service's log has the details");
        }
    }
}
