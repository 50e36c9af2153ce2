package io.github.twiliosmsmcp.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.common.Trace;
import io.github.twiliosmsmcp.delivery.Progress;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every log line about one tool call, from the core as from the boundary, carries that call's
 * trace id, on stderr where the server logs; another call has another id, and lines about no call
 * have none.
 */
class CallTraceTest {
    private static final Logger CORE = LoggerFactory.getLogger(CallTraceTest.class);
    private static final Pattern TRACE = Pattern.compile("\\[(call-[0-9a-f]{6})\\] ");

    /** A tool that logs as the core does while it works, then fails as nothing foreseen would. */
    private static final SmsTool FAILING = new SmsTool() {
        @Override
        public String name() {
            return "failing_tool";
        }

        @Override
        public String title() {
            return "Failing";
        }

        @Override
        public String description() {
            return "Logs, then throws.";
        }

        @Override
        public String inputSchema() {
            return "{\"type\":\"object\"}";
        }

        @Override
        public ToolAnnotations annotations() {
            return new ToolAnnotations(null, true, false, true, false, null);
        }

        @Override
        public CallToolResult call(Map<String, Object> arguments, Progress progress) {
            CORE.warn("{}the core could not record something", Trace.tag());
            throw new IllegalStateException("nobody foresaw this");
        }

        @Override
        public CallToolResult internalError() {
            return CallToolResult.builder().addTextContent("internal error").isError(true).build();
        }
    };

    @Test
    void eachCallsLinesShareOneTraceIdThatNoOtherCallHas() {
        List<String> lines = stderrOf(() -> {
            SmsServer.answer(FAILING, Map.of(), Progress.NONE);
            SmsServer.answer(FAILING, Map.of(), Progress.NONE);
            CORE.warn("{}a line about no call", Trace.tag());
        });

        List<String> about = lines.stream().filter(l -> l.contains("could not record") || l.contains("failed unexpectedly"))
                .toList();
        assertEquals(4, about.size(), String.join("\n", lines));
        List<String> ids = about.stream().map(CallTraceTest::traceOf).toList();
        assertEquals(ids.get(0), ids.get(1), "one call, one id: " + about);
        assertEquals(ids.get(2), ids.get(3), "one call, one id: " + about);
        assertNotEquals(ids.get(0), ids.get(2), "two calls, two ids: " + about);
        String outside = lines.stream().filter(l -> l.contains("a line about no call")).findFirst().orElseThrow();
        assertFalse(TRACE.matcher(outside).find(), outside);
    }

    private static String traceOf(String line) {
        Matcher trace = TRACE.matcher(line);
        assertTrue(trace.find(), "no trace id in: " + line);
        return trace.group(1);
    }

    private static List<String> stderrOf(Runnable work) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
