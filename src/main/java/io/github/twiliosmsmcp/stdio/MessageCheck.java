package io.github.twiliosmsmcp.stdio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.modern.JsonRpc;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one line from the client as JSON-RPC and decides its fate. The SDK drops what it cannot
 * read, answers some bad params with Java's own words, and holds requests before the handshake
 * forever; every one of those gets a plain answer here instead, so each request with a readable id
 * is answered exactly once. A request that names its protocol version in {@code _meta} is of the
 * stateless era (2026-07-28) and goes to that era's server, which needs no handshake; everything
 * else goes to the 2025 server as before.
 */
final class MessageCheck {
    static final String INITIALIZE = "initialize";
    static final String INITIALIZED = "notifications/initialized";
    static final String PING = "ping";
    static final String TOOLS_CALL = "tools/call";
    private static final String TOOLS_LIST = "tools/list";
    private static final String SET_LEVEL = "logging/setLevel";
    /** The methods the SDK serves for this server; it holds them until the handshake is done. */
    static final String PROTOCOL_VERSION_META = "io.modelcontextprotocol/protocolVersion";
    private static final Set<String> HELD_UNTIL_INITIALIZED = Set.of(TOOLS_LIST, TOOLS_CALL, SET_LEVEL);
    private static final List<String> LEVELS = List.of("debug", "info", "notice", "warning", "error", "critical",
            "alert", "emergency");

    private final ObjectReader reader;
    private final McpJsonMapper sdkMapper;

