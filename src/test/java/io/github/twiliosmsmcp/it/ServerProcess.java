package io.github.twiliosmsmcp.it;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.config.Setting;
import io.github.twiliosmsmcp.config.SettingsCatalogue;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The shaded jar as a subprocess, driven by the MCP SDK's own stdio client, as LibreChat and
 * Claude Desktop drive it. Every setting of the catalogue is blanked, so that only what a test
 * sets reaches the server, whatever the test machine's environment holds.
 */
final class ServerProcess implements AutoCloseable {
    static final List<String> BLANKED = SettingsCatalogue.ALL.stream().map(Setting::name).toList();
    /**
     * Rules loose enough that no test outside PolicyIT meets them: quiet hours would otherwise make a
     * test fail at night in the recipient's time zone.
     */
    static final Map<String, String> RELAXED_POLICY = Map.of("SMS_QUIET_HOURS", "off",
            "SMS_MAX_PER_RECIPIENT_PER_HOUR", "1000", "SMS_MAX_PER_HOUR", "10000", "SMS_MAX_PER_DAY", "100000");
    private static final java.util.concurrent.atomic.AtomicInteger DATABASES = new java.util.concurrent.atomic.AtomicInteger();

    private final McpSyncClient client;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

    private ServerProcess(Map<String, String> env, McpJsonMapper mapper) {
        this(env, mapper, null);
    }

    /** {@code elicitation}: the client's answer to each question the server asks in the chat, or none if null. */
    private ServerProcess(Map<String, String> env, McpJsonMapper mapper,
            java.util.function.Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> elicitation) {
        Map<String, String> environment = new HashMap<>();
        BLANKED.forEach(name -> environment.put(name, ""));
        // Never the user's real data folder: each server gets its own file unless a test shares one on purpose.
        environment.put("SMS_DATABASE", freshDatabase().toString());
        environment.putAll(RELAXED_POLICY);
        environment.putAll(env);
        ServerParameters parameters = ServerParameters.builder(javaExecutable())
                .args("-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", jar().toString())
                .env(environment)
                .build();
        StdioClientTransport transport = new StdioClientTransport(parameters, mapper);
        transport.setStdErrorHandler(stderr::add);
        McpClient.SyncSpec spec = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(70))
                .initializationTimeout(Duration.ofSeconds(30))
                .progressConsumer(progress::add);
        if (elicitation != null) {
            spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation(elicitation);
        }
        client = spec.build();
        client.initialize();
    }

    static ServerProcess start(Map<String, String> env) {
        return new ServerProcess(env, McpJsonDefaults.getMapper());
    }

    /** A client that declares elicitation and answers each question of the server with {@code answer}. */
    static ServerProcess startAnswering(Map<String, String> env,
            java.util.function.Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> answer) {
        return new ServerProcess(env, McpJsonDefaults.getMapper(), answer);
    }

    /**
     * Like {@link #start}, but the client writes every non-ASCII character as a JSON unicode escape, as Python's
     * json module does. Only so can a test send text that UTF-8 cannot carry (a lone surrogate): the
     * default client's encoder would turn it into '?' before the server sees it.
     */
    static ServerProcess startEscapingNonAscii(Map<String, String> env) {
        ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
        return new ServerProcess(env, new JacksonMcpJsonMapper(json));
    }

    /** A database file no server has used yet, in the build folder. */
    static Path freshDatabase() {
        Path dir = Path.of("target", "it-databases");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir.resolve(ProcessHandle.current().pid() + "-" + DATABASES.incrementAndGet() + ".db").toAbsolutePath();
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("server.jar", "target/twilio-sms-mcp.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the jar first (mvn package): " + jar.toAbsolutePath());
        }
        return jar;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    McpSyncClient client() {
        return client;
    }

    CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    CallToolResult callWithProgress(String tool, Map<String, Object> arguments, String token) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments, Map.of("progressToken", token)));
    }

    static String text(CallToolResult result) {
        return result.content().stream()
                .filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    String stderr() {
        return String.join("\n", stderr);
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
