package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.approval.Confirmation;
import io.github.twiliosmsmcp.delivery.Progress;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.Map;

/** One MCP tool: its definition for {@code tools/list} and what a call does. */
interface SmsTool {
    String name();

    String title();

    String description();

    /** The JSON Schema of the arguments. */
    String inputSchema();

    ToolAnnotations annotations();

    default Tool definition(McpJsonMapper mapper) {
        return Tool.builder()
                .name(name())
                .title(title())
                .description(description())
                .inputSchema(mapper, inputSchema())
                .annotations(annotations())
                .build();
    }

    /** Answers every call; anything unexpected is the registry's to turn into an answer. */
    CallToolResult call(Map<String, Object> arguments, Progress progress);

    /** The same, where the user can be asked in the chat; only the send tools ask. */
    default CallToolResult call(Map<String, Object> arguments, Progress progress, Confirmation confirmation) {
        return call(arguments, progress);
    }

    /** The answer when {@link #call} failed in a way nobody foresaw. */
    CallToolResult internalError();
}