    MessageCheck(ObjectMapper json) {
        this.sdkMapper = new JacksonMcpJsonMapper(json);
        // Trailing text after the object would be ignored by a lenient reader and by the SDK alike.
        this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    Incoming check(byte[] line, Handshake handshake) {
        JsonNode message;
        try {
            message = reader.readTree(line);
        } catch (StreamConstraintsException e) {
            return parseError("the message is nested too deeply or is too large to read");
        } catch (JsonProcessingException e) {
            int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            return parseError("the line is not valid JSON" + (column > 0 ? " (the problem is near column " + column + ")" : ""));
        } catch (IOException e) {
            return parseError("the line could not be read as JSON");
        }
        if (message == null || message.isMissingNode()) {
            return new Incoming.Skip("a blank line");
        }
        if (message.isArray()) {
            return invalid(null, "batches are not supported: send one JSON-RPC message per line");
        }
        if (!message.isObject()) {
            return invalid(null, "a JSON-RPC message must be a JSON object");
        }
        JsonNode id = message.get("id");
        JsonNode replyId = id != null && (id.isTextual() || id.isNumber()) ? id : null;
        if (!"2.0".equals(message.path("jsonrpc").textValue())) {
            return invalid(replyId, "\"jsonrpc\" must be \"2.0\"");
        }
        if (id != null && !validId(id)) {
            return invalid(replyId, "\"id\" must be a string or an integer (between -2^63 and 2^63-1)");
        }
        JsonNode method = message.get("method");
        if (method == null) {
            if (id != null && (message.has("result") || message.has("error"))) {
                // The client's answer to a request of the server's: the SDK matches it by id.
                return readableBySdk(line, Era.SESSION) ? new Incoming.Forward(line, "", Optional.empty(), Era.SESSION)
                        : new Incoming.Skip("an answer from the client that cannot be read");
            }
            return invalid(replyId, "a request needs a \"method\"");
        }
        if (!method.isTextual()) {
            return invalid(replyId, "\"method\" must be a string");
        }
        String name = method.textValue();
        JsonNode params = message.get("params");
        if (id == null) {
            return (params == null || params.isObject()) && readableBySdk(line, Era.SESSION)
                    ? new Incoming.Forward(line, name, Optional.empty(), Era.SESSION)
                    : new Incoming.Skip("a " + name + " notification that cannot be read");
        }
        Optional<String> problem = paramsProblem(name, params);
        if (problem.isPresent()) {
            return new Incoming.Answer(Replies.error(id, Replies.INVALID_PARAMS, "Invalid params: " + problem.get()));
        }
        Era era = params != null && params.path("_meta").has(PROTOCOL_VERSION_META) ? Era.STATELESS : Era.SESSION;
        if (era == Era.SESSION && handshake == Handshake.NOT_STARTED) {
            if (name.equals(PING)) {
                return new Incoming.Answer(Replies.emptyResult(id));
            }
            if (HELD_UNTIL_INITIALIZED.contains(name)) {
                return invalid(id, "the session is not initialized: send \"initialize\" first, then"
                        + " \"notifications/initialized\", then " + name);
            }
        }
        return readableBySdk(line, era)
                ? new Incoming.Forward(line, name, Optional.of(new Request(id, name, era)), era)
                : invalid(id, "the message could not be read as a JSON-RPC request");
    }

    /** One line the SDK of that era cannot read ends its session for good, losing every answer still owed. */
    private boolean readableBySdk(byte[] line, Era era) {
        String text = new String(line, StandardCharsets.UTF_8);
        try {
            if (era == Era.STATELESS) {
                JsonRpc.deserializeMessage(sdkMapper, text);
            } else {
                McpSchema.deserializeJsonRpcMessage(sdkMapper, text);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean validId(JsonNode id) {
        // The SDK reads ids as strings or 64-bit integers; a fraction or a larger number would be lost.
        return id.isTextual() || id.isInt() || id.isLong();
    }

    private static Optional<String> paramsProblem(String method, JsonNode params) {
        if (params == null || params.isNull()) {
            return switch (method) {
                case INITIALIZE -> Optional.of("initialize needs params with protocolVersion, capabilities and clientInfo");
                case TOOLS_CALL -> Optional.of("tools/call needs params with the tool's \"name\" and its \"arguments\"");
                case SET_LEVEL -> Optional.of("logging/setLevel needs params with a \"level\"");
                default -> Optional.empty();
            };
        }
        if (!params.isObject()) {
            return Optional.of("\"params\" must be an object");
        }
        JsonNode meta = params.get("_meta");
        if (meta != null && !meta.isNull()) {
            if (!meta.isObject()) {
                return Optional.of("\"_meta\" must be an object");
            }
            JsonNode token = meta.get("progressToken");
            if (token != null && !token.isNull() && !validId(token)) {
                return Optional.of("\"progressToken\" must be a string or an integer");
            }
        }
        return switch (method) {
            case INITIALIZE -> initializeProblem(params);
            case TOOLS_CALL -> callProblem(params);
            case TOOLS_LIST -> optionalText(params, "cursor");
            case SET_LEVEL -> LEVELS.contains(params.path("level").asText(""))
                    ? Optional.empty()
                    : Optional.of("\"level\" must be one of " + String.join(", ", LEVELS));
            default -> Optional.empty();
        };
    }

    private static Optional<String> initializeProblem(JsonNode params) {
        if (!params.path("protocolVersion").isTextual()) {
            return Optional.of("\"protocolVersion\" must be a string such as \"2025-11-25\"");
        }
        if (!params.path("capabilities").isObject()) {
            return Optional.of("\"capabilities\" must be an object (it may be empty)");
        }
        JsonNode client = params.path("clientInfo");
        if (!client.isObject() || !client.path("name").isTextual()) {
            return Optional.of("\"clientInfo\" must be an object with the client's \"name\" and \"version\"");
        }
        return optionalText(client, "version");
    }

    private static Optional<String> callProblem(JsonNode params) {
        JsonNode name = params.get("name");
        if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
            return Optional.of("\"name\" must be the name of a tool, as tools/list gives it");
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            return Optional.of("\"arguments\" must be an object of argument names and values, such as"
                    + " {\"to\": \"+14155552671\", \"message\": \"Hello\"}");
        }
        return Optional.empty();
    }

    private static Optional<String> optionalText(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() || value.isTextual()
                ? Optional.empty()
                : Optional.of("\"" + field + "\" must be a string");
    }

    private static Incoming parseError(String why) {
        return new Incoming.Answer(Replies.error(null, Replies.PARSE_ERROR, "Parse error: " + why));
    }

    private static Incoming invalid(JsonNode id, String why) {
        return new Incoming.Answer(Replies.error(id, Replies.INVALID_REQUEST, "Invalid request: " + why));
    }
}
