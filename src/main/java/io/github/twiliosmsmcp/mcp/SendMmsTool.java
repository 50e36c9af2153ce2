package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.approval.ApprovalService;
import io.github.twiliosmsmcp.delivery.SendRequest;
import java.util.Optional;
import java.util.Set;

/** {@code send_mms}: pictures or files, with optional text, to one number, sent once. */
final class SendMmsTool extends SendTool {

    SendMmsTool(Part<Boolean> sandbox, Part<ApprovalService> approvals) {
        super(sandbox, approvals, SendRequest.Kind.MMS);
    }

    @Override
    public String name() {
        return "send_mms";
    }

    @Override
    public String title() {
        return "Send MMS";
    }

    @Override
    public String description() {
        return "Send ONE picture message (MMS) with 1 to 10 public http(s) media URLs and optional text to one phone"
                + " number. Same rule as send_sms: each call sends once, and the [FINAL] answer is the final result;"
                + " never call again for the same message.";
    }

    @Override
    public String inputSchema() {
        return """
                {"type":"object","properties":{
                "to":{"type":"string","description":"Recipient, in E.164 form (+14155552671) or a national number of the default region"},
                "media_urls":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":10,"description":"Public http(s) URLs of the images or files"},
                "message":{"type":"string","description":"Optional text, at most 1600 characters"},
                "from":{"type":"string","description":"Sender: one of the server's Twilio numbers. Omit for the default"},
                %s},
                "required":["to","media_urls"],"additionalProperties":false}""".formatted(KEY_SCHEMA);
    }

    @Override
    Set<String> argumentNames() {
        return Set.of("to", "media_urls", "message", "from", "idempotency_key");
    }

    @Override
    SendRequest request(Arguments arguments) throws BadArgument {
        return new SendRequest(SendRequest.Kind.MMS, arguments.requiredString("to", TO_EXAMPLE),
                arguments.optionalString("from", TO_EXAMPLE), arguments.optionalString("message", "\"Here it is\"").orElse(""),
                arguments.stringList("media_urls", "\"https://example.com/photo.jpg\""),
                arguments.optionalString("idempotency_key", KEY_EXAMPLE), Optional.empty());
    }
}
