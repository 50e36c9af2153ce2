package io.github.twiliosmsmcp.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.access.CallRate;
import io.github.twiliosmsmcp.access.HttpToken;
import io.github.twiliosmsmcp.access.RequestStateKey;
import io.github.twiliosmsmcp.access.HttpTokens;
import io.github.twiliosmsmcp.app.App;
import io.github.twiliosmsmcp.app.NotConfigured;
import io.github.twiliosmsmcp.common.StoppableSleeper;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.HttpAddress;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.config.SettingsCatalogue;
import io.github.twiliosmsmcp.config.WebhookPaths;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.mcp.SmsHttpServlets;
import io.github.twiliosmsmcp.policy.Mode;
import io.github.twiliosmsmcp.review.ReviewPage;
import io.github.twiliosmsmcp.review.ReviewToken;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.twilio.WebhookSignature;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve}: the always-on HTTP service on embedded Jetty, sharing the message store with any
 * number of stdio servers. It builds one {@link App}, as every front door does, and stops on
 * SIGTERM by refusing new connections and letting the requests in flight finish.
 */
public final class Service {
    /** Where Twilio's "a message comes in" webhook and its status callbacks arrive: paths fixed as a contract. */
    public static final String INBOUND = WebhookPaths.INBOUND;
    public static final String STATUS = WebhookPaths.STATUS;
    /** Where clients reach MCP over HTTP. */
    public static final String MCP = McpEndpoint.PATH;
    /** A webhook takes milliseconds; this bounds a store stuck on another process's lock. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    private Service() {}

    /** Runs until the process is told to stop; the exit status when it cannot start. */
    public static int run(Environment environment, String version) {
        List<String> problems = new ArrayList<>();
        HttpAddress address = SettingsCatalogue.HTTP_ADDRESS.readOrDefault(environment, null, problems);
        Optional<URI> publicUrl = SettingsCatalogue.PUBLIC_URL.read(environment, null, problems);
        Clock clock = Clock.systemUTC();
        Optional<String> token = SettingsCatalogue.HTTP_TOKEN.read(environment, null, problems);
        List<String> allowedOrigins = SettingsCatalogue.HTTP_ALLOWED_ORIGINS.read(environment, null, problems)
                .orElse(List.of());
        int callsPerMinute = SettingsCatalogue.HTTP_CALLS_PER_MINUTE.readOrDefault(environment, null, problems);
        Optional<String> reviewToken = SettingsCatalogue.REVIEW_TOKEN.read(environment, null, problems);
        ServiceMetrics metrics = new ServiceMetrics();
        App app = new App(environment, "twilio-sms-mcp/" + version, clock, new StoppableSleeper(), metrics);
        String account;
        try {
            account = app.account().get();
            problems.forEach(LOG::error);
            if (!problems.isEmpty()) {
                return 1;
            }
            HttpToken httpToken = HttpTokens.resolve(token, app.tokenDigests().get(), account,
                    SettingsCatalogue.HTTP_TOKEN.name(), System.err);
            McpEndpoint mcp = mcpEndpoint(app, Settings.mode(environment), clock, version,
                    new McpGate(httpToken, allowedOrigins), new CallRate(callsPerMinute, clock),
                    RequestStateKey.of(app.tokenDigests().get(), account));
            HttpToken reviewLogin = ReviewToken.resolve(reviewToken, app.tokenDigests().get(), account,
                    SettingsCatalogue.REVIEW_TOKEN.name(), "http://" + address + ReviewPage.PATH, System.err);
            ReviewPage review = new ReviewPage(app, account, reviewLogin, publicUrl, clock);
            return serve(app, metrics, account, address, publicUrl, signature(environment), clock, version, mcp, review);
        } catch (NotConfigured e) {
            problems.addAll(e.problems());
            problems.forEach(LOG::error);
            return 1;
        } catch (StoreUnavailable e) {
            LOG.error("The service cannot start: {}", e.describe());
            return 1;
        } catch (Exception e) {
            LOG.error("The service could not start on {}: {}", address, e.toString());
            return 1;
        }
    }

    private static Optional<WebhookSignature> signature(Environment environment) {
        Optional<String> token = environment.get(Settings.AUTH_TOKEN);
        if (token.isEmpty()) {
            LOG.warn("{} is not set: Twilio signs webhooks with the auth token, even when the server sends with an API"
                    + " key, so every webhook will be refused with 403 until it is set", Settings.AUTH_TOKEN);
        }
        return token.map(WebhookSignature::new);
    }

