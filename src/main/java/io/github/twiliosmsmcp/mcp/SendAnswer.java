package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.delivery.Outcome;
import io.github.twiliosmsmcp.delivery.SendReport;
import io.github.twiliosmsmcp.sms.Provider;
import io.github.twiliosmsmcp.delivery.SendRequest;
import io.github.twiliosmsmcp.policy.Decision;
import io.github.twiliosmsmcp.sms.Encoding;
import io.github.twiliosmsmcp.common.Times;
import java.math.BigDecimal;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.sms.SegmentCount;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a send into the one answer the model reads. The text starts with [FINAL] and ends by
 * telling the model not to send the message again: models that are unsure whether a text went out
 * tend to send it again, and LibreChat shows the model only this text (it ignores isError).
 */
final class SendAnswer {
    static final String FINAL = "[FINAL]";
    static final String SANDBOX = "SANDBOX: nothing was sent.";

    private SendAnswer() {}

    static CallToolResult of(SendReport report) {
        return CallToolResult.builder()
                .addTextContent(text(report))
                .structuredContent(structured(report))
                .isError(report.outcome().isFailure())
                .build();
    }

    /** What every answer about a send starts with: [FINAL], and in the sandbox, that nothing was sent. */
    static String prefix(SendReport r) {
        return FINAL + " " + (r.simulated() ? SANDBOX + " " : "");
    }

    static String text(SendReport r) {
        String kind = r.kind().name();
        StringBuilder out = new StringBuilder(prefix(r));
        out.append(headline(r, kind)).append('\n');
        out.append("What happened: ").append(r.summary()).append(".\n");
        r.sid().ifPresent(sid -> out.append(r.providerTitle().equals("Twilio") ? "Message SID: " : "Message id: ")
                .append(sid)
                .append(r.status().map(s -> ", last status: " + s.twilioValue() + (s.isFinal() ? " (final)" : " (not final)")).orElse(""))
                .append('\n'));
        if (r.outcome().accepted() != Boolean.FALSE) {
            out.append("From: ").append(r.from().orElse("unknown")).append(", to: ").append(r.to()).append('\n');
        }
        if (r.kind() == SendRequest.Kind.MMS && r.mediaCount() > 0) {
            out.append("Media: ").append(r.mediaCount()).append(r.mediaCount() == 1 ? " file" : " files").append('\n');
        }
        r.size().ifPresent(size -> out.append("Size: ").append(size.describe()).append('\n'));
        if (r.sid().isPresent()) {
            out.append("Price: ").append(r.price().map(p -> p + " " + r.priceUnit().orElse("")).orElse(
                    r.simulated() ? "none (sandbox)" : "not reported by " + r.providerTitle()
                            + (r.provider().map(Provider::reportsDelivery).orElse(true) ? " yet" : ""))).append('\n');
        }
        r.refusal().ifPresent(rule -> {
            out.append("Rule: ").append(rule.rule()).append("; setting: ").append(rule.setting()).append('\n');
            rule.nextAllowed().ifPresent(next -> out.append("Next allowed: ").append(Times.format(next)).append('\n'));
        });
        r.errorCode().ifPresent(code -> out.append(r.providerTitle()).append(" error: ").append(code)
                .append(r.errorMessage().map(m -> " (" + m + ")").orElse(""))
                .append(r.errorDocs().map(docs -> ", " + docs).orElse("")).append('\n'));
        if (!r.advice().isBlank()) {
            out.append("What to do: ").append(r.advice()).append('\n');
        }
        out.append(closing(r.outcome()));
        return out.toString();
    }

