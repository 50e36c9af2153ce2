package io.github.twiliosmsmcp.mcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.app.App;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.policy.Mode;
import io.github.twiliosmsmcp.common.StoppableSleeper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An unexpected failure is told in words; the Java exception goes to the log, not to the model. */
class InternalErrorAnswerTest {

    static Stream<SmsTool> tools() {
        App app = new App(new Environment(Map.of()), "test", Clock.systemUTC(), new StoppableSleeper());
        return SmsServer.tools(app, Clock.systemUTC(), Mode.LIVE).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void internalErrorNamesNoJavaClass(SmsTool tool) {
        CallToolResult answer = tool.internalError();

        String text = answer.content().stream().map(c -> ((TextContent) c).text()).reduce("", String::concat)
                + answer.structuredContent();
        assertTrue(text.contains("internal error"), text);
        for (String internal : List.of("Exception", "java.")) {
            assertFalse(text.contains(internal), "'" + internal + "' in: " + text);
        }
    }
}
