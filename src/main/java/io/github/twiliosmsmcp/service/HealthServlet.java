package io.github.twiliosmsmcp.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.inbox.ServicePresence;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;

/**
 * {@code GET /healthz}: 200 when the store answers and webhooks can be checked (SMS_PUBLIC_URL is
 * set), else 503; the JSON says which, and when the last webhook came.
 */
final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient ServicePresence presence;
    private final String account;
    private final boolean publicUrlSet;
    private final transient Beacon beacon;
    private final String autoresponders;

    /** {@code autoresponders} says whether and how the service answers with autoresponder rules. */
    HealthServlet(ServicePresence presence, String account, boolean publicUrlSet, Beacon beacon,
            String autoresponders) {
        this.presence = presence;
        this.account = account;
        this.publicUrlSet = publicUrlSet;
        this.beacon = beacon;
        this.autoresponders = autoresponders;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ObjectNode health = JSON.createObjectNode();
        boolean storeOk = true;
        try {
            presence.lastBeat(account);
            health.put("store", "ok");
        } catch (StoreUnavailable e) {
            storeOk = false;
            health.put("store", e.describe());
        }
        health.put("publicUrlSet", publicUrlSet);
        health.put("lastWebhook", beacon.lastWebhook().map(Instant::toString).orElse(null));
        health.put("autoresponders", autoresponders);
        boolean healthy = storeOk && publicUrlSet;
        health.put("status", healthy ? "ok" : "unavailable");
        response.setStatus(healthy ? 200 : 503);
        response.setContentType("application/json");
        JSON.writeValue(response.getOutputStream(), health);
    }
}