    /** MCP over HTTP on the same core as the webhooks, for clients of both protocol eras. */
    private static McpEndpoint mcpEndpoint(App app, Mode mode, Clock clock, String version, McpGate gate,
            CallRate rate, byte[] requestStateKey) {
        ObjectMapper json = new ObjectMapper();
        return new McpEndpoint(gate, rate, json,
                SmsHttpServlets.sessions(app, mode, clock, version, json, McpEndpoint.PATH, McpEndpoint.MAX_BODY_BYTES),
                SmsHttpServlets.stateless(app, mode, clock, version, json, McpEndpoint.PATH, McpEndpoint.MAX_BODY_BYTES,
                        requestStateKey));
    }

    private static int serve(App app, ServiceMetrics metrics, String account, HttpAddress address,
            Optional<URI> publicUrl, Optional<WebhookSignature> signature, Clock clock, String version,
            McpEndpoint mcp, ReviewPage review) throws Exception {
        if (publicUrl.isEmpty()) {
            LOG.warn("SMS_PUBLIC_URL is not set: the webhooks answer 503 until it names the https base URL Twilio"
                    + " calls this service at");
        }
        Beacon beacon = new Beacon(app.presence().get(), account, publicUrl, clock);
        WebhookGate gate = new WebhookGate(publicUrl, signature);
        SendJournal journal = app.journal().get();
        HeldCallbacks.Reports reports = callback ->
                journal.reported(account, callback.messageId(), callback.status(), callback.errorCode());
        HeldCallbacks held = new HeldCallbacks(reports, metrics, clock);

        Optional<Autoreplies> autoreplies = app.settings().get().autoresponding().on()
                ? Optional.of(new Autoreplies(app.autoresponder().get()))
                : Optional.empty();
        Consumer<MessageRecord> stored = message -> autoreplies.ifPresent(replies -> replies.offer(message));
        // Without webhooks no message arrives by itself: the service looks for new ones, for the autoresponder only.
        Optional<ArrivalsPoll> poll = autoreplies.isPresent() && publicUrl.isEmpty()
                ? Optional.of(new ArrivalsPoll(app.receiver().get(), stored, clock))
                : Optional.empty();
        String autoresponding = autoreplies.isEmpty() ? "off"
                : poll.isPresent() ? "polling the message list every " + ArrivalsPoll.INTERVAL.toSeconds()
                        + " s, since SMS_PUBLIC_URL is not set"
                : "on each inbound webhook";

        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new WebhookServlet(INBOUND, gate,
                new InboundWebhook(app.inbox().get(), account, clock, stored), metrics, beacon)), INBOUND);
        context.addServlet(new ServletHolder(new WebhookServlet(STATUS, gate,
                new StatusWebhook(reports, held, account, metrics), metrics, beacon)), STATUS);
        context.addServlet(new ServletHolder(new HealthServlet(app.presence().get(), account, publicUrl.isPresent(),
                beacon, autoresponding)), "/healthz");
        context.addServlet(new ServletHolder(new MetricsServlet(metrics)), "/metrics");
        ServletHolder mcpHolder = new ServletHolder(mcp);
        // Answers with progress stream as server-sent events, which the SDK servlets write asynchronously.
        mcpHolder.setAsyncSupported(true);
        context.addServlet(mcpHolder, McpEndpoint.PATH);
        context.addServlet(new ServletHolder(review), ReviewPage.PATH + "/*");

        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(address.host());
        connector.setPort(address.port());
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(context));
        server.setStopTimeout(STOP_GRACE.toMillis());
        List<AutoCloseable> workers = new ArrayList<>(List.of(beacon, held));
        poll.ifPresent(workers::add);
        autoreplies.ifPresent(workers::add);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, mcp, workers), "stop"));

        beacon.start();
        held.start();
        poll.ifPresent(ArrivalsPoll::start);
        server.start();
        LOG.info("Autoresponders: {}", autoresponding);
        LOG.info("twilio-sms-mcp {} serving on http://{}:{} for {}; webhooks at {}{} and {}{}; MCP at {};"
                + " review page at {}", version,
                address.host(), connector.getLocalPort(), account, publicUrl.map(URI::toString).orElse("<SMS_PUBLIC_URL>"),
                INBOUND, publicUrl.map(URI::toString).orElse("<SMS_PUBLIC_URL>"), STATUS, McpEndpoint.PATH, ReviewPage.PATH);
        server.join();
        return 0;
    }

    /**
     * SIGTERM: no new connection is accepted, requests in flight finish, then the process ends. The
     * event streams that 2025 clients keep open (a GET per session, never finished by itself) are
     * ended first, or the graceful stop would wait its whole grace for them, past the 10 s a
     * container manager gives before it kills.
     */
    private static void stop(Server server, McpEndpoint mcp, List<AutoCloseable> workers) {
        LOG.info("Stopping: ending the MCP sessions' event streams, finishing the requests in flight");
        mcp.endEventStreams();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the HTTP server failed: {}", e.toString());
        }
        for (AutoCloseable worker : workers) {
            try {
                worker.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", worker.getClass().getSimpleName(), e.toString());
            }
        }
        LOG.info("Stopped");
    }
}
