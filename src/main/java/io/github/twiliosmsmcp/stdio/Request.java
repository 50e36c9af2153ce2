package io.github.twiliosmsmcp.stdio;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request the server owes an answer to. {@code key} is the id as JSON text, so that the string
 * "1" and the number 1 stay two requests, as they are to the client.
 */
record Request(JsonNode id, String method, Era era) {
    String key() {
        return id.toString();
    }
}
