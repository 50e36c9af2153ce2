package io.github.twiliosmsmcp.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of {@code POST /mcp} in raw JSON-RPC over HTTP, of either protocol era: what a
 * Streamable HTTP client sends, with the answers as the server wrote them (a JSON body or events).
 */
final class HttpMcpClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODERN = "2026-07-28";
    static final String SESSION_ERA = "2025-11-25";

    private final String url;
    private final String token;
    private final String version;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile String sessionId;

    private HttpMcpClient(String url, String token, String version) {
        this.url = url;
        this.token = token;
        this.version = version;
    }

    /** A 2026-07-28 client: no session, {@code _meta} and the MCP headers on every request. */
    static HttpMcpClient modern(String url, String token) {
        return new HttpMcpClient(url, token, MODERN);
    }

    /** A 2025-11-25 client with its session opened: {@code initialize}, then {@code notifications/initialized}. */
    static HttpMcpClient session(String url, String token) {
        HttpMcpClient client = new HttpMcpClient(url, token, SESSION_ERA);
        HttpResponse<String> opened = client.post(client.request("initialize", Map.of("protocolVersion", SESSION_ERA,
                "capabilities", Map.of(), "clientInfo", Map.of("name", "it", "version", "1"))), Map.of());
        client.sessionId = opened.headers().firstValue("Mcp-Session-Id")
                .orElseThrow(() -> new AssertionError("initialize gave no session: " + opened.body()));
        client.post(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"), Map.of());
        return client;
    }

    boolean isModern() {
        return version.equals(MODERN);
    }

    /** A request of this client's era, {@code _meta} included for 2026-07-28. */
    ObjectNode request(String method, Map<String, Object> params) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet())
                .put("method", method);
        ObjectNode p = JSON.valueToTree(params);
        if (isModern()) {
            ObjectNode meta = p.has("_meta") ? (ObjectNode) p.get("_meta") : p.putObject("_meta");
            meta.put("io.modelcontextprotocol/protocolVersion", MODERN);
            if (!meta.has("io.modelcontextprotocol/clientCapabilities")) {
                meta.putObject("io.modelcontextprotocol/clientCapabilities");
            }
        }
        request.set("params", p);
        return request;
    }

    ObjectNode toolCall(String tool, Map<String, Object> arguments, Optional<String> progressToken) {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("name", tool, "arguments", arguments));
        progressToken.ifPresent(t -> params.put("_meta", Map.of("progressToken", t)));
        return request("tools/call", params);
    }

    /** The headers a client of this era sends with {@code message}, besides the token. */
    Map<String, String> eraHeaders(JsonNode message) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (sessionId != null) {
            headers.put("Mcp-Session-Id", sessionId);
            headers.put("MCP-Protocol-Version", version);
        }
        if (isModern()) {
            headers.put("MCP-Protocol-Version", version);
            headers.put("Mcp-Method", message.path("method").asText());
            if (message.path("method").asText().equals("tools/call")) {
                headers.put("Mcp-Name", message.path("params").path("name").asText());
            }
        }
        return headers;
    }

    /** Posts {@code message} with the token and the era's headers, plus {@code extra}. */
    HttpResponse<String> post(JsonNode message, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(eraHeaders(message));
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        headers.putAll(extra);
        return postRaw(message.toString(), headers);
    }

    HttpResponse<String> postRaw(String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts {@code message} and gives every JSON-RPC message of the answer, events in order. */
    List<JsonNode> exchange(JsonNode message) {
        HttpResponse<String> response = post(message, Map.of());
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return messagesOf(response.body());
    }

    /** The answer to {@code message}: the message that has its id. */
    JsonNode answer(JsonNode message) {
        return exchange(message).stream().filter(m -> m.path("id").equals(message.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no answer to " + message));
    }

    /** The text of a tool call's answer. */
    String callText(String tool, Map<String, Object> arguments) {
        JsonNode answer = answer(toolCall(tool, arguments, Optional.empty()));
        return answer.path("result").path("content").path(0).path("text").asText("no text in " + answer);
    }

    static List<JsonNode> messagesOf(String body) {
        List<JsonNode> messages = new ArrayList<>();
        try {
            if (body.stripLeading().startsWith("{")) {
                messages.add(JSON.readTree(body));
                return messages;
            }
            for (String line : body.split("\n")) {
                if (line.startsWith("data:") && line.length() > 5 && !line.substring(5).isBlank()) {
                    messages.add(JSON.readTree(line.substring(5).strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }

    /**
     * Sends {@code message} on a socket of its own and returns it open: closing it is a client that
     * goes away before the answer.
     */
    Socket postAndKeepOpen(JsonNode message) throws IOException {
        URI uri = URI.create(url);
        byte[] body = message.toString().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + uri.getPath() + " HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Authorization: Bearer ").append(token).append("\r\n")
                .append("Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        eraHeaders(message).forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    /**
     * Opens this session's event stream (a 2025 client's GET) on a socket of its own and returns it
     * once the server answered its headers: the stream then stays open until the server ends it.
     */
    Socket openEventStream() throws IOException {
        URI uri = URI.create(url);
        StringBuilder head = new StringBuilder("GET " + uri.getPath() + " HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Authorization: Bearer ").append(token).append("\r\n")
                .append("Accept: text/event-stream\r\n")
                .append("Mcp-Session-Id: ").append(sessionId).append("\r\n")
                .append("MCP-Protocol-Version: ").append(version).append("\r\n\r\n");
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        if (!status.equals("HTTP/1.1 200")) {
            socket.close();
            throw new AssertionError("the event stream was not opened: " + status);
        }
        return socket;
    }

    /**
     * A 2026-07-28 {@code tools/call} of a client that can be asked in the chat (it declares form
     * elicitation), with {@code extra} parameters such as the request state and the user's answer.
     */
    JsonNode callThatMayAsk(String tool, Map<String, Object> arguments, Map<String, Object> extra) {
        Map<String, Object> params = new java.util.HashMap<>(Map.of("name", tool, "arguments", arguments,
                "_meta", Map.of("io.modelcontextprotocol/clientCapabilities",
                        Map.of("elicitation", Map.of("form", Map.of())))));
        params.putAll(extra);
        return answer(request("tools/call", params));
    }
}
