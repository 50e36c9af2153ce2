package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.delivery.Progress;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.Map;
import java.util.Set;

/**
 * What the tools that send nothing share: a configuration problem or a wrong argument becomes a
 * [FINAL] "nothing was read" answer that says what to correct.
 */
abstract class ReadTool implements SmsTool {
    static final ToolAnnotations READS = new ToolAnnotations(null, true, false, false, true, null);

    private final Services services;

    ReadTool(Services services) {
        this.services = services;
    }

    abstract Set<String> argumentNames();

    /** The answer for valid arguments; a {@link BadArgument} names the one to correct. */
    abstract CallToolResult answer(Arguments arguments, Services.Ready ready, Progress progress) throws BadArgument;

    @Override
    public ToolAnnotations annotations() {
        return READS;
    }

    @Override
    public CallToolResult call(Map<String, Object> raw, Progress progress) {
        Services.State state = services.get();
        if (state instanceof Services.Misconfigured misconfigured) {
            return ReceiveAnswer.notRead("the server is not configured: " + misconfigured.describe(),
                    "Tell the user to fix the server's settings in the client configuration and restart the client.", false);
        }
        Services.Ready ready = (Services.Ready) state;
        try {
            return answer(Arguments.of(raw, argumentNames()), ready, progress);
        } catch (BadArgument e) {
            return ReceiveAnswer.notRead(e.getMessage(), "Call " + name() + " again with the argument corrected.",
                    ready.simulated());
        }
    }

    @Override
    public CallToolResult internalError() {
        return ReceiveAnswer.notRead("the server hit an internal error",
                "Tell the user; the server's log (stderr) has the details.", false);
    }
}
