package io.github.twiliosmsmcp.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The Twilio SDK's transport, replaced. The SDK's own client retries any 5xx three times (POST
 * included) and Apache HttpClient retries 429/503 once more, so one failing create could become six
 * text messages; this client makes exactly one attempt per call. It also sends every request to
 * another base URL when one is configured (the SDK has no such setting) and honours a timeout per
 * call, which the SDK's client ignores.
 */
final class SingleAttemptHttpClient extends HttpClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final java.net.http.HttpClient http;
    private final Optional<URI> baseUrl;
    private final String userAgent;
    private final ThreadLocal<Duration> timeout = ThreadLocal.withInitial(() -> Duration.ofSeconds(10));

    SingleAttemptHttpClient(Optional<URI> baseUrl, String userAgent) {
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        this.baseUrl = baseUrl;
        this.userAgent = userAgent;
    }

    /** Runs {@code call} with {@code limit} as the response timeout of the requests it makes on this thread. */
    <T> T withTimeout(Duration limit, java.util.function.Supplier<T> call) {
        Duration previous = timeout.get();
        timeout.set(limit);
        try {
            return call.get();
        } finally {
            timeout.set(previous);
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
        URI target = target(request.constructURL());
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(timeout.get())
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        request.getHeaderParams().forEach((name, values) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
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
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.body(), response.statusCode());
        } catch (HttpConnectTimeoutException e) {
            throw new ApiConnectionException("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s", new NotConnected(e));
        } catch (ConnectException e) {
            String detail = e.getCause() instanceof java.nio.channels.UnresolvedAddressException
                    ? "host name " + target.getHost() + " could not be resolved" : "connection refused by " + target.getHost();
            throw new ApiConnectionException(detail, new NotConnected(e));
        } catch (UnknownHostException e) {
            throw new ApiConnectionException("host name " + target.getHost() + " could not be resolved", new NotConnected(e));
        } catch (HttpTimeoutException e) {
            throw new ApiConnectionException("no answer within " + timeout.get().toSeconds() + " s", e);
        } catch (IOException e) {
            throw new ApiConnectionException("the connection broke before an answer arrived", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("the server was shutting down", e);
        }
    }

    private URI target(URL sdkUrl) {
        if (baseUrl.isEmpty()) {
            return URI.create(sdkUrl.toString());
        }
        // getFile() is path plus query: everything but the host the SDK chose.
        return URI.create(baseUrl.get() + sdkUrl.getFile());
    }

    /** Marks a failure that happened before any byte of the request left: nothing can have been sent. */
    static final class NotConnected extends IOException {
        NotConnected(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
