package io.github.twiliosmsmcp.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.app.App;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.approval.Confirmation;
import io.github.twiliosmsmcp.policy.Approval;
import io.github.twiliosmsmcp.policy.Mode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.github.twiliosmsmcp.common.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP server for clients of the 2025 protocol versions, which open a session with
 * {@code initialize}: every tool, each behind one boundary that turns surprises into answers.
 * {@link StatelessSmsServer} serves the same tools, with the same boundary, to 2026-07-28 clients.
 */
public final class SmsServer {
    private static final Logger LOG = LoggerFactory.getLogger(SmsServer.class);
    public static final String NAME = "twilio-sms-mcp";
    static final String INSTRUCTIONS = "Sends SMS/MMS and reads replies through Twilio. Each send tool call sends"
            + " exactly once; its [FINAL] answer is the final result: never repeat a send.";

    private SmsServer() {}

    /**
     * Every tool this server offers, in the order {@code tools/list} shows them. In receive-only mode
     * the sending tools are not listed at all: a model cannot be talked into using what it never saw.
     * The staging tools are listed only when the owner asks for approval ({@code SMS_APPROVAL}):
     * every chat pays for the tools it is shown, and without approval nothing waits for a person.
     * For the same reason the autoresponder tools are listed only when the owner turned autoresponders
     * on ({@code SMS_AUTORESPONDERS}): without it no rule would ever answer, and a model would set up
     * rules that do nothing. In receive-only mode they are not listed, as no autoreply can go out.
     * A server that cannot receive (MessageCentral alone) lists none of the tools that read replies.
     */
    static List<SmsTool> tools(App app, Clock clock, Mode mode) {
        boolean staging = app.approvalRule() != Approval.Rule.OFF;
        List<SmsTool> sending = new ArrayList<>(List.of(new SendSmsTool(app.sandbox(), app.approvals()),
                new SendMmsTool(app.sandbox(), app.approvals())));
        List<SmsTool> reading = new ArrayList<>();
        if (app.receives()) {
            sending.add(new ReplyToSmsTool(app.sandbox(), app.approvals(), app.conversations()));
            reading.addAll(List.of(new ReceiveSmsTool(app.sandbox(), app.phoneNumbers(), app.receiver(), clock),
                    new GetConversationTool(app.sandbox(), app.phoneNumbers(), app.conversations()),
                    new MarkSmsReadTool(app.sandbox(), app.conversations())));
        }
        reading.add(new GetSmsPolicyTool(app.sandbox(), app.settings(), app.sender(), clock));
        if (staging) {
            sending.addAll(List.of(new StageSmsTool(app.sandbox(), app.approvals()),
                    new SendApprovedSmsTool(app.sandbox(), app.approvals())));
            reading.add(new ListStagedSmsTool(app.sandbox(), app.approvals(), clock));
        }
        if (app.autorespondersOn()) {
            sending.addAll(List.of(new CreateSmsAutoresponderTool(app.sandbox(), app.rules()),
                    new DeleteSmsAutoresponderTool(app.sandbox(), app.rules()),
                    new ListSmsAutorespondersTool(app.sandbox(), app.rules())));
        }
        return mode == Mode.RECEIVE_ONLY ? reading : Stream.concat(sending.stream(), reading.stream()).toList();
    }

    /**
     * Serves MCP on {@code in}/{@code out}, which carry one JSON-RPC message a line, with the tools of
     * {@code mode} on the core of {@code app}. {@code json} is the one object mapper of the process.
     */
    public static McpSyncServer start(App app, Mode mode, Clock clock, String version, ObjectMapper json,
            InputStream in, OutputStream out) {
        McpJsonMapper mapper = new JacksonMcpJsonMapper(json);
        return serve(McpServer.sync(new LineTransport(mapper, in, out)), app, mode, clock, version, mapper);
    }

    /** Builds the server of {@code mode}'s tools on {@code server}, a transport's specification. */
    static McpSyncServer serve(McpServer.SyncSpecification<?> server, App app, Mode mode, Clock clock,
            String version, McpJsonMapper mapper) {
        List<SyncToolSpecification> specifications = tools(app, clock, mode).stream()
                .map(tool -> SyncToolSpecification.builder()
                        .tool(tool.definition(mapper))
                        .callHandler((exchange, request) -> answer(tool, request.arguments(),
                                progress(exchange, request.progressToken()), ChatConfirmation.of(exchange)))
                        .build())
                .toList();
        return server.serverInfo(NAME, version)
                .instructions(INSTRUCTIONS)
                .jsonMapper(mapper)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).logging().build())
                // Arguments are checked by each tool, whose messages a model can act on; so the SDK's
                // validator, slow to load, is not needed (see NoSchemaValidator).
                .validateToolInputs(false)
                .jsonSchemaValidator(NoSchemaValidator.INSTANCE)
                .requestTimeout(Duration.ofSeconds(120))
                .tools(specifications)
                .build();
    }

    /** Every call of either protocol era goes through here, so that a tool never fails without an answer. */
    static CallToolResult answer(SmsTool tool, Map<String, Object> arguments, Progress progress) {
        return answer(tool, arguments, progress, Confirmation.NONE);
    }

    static CallToolResult answer(SmsTool tool, Map<String, Object> arguments, Progress progress,
            Confirmation confirmation) {
        return guarded(tool, () -> tool.call(arguments, progress, confirmation));
    }

    /** {@code work} for {@code tool}, with a trace id, and the tool's internal-error answer if it throws. */
    static CallToolResult guarded(SmsTool tool, java.util.function.Supplier<CallToolResult> work) {
        return Trace.ofCall(() -> {
            try {
                return work.get();
            } catch (RuntimeException e) {
                LOG.error("{}{} failed unexpectedly", Trace.tag(), tool.name(), e);
                return tool.internalError();
            }
        });
    }

    private static Progress progress(McpSyncServerExchange exchange, Object token) {
        if (token == null) {
            return Progress.NONE;
        }
        return bestEffort((done, total, message) ->
                exchange.progressNotification(new McpSchema.ProgressNotification(token, done, total, message)));
    }

    /** Progress that never fails the call it reports on. */
    static Progress bestEffort(Progress notification) {
        return (done, total, message) -> {
            try {
                notification.report(done, total, message);
            } catch (RuntimeException e) {
                // A client that went away cannot be told about progress; the send itself goes on.
                LOG.debug("{}progress notification not delivered: {}", Trace.tag(), e.toString());
            }
        };
    }
}
