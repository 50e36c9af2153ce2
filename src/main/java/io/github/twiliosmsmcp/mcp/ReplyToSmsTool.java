package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.inbox.ConversationService;
import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.approval.ApprovalService;
import io.github.twiliosmsmcp.app.NotConfigured;
import io.github.twiliosmsmcp.delivery.SendRequest;
import io.github.twiliosmsmcp.delivery.Shown;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code reply_to_sms}: answers a received message from the number that received it, which is
 * what the person expects when the server has several numbers or a Messaging Service.
 */
final class ReplyToSmsTool extends SendTool {
    private final Part<ConversationService> conversations;

    ReplyToSmsTool(Part<Boolean> sandbox, Part<ApprovalService> approvals, Part<ConversationService> conversations) {
        super(sandbox, approvals, SendRequest.Kind.SMS);
        this.conversations = conversations;
    }

    @Override
    public String name() {
        return "reply_to_sms";
    }

    @Override
    public String title() {
        return "Reply to SMS";
    }

    @Override
    public String description() {
        return "Reply to ONE received message (message_id from receive_sms or get_conversation), from the number"
                + " that received it. Same rule as send_sms: each call sends once, and the [FINAL] answer is the"
                + " final result; never call again for the same reply.";
    }

    @Override
    public String inputSchema() {
        return """
                {"type":"object","properties":{
                "message_id":{"type":"string","description":"SID of the received message, such as SM0123..."},
                "message":{"type":"string","description":"The reply, at most 1600 characters"},
                %s},
                "required":["message_id","message"],"additionalProperties":false}""".formatted(KEY_SCHEMA);
    }

    @Override
    Set<String> argumentNames() {
        return Set.of("message_id", "message", "idempotency_key");
    }

    @Override
    SendRequest request(Arguments arguments) throws BadArgument, NotConfigured {
        String sid = arguments.requiredString("message_id", "\"SM0123456789abcdef0123456789abcdef\"").strip();
        String message = arguments.requiredString("message", "\"Thanks, see you then\"");
        Optional<String> key = arguments.optionalString("idempotency_key", KEY_EXAMPLE);
        if (!conversations.get().messageIds().accepts(sid)) {
            throw new BadArgument("'message_id' must be a message SID: "
                    + conversations.get().messageIds().description()
                    + " (it was " + Shown.quoted(sid) + ")");
        }
        MessageRecord original;
        try {
            original = conversations.get().message(sid).orElseThrow(() -> new BadArgument(
                    "no message " + sid + " exists in this Twilio account"));
        } catch (GatewayException e) {
            throw new BadArgument("message " + sid + " could not be looked up at Twilio (" + e.getMessage() + ")");
        } catch (StoreUnavailable e) {
            throw new BadArgument("message " + sid + " could not be looked up: " + e.describe());
        }
        if (original.direction() != MessageRecord.Direction.INBOUND) {
            throw new BadArgument("message " + sid + " was sent by this server, not received; use send_sms to write to "
                    + original.to());
        }
        return new SendRequest(SendRequest.Kind.SMS, original.from(), Optional.of(original.to()), message, List.of(),
                key, Optional.of(sid));
    }
}
