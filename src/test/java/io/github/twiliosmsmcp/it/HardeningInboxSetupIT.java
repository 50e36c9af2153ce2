package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Holes of issue 8 that a user of the jar sees: where setup writes, and what the sandbox reports. */
class HardeningInboxSetupIT {

    @TempDir
    Path dir;

    @Test
    void aSandboxSendCostsNothingInThePolicysSpending() {
        try (ServerProcess sandbox = ServerProcess.start(Map.of("SMS_DAILY_BUDGET_USD", "1"))) {
            String sent = ServerProcess.text(sandbox.call("send_sms", Map.of("to", "+14155552671", "message", "hello")));
            assertTrue(sent.contains("Price: none (sandbox)"), sent);

            CallToolResult policy = sandbox.call("get_sms_policy", Map.of());

            Map<String, Object> structured = ServerProcess.structured(policy);
            assertEquals(0, BigDecimal.ZERO.compareTo(new BigDecimal((String) structured.get("spent_last_day_usd"))),
                    structured.toString());
            assertEquals(0, BigDecimal.ONE.compareTo(new BigDecimal((String) structured.get("budget_left_usd"))),
                    structured.toString());
            assertEquals(1, structured.get("sent_last_day"), "the send still counts against the message limits");
        }
    }

    // Java's user.home points at a decoy, so that a regression writes there and not into the real home.
    @Test
    @EnabledOnOs(OS.LINUX)
    void setupWritesClaudesFileUnderHomeFromTheEnvironment() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path decoy = Files.createDirectories(dir.resolve("java-user-home"));
        Path output = dir.resolve("setup-output.txt");
        ProcessBuilder builder = new ProcessBuilder(ServerProcess.javaExecutable(), "-Duser.home=" + decoy,
                "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", ServerProcess.jar().toString(), "setup",
                "--write-claude", "--no-archive")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TWILIO_") || name.startsWith("SMS_")
                || name.startsWith("XDG_"));
        builder.environment().put("HOME", home.toString());

        Process setup = builder.start();

        assertTrue(setup.waitFor(60, TimeUnit.SECONDS), "setup did not finish within 60 s");
        assertEquals(0, setup.exitValue(), Files.readString(output));
        assertTrue(Files.isRegularFile(home.resolve(".config/Claude/claude_desktop_config.json")), Files.readString(output));
        try (Stream<Path> written = Files.walk(decoy)) {
            assertEquals(List.of(decoy), written.toList(), "nothing may be written under Java's user.home");
        }
    }
}
