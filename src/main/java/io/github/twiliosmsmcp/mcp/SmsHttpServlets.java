package io.github.twiliosmsmcp.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.app.App;
import io.github.twiliosmsmcp.policy.Mode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;

/**
 * The servers of both protocol eras as Streamable HTTP servlets, with the very tools and answers of
 * {@link SmsServer} and {@link StatelessSmsServer}. A class of its own, so that the stdio server
 * never loads a servlet class. Whoever mounts these checks the caller first: they check no Origin
 * and no token themselves.
 */
public final class SmsHttpServlets {
    private SmsHttpServlets() {}

    /**
     * For 2025 clients: a session per {@code initialize} ({@code Mcp-Session-Id}), progress as
     * server-sent events on the call's answer.
     */
    public static HttpServlet sessions(App app, Mode mode, Clock clock, String version, ObjectMapper json,
            String endpoint, int maxRequestBytes) {
        McpJsonMapper mapper = new JacksonMcpJsonMapper(json);
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper)
                .mcpEndpoint(endpoint)
                .maxRequestSize(maxRequestBytes)
                .httpHeaderValidator(ServerHttpHeaderValidator.NOOP)
                .build();
        SmsServer.serve(McpServer.sync(transport), app, mode, clock, version, mapper);
        return transport;
    }

    /**
     * For 2026-07-28 clients: each POST answered on its own, progress as server-sent events. The
     * request states of in-chat questions are sealed with {@code requestStateKey}, which every service
     * on the store shares: the repeat of a call may reach another one behind a load balancer.
     */
    public static HttpServlet stateless(App app, Mode mode, Clock clock, String version, ObjectMapper json,
            String endpoint, int maxRequestBytes, byte[] requestStateKey) {
        McpJsonMapper mapper = new JacksonMcpJsonMapper(json);
        return HttpServletMcpTransport.builder(StatelessSmsServer.server(app, mode, clock, version, mapper,
                        requestStateKey))
                .jsonMapper(mapper)
                .endpoint(endpoint)
                .maxRequestSize(maxRequestBytes)
                .httpHeaderValidator(ServerHttpHeaderValidator.NOOP)
                .build();
    }
}
