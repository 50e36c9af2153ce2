package io.github.twiliosmsmcp.messagecentral;

import io.github.twiliosmsmcp.config.MessageCentralAccount;
import io.github.twiliosmsmcp.phone.NationalNumber;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.GatewayException.Reason;
import io.github.twiliosmsmcp.sms.HandshakeAwareTls;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.sms.NoAnswer;
import io.github.twiliosmsmcp.sms.OutgoingMessage;
import io.github.twiliosmsmcp.sms.Provider;
import io.github.twiliosmsmcp.sms.Segments;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * MessageCentral's send API ("Message Now", see docs/messagecentral.md) on the JDK's HTTP client,
 * which never repeats a POST. A send is one POST, or two when the first was refused with 401 (a
 * stale token): a refused request did nothing, so the second cannot make a second message.
 *
 * <p>Failures are this server's words: the request's URL carries the customer id (and, for a
 * token, the key), so neither it nor MessageCentral's body is ever quoted.
 */
public final class MessageCentralGateway implements MessageGateway {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Provider PROVIDER = MessageCentralProvider.named("messagecentral");
    private static final String TOKEN_PATH = "/auth/v1/authentication/token";
    private static final String SEND_PATH = "/verification/v3/send";

    private final MessageCentralAccount account;
    private final String userAgent;
    private final Clock clock;
    private final HttpClient http;
    private final MessageCentralTokens tokens;

    public MessageCentralGateway(MessageCentralAccount account, String userAgent, Clock clock) {
        this.account = account;
        this.userAgent = userAgent;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(new HandshakeAwareTls(HandshakeAwareTls.platformDefault()))
                .build();
        this.tokens = new MessageCentralTokens(this::issueToken, clock);
    }

    @Override
    public MessageRecord create(OutgoingMessage message, Duration timeout) throws GatewayException {
        if (!message.mediaUrls().isEmpty()) {
            throw new GatewayException.Rejected(400, Reason.NOT_PERMITTED, null,
                    "MessageCentral sends text only: a message with media needs another provider");
        }
        NationalNumber to = NationalNumber.of(message.to()).orElseThrow(() -> new GatewayException.Rejected(400,
                Reason.OTHER, null, "the number starts with no country calling code MessageCentral could send to"));
        Deadline deadline = new Deadline(timeout);
        URI send = sendUri(to, message.body());
        String token = tokens.current(deadline.left());
        HttpResponse<String> answer = post(send, token, deadline.left());
        if (answer.statusCode() == 401) {
            tokens.invalidate(token);
            token = tokens.current(deadline.left());
            answer = post(send, token, deadline.left());
        }
        return sent(answer, token, message);
    }

    private MessageRecord sent(HttpResponse<String> answer, String token, OutgoingMessage message)
            throws GatewayException {
        int status = answer.statusCode();
        if (status >= 200 && status < 300) {
            String id = MessageCentralAnswers.verificationId(answer.body()).orElseThrow(
                    () -> new GatewayException.Unreachable("MessageCentral's answer (HTTP " + status
                            + ") could not be read, so it may have taken the message", true, null));
            return record(id, message);
        }
        if (status < 400) {
            // A 303 after a POST would mean it was processed: a redirect says nothing about whether it was.
            throw new GatewayException.Unreachable("MessageCentral answered with a redirect (HTTP " + status
                    + "), which this server does not follow", true, null);
        }
        MessageCentralAnswers.Error error = MessageCentralAnswers.error(answer.body(), List.of(account.key(), token));
        throw new GatewayException.Rejected(status, MessageCentralErrors.reason(status, error.code()), error.code(),
                error.message());
    }

    private MessageRecord record(String verificationId, OutgoingMessage message) {
        return MessageRecord.builder(verificationId, MessageRecord.Direction.OUTBOUND, MessageStatus.SENT)
                .from(account.senderId().orElse("MessageCentral"))
                .to(message.to().e164())
                .body(message.body())
                .dateSent(clock.instant())
                .segments(Optional.of(Segments.count(message.body()).segments()))
                .mediaCount(0)
                .build();
    }

