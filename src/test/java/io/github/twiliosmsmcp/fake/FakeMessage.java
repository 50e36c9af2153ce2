package io.github.twiliosmsmcp.fake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
  * A message held by the fake. Immutable: the status is not stored but derived from the
  * scenario's timeline and the time elapsed since creation, so no timer threads are needed.
  *
  * @param scenario the timeline for outbound messages; null for inbound ones (always "received")
  */
public record FakeMessage(
        String sid,
        String accountSid,
        String to,
        String from,
        String messagingServiceSid,
        String body,
        List<String> mediaUrls,
        String direction,
        Instant createdAt,
        Scenario scenario) {

    static final String PRICE = "-0.00790";

    private static final Set<String> FINAL_STATUSES =
            Set.of("delivered", "undelivered", "failed", "received", "read", "canceled");

    // Twilio's date format, always in GMT.
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
                    .withZone(ZoneOffset.UTC);

    public FakeMessage {
        mediaUrls = List.copyOf(mediaUrls);
    }

    public boolean inbound() {
        return scenario == null;
    }

    /** The status as Twilio would report it at {@code now}. */
    public String statusAt(Instant now) {
        if (inbound()) {
            return "received";
        }
        String status = currentStep(now).status();
        // Twilio says "accepted" instead of "queued" while a Messaging Service picks the sender.
        if (status.equals("queued") && from == null && messagingServiceSid != null) {
            return "accepted";
        }
        return status;
    }

    public boolean isFinalAt(Instant now) {
        return FINAL_STATUSES.contains(statusAt(now));
    }

    /** The message resource as the 2010-04-01 API serializes it, nulls included. */
    Map<String, Object> toJson(Instant now) {
        String status = statusAt(now);
        boolean isFinal = FINAL_STATUSES.contains(status);
        boolean isError = status.equals("undelivered") || status.equals("failed");
        Instant updatedAt =
                inbound() ? createdAt : createdAt.plusMillis(currentStep(now).offsetMillis());
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json";

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account_sid", accountSid);
        json.put("api_version", "2010-04-01");
        json.put("body", body == null ? "" : body);
        json.put("date_created", RFC_2822.format(createdAt));
        json.put("date_sent", RFC_2822.format(createdAt));
        json.put("date_updated", RFC_2822.format(updatedAt));
        json.put("direction", direction);
        json.put("error_code", isError ? scenario.errorCode() : null);
        json.put("error_message", isError ? scenario.errorMessage() : null);
        json.put("from", from);
        json.put("messaging_service_sid", messagingServiceSid);
        json.put("num_media", String.valueOf(mediaUrls.size()));
        json.put("num_segments", String.valueOf(segments(body)));
        // Twilio prices a message only once it is final; failed messages are not charged.
        json.put("price", isFinal && !status.equals("failed") ? PRICE : null);
        json.put("price_unit", "USD");
        json.put("sid", sid);
        json.put("status", status);
        json.put(
                "subresource_uris",
                Map.of("media", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + "/Media.json"));
        json.put("to", to);
        json.put("uri", uri);
        return json;
    }

    /** Formats {@code instant} the way Twilio's 2010-04-01 API writes dates (RFC 2822, GMT). */
    static String formatDate(Instant instant) {
        return RFC_2822.format(instant);
    }

    private Scenario.Step currentStep(Instant now) {
        long elapsed = now.toEpochMilli() - createdAt.toEpochMilli();
        Scenario.Step current = scenario.timeline().get(0);
        for (Scenario.Step step : scenario.timeline()) {
            if (step.offsetMillis() <= elapsed) {
                current = step;
            }
        }
        return current;
    }

    // Close enough to GSM-7 segmentation: 160 chars fit one segment, longer ones use 153-char parts.
    static int segments(String body) {
        int length = body == null ? 0 : body.length();
        return length <= 160 ? 1 : (length + 152) / 153;
    }
}
