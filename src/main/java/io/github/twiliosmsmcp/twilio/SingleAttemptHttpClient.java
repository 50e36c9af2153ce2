package io.github.twiliosmsmcp.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import io.github.twiliosmsmcp.config.TwilioAccount;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.HandshakeAwareTls;
import io.github.twiliosmsmcp.sms.NoAnswer;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The Twilio SDK's transport, replaced. The SDK's own client retries any 5xx three times (POST
 * included) and Apache HttpClient retries 429/503 once more, so one failing create could become six
 * text messages; this client makes exactly one attempt per call. It also sends every request to
 * another base URL when one is configured (the SDK has no such setting) and honours a timeout per
 * call, which the SDK's client ignores.
 *
 * <p>It also decides what a failure says. The SDK's exceptions quote Twilio's answer, and an
 * upstream that is not Twilio can answer with anything, the request's Authorization header
 * included; so every failure of an SDK call leaves {@link #call} as a {@link GatewayException} in
 * this server's words.
 */
final class SingleAttemptHttpClient extends HttpClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final java.net.http.HttpClient http;
    private final Optional<URI> baseUrl;
    private final String userAgent;
    private final ThreadLocal<Exchange> exchange = new ThreadLocal<>();

    SingleAttemptHttpClient(Optional<URI> baseUrl, String userAgent) {
        this(baseUrl, userAgent, HandshakeAwareTls.platformDefault());
    }

    /** With {@code tls} deciding which certificates to trust. */
    SingleAttemptHttpClient(Optional<URI> baseUrl, String userAgent, SSLContext tls) {
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .sslContext(new HandshakeAwareTls(tls))
                .build();
        this.baseUrl = baseUrl;
        this.userAgent = userAgent;
    }

    /** The SDK's client for {@code account}, with every request it makes going through this transport. */
    TwilioRestClient restClient(TwilioAccount account) {
        return new TwilioRestClient.Builder(account.username(), account.secret())
                .accountSid(account.accountSid())
                .httpClient(this)
                .build();
    }

    /** One SDK call, e.g. a create or a page of a list, with {@code limit} as its response timeout. */
    <T> T call(Duration limit, Supplier<T> sdkCall) throws GatewayException {
        Exchange current = new Exchange(limit);
        exchange.set(current);
        try {
            return sdkCall.get();
        } catch (Failed failed) {
            throw failed.reason;
        } catch (RuntimeException e) {
            // The SDK threw on its own: before any request (nothing sent), or reading a successful answer.
            if (current.status == 0) {
                throw new GatewayException.Unreachable("the request to Twilio could not be made", false, null);
            }
            throw new GatewayException.Unreachable("Twilio's answer (HTTP " + current.status + ") could not be read",
                    true, null);
        } finally {
            exchange.remove();
        }
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        Exchange current = exchange.get();
        URI target = target(request.constructURL());
        HttpRequest built = build(request, target, current.timeout);
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Failed(NoAnswer.of(e, target.getHost(), CONNECT_TIMEOUT, current.timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed(new GatewayException.Unreachable("the server was shutting down", true, e));
        }
        int status = response.statusCode();
        current.status = status;
        if (status >= 300 && status < 400) {
            // A 303 after a POST would mean it was processed: a redirect says nothing about whether it was.
            throw new Failed(new GatewayException.Unreachable("Twilio answered with a redirect (HTTP " + status
                    + "), which this server does not follow", true, null));
        }
        if (status >= 400) {
            throw new Failed(ErrorAnswer.rejected(status, response.body()));
        }
        return new Response(response.body(), status);
    }

    private HttpRequest build(Request request, URI target, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        request.getHeaderParams().forEach((name, values) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.POST || method == HttpMethod.PUT) {
            builder.header("Content-Type", "application/x-www-form-urlencoded");
            builder.method(method.toString(), HttpRequest.BodyPublishers.ofString(request.encodeFormBody(), StandardCharsets.UTF_8));
        } else {
            builder.method(method.toString(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private URI target(URL sdkUrl) {
        if (baseUrl.isEmpty()) {
            return URI.create(sdkUrl.toString());
        }
        // getFile() is path plus query: everything but the host the SDK chose.
        return URI.create(baseUrl.get() + sdkUrl.getFile());
    }

    /** The SDK call under way on this thread: its timeout, and the status of the answer once one came. */
    private static final class Exchange {
        final Duration timeout;
        int status;

        Exchange(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** Carries a failure, already in words, through the SDK (which only lets unchecked exceptions pass). */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient GatewayException reason;

        Failed(GatewayException reason) {
            super(reason.getMessage(), null, false, false);
            this.reason = reason;
        }
    }
}