    /** One token request. Whatever happens, no message was sent, so every failure says so. */
    private String issueToken(Duration timeout) throws GatewayException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("customerId", account.customerId());
        query.put("key", account.key());
        query.put("scope", "NEW");
        HttpRequest request = request(uri(TOKEN_PATH, query), timeout).GET().build();
        HttpResponse<String> answer;
        try {
            answer = exchange(request, timeout);
        } catch (GatewayException.Unreachable e) {
            throw new GatewayException.Unreachable("no MessageCentral login token: " + e.getMessage(), false, null);
        }
        int status = answer.statusCode();
        if (status >= 200 && status < 300) {
            return MessageCentralAnswers.token(answer.body()).orElseThrow(() -> new GatewayException.Unreachable(
                    "MessageCentral's login token answer could not be read", false, null));
        }
        if (status >= 400 && status < 500) {
            MessageCentralAnswers.Error error = MessageCentralAnswers.error(answer.body(), List.of(account.key()));
            throw new GatewayException.Rejected(status, Reason.NOT_PERMITTED, error.code(),
                    "MessageCentral refused the login" + (error.message() == null ? "" : " (" + error.message() + ")"));
        }
        throw new GatewayException.Unreachable("MessageCentral's login token endpoint answered HTTP " + status, false, null);
    }

    private HttpResponse<String> post(URI send, String token, Duration timeout) throws GatewayException {
        return exchange(request(send, timeout).header("authToken", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                timeout);
    }

    private HttpRequest.Builder request(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .header("User-Agent", userAgent);
    }

    private HttpResponse<String> exchange(HttpRequest request, Duration timeout) throws GatewayException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw NoAnswer.of(e, request.uri().getHost(), CONNECT_TIMEOUT, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException.Unreachable("the server was shutting down", true, e);
        }
    }

    private URI sendUri(NationalNumber to, String text) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("countryCode", String.valueOf(to.callingCode()));
        query.put("customerId", account.customerId());
        query.put("flowType", "SMS");
        query.put("mobileNumber", to.number());
        account.senderId().ifPresent(sender -> query.put("senderId", sender));
        query.put("type", "SMS");
        query.put("message", text);
        return uri(SEND_PATH, query);
    }

    private URI uri(String path, Map<String, String> query) {
        String base = account.baseUrl().toString().replaceAll("/+$", "");
        return URI.create(base + path + "?" + query.entrySet().stream()
                .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                .collect(Collectors.joining("&")));
    }

    /** Percent-encoding in which a space is %20: a {@code +} in a query is read as a space by some servers and not by others. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public MessageRecord fetch(String sid, Duration timeout) throws GatewayException {
        throw new GatewayException.Unreachable("MessageCentral's API offers no status lookup", false, null);
    }

    @Override
    public List<MessageRecord> inbound(List<PhoneNumber> to, Optional<PhoneNumber> from, Instant since, int max,
            Duration timeout) throws GatewayException {
        throw new GatewayException.Unreachable("MessageCentral's API offers no received messages: receiving needs the "
                + "Twilio settings (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER)", false, null);
    }

    @Override
    public List<MessageRecord> sentTo(PhoneNumber to, Instant since, int max, Duration timeout) throws GatewayException {
        throw new GatewayException.Unreachable("MessageCentral's API offers no sent-message lookup", false, null);
    }

    @Override
    public List<String> mediaUrls(String sid, Duration timeout) {
        return List.of();
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public Provider provider() {
        return PROVIDER;
    }

    /** The end of one create: every request in it, and the wait for a token, share its timeout. */
    private static final class Deadline {
        private final Duration timeout;
        private final long end;

        Deadline(Duration timeout) {
            this.timeout = timeout;
            this.end = System.nanoTime() + timeout.toNanos();
        }

        /** The time left; when none is, the send request is not made, so nothing was sent. */
        Duration left() throws GatewayException.Unreachable {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new GatewayException.Unreachable("no time was left for MessageCentral within "
                        + timeout.toSeconds() + " s", false, null);
            }
            return Duration.ofNanos(left);
        }
    }
}
