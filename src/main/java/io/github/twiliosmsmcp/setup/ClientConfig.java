package io.github.twiliosmsmcp.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.twiliosmsmcp.config.Settings;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One server entry for the clients' configuration files: how to launch the server (java, flags, jar)
 * and which settings to pass. Written through Jackson, never by pasting strings together, so a
 * Windows path's backslashes, spaces or quotes always come out as valid JSON and YAML.
 *
 * @param name the server's name in the client ({@code sms}); LibreChat builds tool names from it
 * @param command the absolute path of the java executable
 * @param args everything after {@code java}: JVM flags, {@code -jar} and the jar's absolute path
 */
public record ClientConfig(String name, String command, List<String> args) {
    /** LibreChat names tools {@code <tool>_mcp_<server>}, at most 64 characters; the longest tool has 16. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,43}");
    static final String TITLE = "Twilio SMS";
    static final String DESCRIPTION = "Send SMS and MMS and read replies through Twilio";
    /** The variable of LibreChat's .env that holds the bearer token of {@code serve}, as librechat.yaml.example names it. */
    static final String LIBRECHAT_TOKEN = "SMS_MCP_TOKEN";

    /** Claude Desktop does not expand variables: these are for the user to overwrite with real values. */
    static final Map<String, String> CLAUDE_PLACEHOLDERS = placeholders(
            "ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "your_auth_token", "+14155552671");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .build();

    public ClientConfig {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the server name must be 1 to 43 letters, digits, '_' or '-'"
                    + " (LibreChat builds tool names of at most 64 characters from it)");
        }
        args = List.copyOf(args);
    }

    /** {@code <flags> -jar <jar>}. */
    public static ClientConfig of(String name, String java, List<String> jvmFlags, String jar) {
        List<String> args = new ArrayList<>(jvmFlags);
        args.add("-jar");
        args.add(jar);
        return new ClientConfig(name, java, args);
    }

    /** The entry under {@code mcpServers.<name>} in {@code claude_desktop_config.json}. */
    public ObjectNode claudeEntry() {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("command", command);
        args.forEach(entry.putArray("args")::add);
        ObjectNode env = entry.putObject("env");
        CLAUDE_PLACEHOLDERS.forEach(env::put);
        return entry;
    }

    /** A complete {@code claude_desktop_config.json} holding only this server, to paste or merge. */
    public String claudeDesktopJson() {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("mcpServers").set(name, claudeEntry());
        return prettyJson(root);
    }

    /** The {@code mcpServers} section of {@code librechat.yaml} with this server. */
    public String libreChatYaml() {
        ObjectNode entry = libreChatEntry("stdio").put("command", command);
        args.forEach(entry.putArray("args")::add);
        ObjectNode env = entry.putObject("env");
        // LibreChat fills ${NAME} from its .env; an unset one reaches the server as text it ignores.
        CLAUDE_PLACEHOLDERS.keySet().forEach(variable -> env.put(variable, "${" + variable + "}"));
        return libreChatSection(name, entry);
    }

    /**
     * The {@code mcpServers} section of {@code librechat.yaml} with the service {@code serve} at
     * {@code url}, the token taken from {@link #LIBRECHAT_TOKEN} in LibreChat's .env.
     */
    public static String libreChatHttpYaml(String name, String url) {
        ObjectNode entry = libreChatEntry("streamable-http").put("url", url);
        entry.putObject("headers").put("Authorization", "Bearer ${" + LIBRECHAT_TOKEN + "}");
        return libreChatSection(name, entry);
    }

    private static ObjectNode libreChatEntry(String type) {
        return JSON.createObjectNode().put("type", type).put("title", TITLE).put("description", DESCRIPTION);
    }

    private static String libreChatSection(String name, ObjectNode entry) {
        // A send can wait up to 45 s for its status and receive_sms up to 45 s: more than the default.
        entry.put("timeout", 60000);
        entry.put("initTimeout", 20000);
        entry.put("serverInstructions", true);
        ObjectNode root = JSON.createObjectNode();
        root.putObject("mcpServers").set(name, entry);
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JSON laid out as Claude Desktop and people write it: two-space indents, one array element a
     * line, {@code "key": value}.
     */
    static String prettyJson(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        try {
            return JSON.writer(printer).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> placeholders(String accountSid, String authToken, String phoneNumber) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(Settings.ACCOUNT_SID, accountSid);
        values.put(Settings.AUTH_TOKEN, authToken);
        values.put(Settings.PHONE_NUMBER, phoneNumber);
        return Collections.unmodifiableMap(values);
    }
}
