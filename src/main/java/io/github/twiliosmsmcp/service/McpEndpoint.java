package io.github.twiliosmsmcp.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twiliosmsmcp.access.CallRate;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /mcp}: MCP over Streamable HTTP for both protocol eras on one URL. It checks the caller
 * ({@link McpGate}), the body's size and the rate of tool calls, then hands the request to the SDK
 * servlet of its era: 2025 clients open a session with {@code initialize} and name it in
 * {@code Mcp-Session-Id} after; 2026-07-28 clients open none.
 */
final class McpEndpoint extends HttpServlet {
    static final String PATH = "/mcp";
    /** A tool call is a few kilobytes at most (1,600 characters of text, ten media URLs). */
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(McpEndpoint.class);

    private final transient McpGate gate;
    private final transient CallRate rate;
    private final transient ObjectMapper json;
    private final HttpServlet sessions;
    private final HttpServlet stateless;
    private final transient Set<AsyncContext> eventStreams = ConcurrentHashMap.newKeySet();

    McpEndpoint(McpGate gate, CallRate rate, ObjectMapper json, HttpServlet sessions, HttpServlet stateless) {
        this.gate = gate;
        this.rate = rate;
        this.json = json;
        this.sessions = sessions;
        this.stateless = stateless;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        sessions.init(config);
        stateless.init(config);
    }

    @Override
    public void destroy() {
        sessions.destroy();
        stateless.destroy();
    }

    /**
     * Ends the event streams (a 2025 session's GET) open now. Only those: closing the sessions
     * themselves would also cut the answers of tool calls in flight.
     */
    private void keep(AsyncContext stream) {
        eventStreams.add(stream);
        stream.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                eventStreams.remove(stream);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                eventStreams.remove(stream);
            }

            @Override
            public void onError(AsyncEvent event) {
                eventStreams.remove(stream);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // The same stream, started again: it is still kept.
            }
        });
    }

    void endEventStreams() {
        eventStreams.forEach(AsyncContext::complete);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Optional<McpGate.Refusal> refusal = gate.check(request.getHeader("Origin"), request.getHeader("Authorization"));
        if (refusal.isPresent()) {
            McpGate.Refusal refused = refusal.get();
            LOG.warn("{} {} refused with {}: {}", request.getMethod(), PATH, refused.status(), refused.message());
            refused.challenge().ifPresent(challenge -> response.setHeader("WWW-Authenticate", challenge));
            refuse(response, refused.status(), refused.message());
            return;
        }
        if (!request.getMethod().equals("POST")) {
            // GET (a session's event stream) and DELETE (its end) exist only in the 2025 protocol.
            sessions.service(request, response);
            if (request.isAsyncStarted()) {
                keep(request.getAsyncContext());
            }
            return;
        }
        Optional<byte[]> body = BoundedBody.read(request.getContentLengthLong(), request.getInputStream(), MAX_BODY_BYTES);
        if (body.isEmpty()) {
            refuse(response, 413, "the request body is over " + MAX_BODY_BYTES + " bytes");
            return;
        }
        JsonNode message = parse(body.get());
        long calls = toolCalls(message);
        for (long i = 0; i < calls; i++) {
            Duration wait = rate.take();
            if (!wait.isZero()) {
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                response.setHeader("Retry-After", Long.toString(seconds));
                refuse(response, 429, "too many tool calls: SMS_HTTP_CALLS_PER_MINUTE allows no more now;"
                        + " try again in " + seconds + " s");
                return;
            }
        }
        HttpServletRequest replayed = new ReplayedRequest(request, body.get());
        if (opensOrContinuesSession(request, message)) {
            sessions.service(replayed, response);
        } else {
            stateless.service(replayed, response);
        }
    }

    /**
     * A 2025 request: it names its session, or opens one, or names a 2025 protocol version. Anything
     * else is the 2026-07-28 server's to answer, broken JSON included.
     */
    private static boolean opensOrContinuesSession(HttpServletRequest request, JsonNode message) {
        String version = request.getHeader("MCP-Protocol-Version");
        return request.getHeader("Mcp-Session-Id") != null
                || (message != null && message.path("method").asText("").equals("initialize"))
                || (version != null && (version.startsWith("2024-") || version.startsWith("2025-")));
    }

    private static long toolCalls(JsonNode message) {
        if (message == null) {
            return 0;
        }
        Iterable<JsonNode> messages = message.isArray() ? message : List.of(message);
        return StreamSupport.stream(messages.spliterator(), false)
                .filter(m -> m.path("method").asText("").equals("tools/call"))
                .count();
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        ObjectNode error = json.createObjectNode().put("jsonrpc", "2.0").putNull("id");
        error.putObject("error").put("code", -32000).put("message", message);
        response.getOutputStream().write(json.writeValueAsBytes(error));
    }
}
