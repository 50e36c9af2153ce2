package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.app.NotConfigured;
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

    private final Part<Boolean> sandbox;

    ReadTool(Part<Boolean> sandbox) {
        this.sandbox = sandbox;
    }

    abstract Set<String> argumentNames();

    /** The answer for valid arguments; a {@link BadArgument} names the one to correct. */
    abstract CallToolResult answer(Arguments arguments, Progress progress, boolean simulated)
            throws BadArgument, NotConfigured;

    @Override
    public ToolAnnotations annotations() {
        return READS;
    }

    @Override
    public CallToolResult call(Map<String, Object> raw, Progress progress) {
        try {
            // Configuration problems come first: no argument can be right while the server cannot read.
            boolean simulated = sandbox.get();
            try {
                return answer(Arguments.of(raw, argumentNames()), progress, simulated);
            } catch (BadArgument e) {
                return refused(e.getMessage(), "Call " + name() + " again with the argument corrected.", simulated);
            }
        } catch (NotConfigured e) {
            return refused("the server is not configured: " + e.describe(),
                    "Tell the user to fix the server's settings in the client configuration and restart the client.", false);
        }
    }

    /** The answer when the call could not be made as asked: nothing was read. */
    CallToolResult refused(String problem, String advice, boolean simulated) {
        return ReceiveAnswer.notRead(problem, advice, simulated);
    }

    @Override
    public CallToolResult internalError() {
        return ReceiveAnswer.notRead("the server hit an internal error",
                "Tell the user; the server's log (stderr) has the details.", false);
    }
}
