package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.app.App;
import io.github.twiliosmsmcp.app.NotConfigured;
import io.github.twiliosmsmcp.approval.ApprovalService;
import io.github.twiliosmsmcp.approval.Confirmation;
import io.github.twiliosmsmcp.approval.Staged;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.delivery.Progress;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.McpSchema.CallToolOutcome;
import io.modelcontextprotocol.modern.McpSchema.CallToolRequest;
import io.modelcontextprotocol.modern.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.modern.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.modern.McpSchema.ElicitResult;
import io.modelcontextprotocol.modern.McpSchema.InputRequiredResult;
import io.modelcontextprotocol.modern.server.InputResponses;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import java.util.Optional;

/**
 * In-chat approval for 2026-07-28 clients, where a question is not a request of the server's but a
 * result: the call answers {@code input_required} with the question and a request state naming the
 * staged message (sealed by the SDK, so a client cannot point it at another message), and the client
 * repeats the call with the user's answer. The repeat acts on that staged message alone, so however
 * often it comes, the message is sent once.
 */
final class InputRequiredApproval {
    static final String QUESTION = "approval";
    private static final String STATE_PREFIX = "staged:";

    private InputRequiredApproval() {}

    /** The call's outcome: the tool's answer, an {@code input_required} question, or what the user's answer did. */
    static CallToolOutcome answer(App app, McpJsonMapper mapper, SmsTool tool, McpRequestContext context,
            CallToolRequest request, Progress progress) {
        Optional<Long> answering = stagedId(request.requestState());
        if (answering.isPresent()) {
            return convert(mapper, SmsServer.guarded(tool,
                    () -> userAnswered(app, mapper, answering.get(), request, progress)));
        }
        if (!canAsk(context.clientCapabilities())) {
            return convert(mapper, SmsServer.answer(tool, request.arguments(), progress));
        }
        AskLater later = new AskLater();
        CallToolResult answer = SmsServer.answer(tool, request.arguments(), progress, later);
        return later.asked == null ? convert(mapper, answer) : InputRequiredResult.builder()
                .elicit(QUESTION, ElicitFormRequest.builder(ChatConfirmation.question(later.asked),
                        ChatConfirmation.form(later.asked)).build())
                .requestState(STATE_PREFIX + later.asked.id())
                .build();
    }

    /** The same answer in the 2026 protocol's types, through JSON. */
    private static CallToolOutcome convert(McpJsonMapper mapper, CallToolResult answer) {
        return mapper.convertValue(answer, io.modelcontextprotocol.modern.McpSchema.CallToolResult.class);
    }

    private static boolean canAsk(ClientCapabilities capabilities) {
        return capabilities != null && capabilities.supportsElicitationForm();
    }

    private static Optional<Long> stagedId(String state) {
        if (state == null || !state.startsWith(STATE_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(state.substring(STATE_PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static CallToolResult userAnswered(App app, McpJsonMapper mapper, long id, CallToolRequest request,
            Progress progress) {
        boolean simulated = false;
        try {
            simulated = app.sandbox().get();
            ApprovalService approvals = app.approvals().get();
            Optional<Staged> message = approvals.find(id);
            if (message.isEmpty()) {
                return ReceiveAnswer.notRead("staged message #" + id + " no longer exists", "Tell the user.", simulated);
            }
            ElicitResult result = responses(request.inputResponses(), mapper);
            return SendTool.answerOf(approvals.answered(message.get(), answerOf(result), progress), simulated);
        } catch (NotConfigured e) {
            return ReceiveAnswer.notRead("the server is not configured: " + e.describe(),
                    "Tell the user to fix the server's settings and restart the client.", false);
        } catch (StoreUnavailable e) {
            return ReceiveAnswer.notRead("the message store cannot be used: " + e.describe(),
                    "Tell the user the message store must be fixed first.", simulated);
        }
    }

    private static ElicitResult responses(Map<String, Object> inputResponses, McpJsonMapper mapper) {
        if (inputResponses == null || !inputResponses.containsKey(QUESTION)) {
            return null;
        }
        try {
            return InputResponses.get(inputResponses, QUESTION, ElicitResult.class, mapper);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** No readable answer counts as no answer: the message stays in the queue. */
    private static Confirmation.Answer answerOf(ElicitResult result) {
        if (result == null || result.action() == null) {
            return new Confirmation.Dismissed("the client sent no answer to the question");
        }
        return switch (result.action()) {
            case ACCEPT -> new Confirmation.Approved(Optional.ofNullable(result.content())
                    .map(content -> content.get(ChatConfirmation.TEXT))
                    .filter(String.class::isInstance).map(String.class::cast).filter(text -> !text.isBlank()));
            case DECLINE -> new Confirmation.Declined();
            case CANCEL -> new Confirmation.Dismissed("the user dismissed the question in the chat");
        };
    }

    /** Cannot wait for the user within the call: notes the message to ask about, and leaves it queued for now. */
    private static final class AskLater implements Confirmation {
        private Staged asked;

        @Override
        public Answer ask(Staged message) {
            asked = message;
            return new Dismissed("asked in the chat with input_required");
        }
    }
}
