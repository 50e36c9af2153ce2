package io.github.twiliosmsmcp.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC answers the stdio layer writes itself, with the codes the JSON-RPC 2.0 specification fixes. */
final class Replies {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** The first of JSON-RPC's implementation-defined server errors. */
    static final int SHUTTING_DOWN = -32000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Replies() {}

    /** {@code id} is null where the request's id could not be read, as JSON-RPC asks. */
    static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode reply = envelope(id);
        reply.putObject("error").put("code", code).put("message", message);
        return reply;
    }

    static ObjectNode result(JsonNode id, ObjectNode result) {
        ObjectNode reply = envelope(id);
        reply.set("result", result);
        return reply;
    }

    /** A tool result the model reads as text, for a call the server could not finish. */
    static ObjectNode toolError(JsonNode id, String text) {
        ObjectNode result = NODES.objectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        result.put("isError", true);
        return result(id, result);
    }

    static ObjectNode emptyResult(JsonNode id) {
        return result(id, NODES.objectNode());
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode reply = NODES.objectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", id == null ? NODES.nullNode() : id);
        return reply;
    }
}
