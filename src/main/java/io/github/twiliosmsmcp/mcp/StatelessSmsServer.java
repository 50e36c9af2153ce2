package io.github.twiliosmsmcp.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.app.App;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.policy.Mode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.modern.McpSchema.CallToolOutcome;
import io.modelcontextprotocol.modern.McpSchema.CallToolRequest;
import io.modelcontextprotocol.modern.McpSchema.CallToolResult;
import io.modelcontextprotocol.modern.McpSchema.CacheScope;
import io.modelcontextprotocol.modern.McpSchema.Implementation;
import io.modelcontextprotocol.modern.McpSchema.Tool;
import io.modelcontextprotocol.modern.server.HmacRequestStateCodec;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import io.modelcontextprotocol.modern.server.transport.StdioMcpTransport;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MCP server for 2026-07-28 clients, which open no session: each request carries the
 * protocol version and the client's capabilities in its {@code _meta}, and {@code server/discover}
 * says what this server offers. The tools, their definitions and their answers are the very ones
 * {@link SmsServer} serves to 2025 clients; only the wire types differ, converted through JSON.
 */
public final class StatelessSmsServer {
    private StatelessSmsServer() {}

    /**
     * Serves the tools of {@code mode} on {@code in}/{@code out}, one JSON-RPC message a line.
     * {@code json} is the one object mapper of the process.
     */
    public static void start(App app, Mode mode, Clock clock, String version, ObjectMapper json, InputStream in,
            OutputStream out) {
        McpJsonMapper mapper = new JacksonMcpJsonMapper(json);
        // The repeat of a call comes back to this process, so a key of its own seals its request states.
        new StdioMcpTransport(server(app, mode, clock, version, mapper, randomKey()), mapper, in, out).start()
                .subscribe();
    }

    /**
     * The server of {@code mode}'s tools, for any transport. {@code requestStateKey} seals the request
     * state of an in-chat question, which names the staged message it asks about: every process a
     * repeated call may reach must hold the same key.
     */
    static McpServer server(App app, Mode mode, Clock clock, String version, McpJsonMapper mapper,
            byte[] requestStateKey) {
        Map<String, McpSyncTool> byName = new LinkedHashMap<>();
        for (SmsTool tool : SmsServer.tools(app, clock, mode)) {
            Tool definition = mapper.convertValue(tool.definition(mapper), Tool.class);
            byName.put(tool.name(), McpSyncTool.of(definition,
                    (context, request) -> answer(app, mapper, tool, context, request)));
        }
        ToolsPage page = ToolsPage.of(byName.values().stream().map(McpSyncTool::definition).toList());
        McpSyncToolRepository repository = new McpSyncToolRepository() {
            @Override
            public ToolsPage list(McpRequestContext context, String cursor) {
                return page;
            }

            @Override
            public McpSyncTool find(McpRequestContext context, String name) {
                return byName.get(name);
            }
        };
        return McpServer.builder()
                .serverInfo(Implementation.builder(SmsServer.NAME, version).build())
                .requestStateCodec(HmacRequestStateCodec.builder().key(requestStateKey).jsonMapper(mapper).build())
                .instructions(SmsServer.INSTRUCTIONS)
                .jsonMapper(mapper)
                // As for 2025 clients, each tool checks its own arguments (see NoSchemaValidator).
                .feature(ToolsFeature.ofSync(repository, mapper, NoSchemaValidator.INSTANCE, 0, CacheScope.PRIVATE))
                .build();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static McpSyncResponse<CallToolOutcome> answer(App app, McpJsonMapper mapper, SmsTool tool,
            McpRequestContext context, CallToolRequest request) {
        if (context.progressToken() == null) {
            return McpSyncResponse.result(InputRequiredApproval.answer(app, mapper, tool, context, request,
                    Progress.NONE));
        }
        return McpSyncResponse.streaming(notifier -> InputRequiredApproval.answer(app, mapper, tool, context, request,
                SmsServer.bestEffort(notifier::progress)));
    }

}