    private static String headline(SendReport r, String kind) {
        return switch (r.outcome()) {
            case DELIVERED -> kind + " delivered to " + r.to() + ".";
            case SENT_UNCONFIRMED -> kind + " sent to " + r.to() + "; the carrier has not confirmed delivery.";
            case PENDING -> kind + " accepted by " + r.providerTitle() + " for " + r.to() + " and still on its way.";
            case UNDELIVERED -> kind + " to " + r.to() + " was sent but NOT delivered.";
            case FAILED -> kind + " to " + r.to() + " FAILED and was not delivered.";
            case CANCELED -> kind + " to " + r.to() + " was canceled and not sent.";
            case REFUSED_BY_TWILIO -> kind + " NOT sent to " + r.to() + ": Twilio refused it.";
            case INVALID_REQUEST -> kind + " NOT sent: the request cannot be sent as written.";
            case NOT_CONFIGURED -> kind + " NOT sent: the server is not configured.";
            case TWILIO_UNREACHABLE -> kind + " NOT sent to " + r.to() + ": Twilio could not be reached.";
            case UNKNOWN -> kind + " to " + r.to() + ": outcome UNKNOWN. It was NOT resent.";
            case ALREADY_SENT -> kind + " NOT sent again: the same message already went to " + r.to() + ".";
            case NOT_SENT_AGAIN -> kind + " NOT sent again to " + r.to() + ": an earlier attempt may have gone out.";
            case STORE_UNAVAILABLE -> kind + " NOT sent: the message store cannot be used.";
            case REFUSED_BY_POLICY -> kind + " NOT sent to " + r.to() + ": refused by a rule of the server's owner ("
                    + r.refusal().map(Decision.Refused::rule).orElse("receive-only mode") + ").";
            case DRY_RUN -> "DRY RUN: nothing was sent. " + kind + " would be sent to " + r.to() + ".";
            case REFUSED_BY_PROVIDER -> kind + " NOT sent to " + r.to() + ": " + r.providerTitle() + " refused it.";
            case PROVIDER_UNREACHABLE -> kind + " NOT sent to " + r.to() + ": " + r.providerTitle()
                    + " could not be reached.";
        };
    }

    private static String closing(Outcome outcome) {
        return switch (outcome) {
            case DELIVERED, SENT_UNCONFIRMED, PENDING ->
                    "Do not send this message again: it was sent once, and this is its final result.";
            case UNKNOWN, NOT_SENT_AGAIN ->
                    "Do not send this message again: it may already have arrived. Tell the user instead.";
            case ALREADY_SENT -> "Do not send this message again: it was already sent once.";
            case REFUSED_BY_POLICY -> "Do not send this message again, and do not try another way: tell the user.";
            case DRY_RUN -> "Do not send this message again: in dry-run mode nothing is sent; tell the user.";
            case INVALID_REQUEST -> "Do not send this message again as it is: correct what is named above first,"
                    + " or tell the user.";
            default -> "Do not send this message again on your own: tell the user what happened.";
        };
    }

    static Map<String, Object> structured(SendReport r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
        out.put("sent", r.outcome().accepted());
        out.put("sid", r.sid().orElse(null));
        out.put("status", r.status().map(MessageStatus::twilioValue).orElse(null));
        out.put("to", r.to());
        out.put("from", r.from().orElse(null));
        out.put("segments", r.size().map(SegmentCount::segments).orElse(null));
        out.put("encoding", r.encoding().map(Encoding::label).orElse(null));
        out.put("media_count", r.mediaCount());
        out.put("price", r.price().orElse(null));
        out.put("price_unit", r.priceUnit().orElse(null));
        out.put("error_code", r.errorCode().orElse(null));
        out.put("error_message", r.errorMessage().orElse(null));
        out.put("explanation", r.summary());
        out.put("first_sent_at", r.firstSentAt().map(Object::toString).orElse(null));
        out.put("rule", r.refusal().map(Decision.Refused::rule).orElse(null));
        out.put("setting", r.refusal().map(Decision.Refused::setting).orElse(null));
        out.put("next_allowed_at", r.refusal().flatMap(Decision.Refused::nextAllowed).map(Object::toString).orElse(null));
        out.put("estimated_cost_usd", r.estimateUsd().map(BigDecimal::toPlainString).orElse(null));
        out.put("sandbox", r.simulated());
        out.put("provider", r.provider().map(Provider::name).orElse(null));
        out.put("moved_on_from", r.movedOn().stream().map(a -> Map.of("provider", a.provider(), "reason", a.reason()))
                .toList());
        return out;
    }
}
