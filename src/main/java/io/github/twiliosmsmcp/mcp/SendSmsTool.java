package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.approval.ApprovalService;
import io.github.twiliosmsmcp.delivery.SendRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code send_sms}: one text message to one number, sent once. */
final class SendSmsTool extends SendTool {

    SendSmsTool(Part<Boolean> sandbox, Part<ApprovalService> approvals) {
        super(sandbox, approvals, SendRequest.Kind.SMS);
    }

    @Override
    public String name() {
        return "send_sms";
    }

    @Override
    public String title() {
        return "Send SMS";
    }

    @Override
    public String description() {
        return "Send ONE text message (SMS) to one phone number through Twilio. Each call sends the message exactly"
                + " once, then waits briefly for its delivery status. The answer starts with [FINAL] and is the final"
                + " result, whether delivered, failed or unknown: never call again for the same message; tell the user"
                + " the result instead.";
    }

    @Override
    public String inputSchema() {
        return """
                {"type":"object","properties":{
                %s
                %s},
                "required":["to","message"],"additionalProperties":false}""".formatted(MESSAGE_SCHEMA, KEY_SCHEMA);
    }

    @Override
    Set<String> argumentNames() {
        return Set.of("to", "message", "from", "idempotency_key");
    }

    @Override
    SendRequest request(Arguments arguments) throws BadArgument {
        return new SendRequest(SendRequest.Kind.SMS, arguments.requiredString("to", TO_EXAMPLE),
                arguments.optionalString("from", TO_EXAMPLE), arguments.requiredString("message", "\"See you at 3pm\""),
                List.of(), arguments.optionalString("idempotency_key", KEY_EXAMPLE), Optional.empty());
    }
}
