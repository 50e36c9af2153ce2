package io.github.twiliosmsmcp.sandbox;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.sms.OutgoingMessage;
import io.github.twiliosmsmcp.sms.Provider;
import io.github.twiliosmsmcp.sms.Segments;
import io.github.twiliosmsmcp.twilio.TwilioErrors;
import io.github.twiliosmsmcp.twilio.TwilioProvider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simulated carrier for trying the server without a provider's account. Messages move from queued
 * to delivered within about a second, Twilio's test "magic" recipient numbers fail as they do with
 * test credentials, and each recipient answers a few seconds later so that receiving can be tried.
 *
 * <p>One gateway plays one provider (Twilio, or another whose {@link Provider} it is given) on a
 * {@link Carrier} that every gateway of the sandbox shares, so that replies arrive whichever provider
 * sent. Two more magic numbers show a route with a fallback: the first provider of the route refuses
 * {@link #ROUTE_REFUSED} for its route (so the fallback takes it), and never answers for
 * {@link #NO_ANSWER} (so nobody can know, and no fallback is tried).
 */
public final class SandboxGateway implements MessageGateway {
    /** Twilio's magic sender number: valid with test credentials, so it reads as a plausible sender. */
    public static final PhoneNumber NUMBER = new PhoneNumber("+15005550006");
    public static final String ROUTE_REFUSED = "+15005550010";
    public static final String NO_ANSWER = "+15005550011";
    static final Duration DELIVERED_AFTER = Duration.ofMillis(1200);
    static final Duration REPLY_AFTER = Duration.ofSeconds(3);

    private static final Map<String, Integer> MAGIC_RECIPIENTS = Map.of(
            "+15005550001", 21211,
            "+15005550002", 21612,
            "+15005550003", 21408,
            "+15005550004", 21610,
            "+15005550009", 21614);
    private static final Map<Integer, String> MAGIC_MESSAGES = Map.of(
            21211, "The 'To' number is not a valid phone number.",
            21612, "The 'To' phone number is not currently reachable via SMS.",
            21408, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number.",
            21610, "Attempt to send to unsubscribed recipient",
            21614, "'To' number is not a valid mobile number");

    /** The simulated phones: what every provider of the sandbox sent, and so what they answer. */
    public static final class Carrier {
        private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    }

    private record Sent(OutgoingMessage message, Instant created, String replySid, String provider) {}

    private final Clock clock;
    private final Provider provider;
    private final boolean firstOfRoute;
    private final GatewayException.Rejected routeRefusal;
    private final Carrier carrier;
    private final SecureRandom random = new SecureRandom();

    /** The sandbox as Twilio, alone. */
    public SandboxGateway(Clock clock) {
        this(clock, TwilioProvider.named("sandbox"), true, twilioRouteRefusal(), new Carrier());
    }

    /**
     * The sandbox as {@code provider}, on {@code carrier}; {@code firstOfRoute} when a send tries it
     * first, and {@code routeRefusal} what it answers for {@link #ROUTE_REFUSED} then.
     */
    public SandboxGateway(Clock clock, Provider provider, boolean firstOfRoute, GatewayException.Rejected routeRefusal,
            Carrier carrier) {
        this.clock = clock;
        this.provider = provider;
        this.firstOfRoute = firstOfRoute;
        this.routeRefusal = routeRefusal;
        this.carrier = carrier;
    }

    /** Twilio's refusal of a country not enabled for the account. */
    public static GatewayException.Rejected twilioRouteRefusal() {
        return new GatewayException.Rejected(400, TwilioErrors.reason(400, 21408), 21408, MAGIC_MESSAGES.get(21408));
    }

    @Override
    public MessageRecord create(OutgoingMessage message, Duration timeout) throws GatewayException {
        String to = message.to().e164();
        if (firstOfRoute && to.equals(ROUTE_REFUSED)) {
            throw routeRefusal;
        }
        if (firstOfRoute && to.equals(NO_ANSWER)) {
            throw new GatewayException.Unreachable("no answer within " + timeout.toSeconds() + " s (simulated)", true,
                    null);
        }
        Integer magic = provider.errors() instanceof TwilioErrors ? MAGIC_RECIPIENTS.get(to) : null;
        if (magic != null) {
            throw new GatewayException.Rejected(400, TwilioErrors.reason(400, magic), magic, MAGIC_MESSAGES.get(magic));
        }
        String sid = provider.reportsDelivery() ? newSid() : String.valueOf(100_000 + random.nextInt(900_000));
        carrier.sent.put(sid, new Sent(message, clock.instant(), newSid(), provider.name()));
        return fetch(sid, timeout);
    }

    @Override
    public MessageRecord fetch(String sid, Duration timeout) throws GatewayException {
        Sent s = carrier.sent.get(sid);
        if (s == null || !s.provider().equals(provider.name())) {
            throw new GatewayException.Rejected(404, GatewayException.Reason.OTHER, 20404,
                    "The requested resource was not found");
        }
        Duration age = Duration.between(s.created(), clock.instant());
        // A provider that reports no delivery says "sent" once it has the message, and nothing after.
        MessageStatus status = !provider.reportsDelivery() ? MessageStatus.SENT
                : age.compareTo(DELIVERED_AFTER) >= 0 ? MessageStatus.DELIVERED
                : age.compareTo(DELIVERED_AFTER.dividedBy(2)) >= 0 ? MessageStatus.SENT
                : age.compareTo(DELIVERED_AFTER.dividedBy(4)) >= 0 ? MessageStatus.SENDING
                : MessageStatus.QUEUED;
        OutgoingMessage m = s.message();
        int segments = m.mediaUrls().isEmpty() ? Math.max(1, Segments.count(m.body()).segments()) : 1;
        return MessageRecord.builder(sid, MessageRecord.Direction.OUTBOUND, status)
                .from(m.from().orElse(NUMBER).e164())
                .to(m.to().e164())
                .body(m.body())
                .dateSent(s.created())
                .segments(Optional.of(segments))
                .mediaCount(m.mediaUrls().size())
                .mediaUrls(m.mediaUrls().stream().map(Object::toString).toList())
                .build();
    }

    @Override
    public List<MessageRecord> inbound(List<PhoneNumber> to, Optional<PhoneNumber> from, Instant since, int max,
            Duration timeout) {
        Instant now = clock.instant();
        return carrier.sent.values().stream()
                .filter(s -> !s.created().plus(REPLY_AFTER).isAfter(now))
                .map(this::reply)
                .filter(r -> to.isEmpty() || to.stream().anyMatch(n -> n.e164().equals(r.to())))
                .filter(r -> from.map(f -> f.e164().equals(r.from())).orElse(true))
                .filter(r -> !r.dateSent().isBefore(since))
                .sorted(Comparator.comparing(MessageRecord::dateSent).reversed())
                .limit(max)
                .toList();
    }

    @Override
    public List<MessageRecord> sentTo(PhoneNumber to, Instant since, int max, Duration timeout) throws GatewayException {
        List<MessageRecord> found = new java.util.ArrayList<>();
        for (String sid : carrier.sent.keySet()) {
            if (!carrier.sent.get(sid).provider().equals(provider.name())) {
                continue;
            }
            MessageRecord message = fetch(sid, timeout);
            if (message.to().equals(to.e164()) && !message.dateSent().isBefore(since)) {
                found.add(message);
            }
        }
        return found.stream().sorted(Comparator.comparing(MessageRecord::dateSent).reversed()).limit(max).toList();
    }

    @Override
    public List<String> mediaUrls(String sid, Duration timeout) {
        Sent s = carrier.sent.get(sid);
        return s == null ? List.of() : s.message().mediaUrls().stream().map(Object::toString).toList();
    }

    @Override
    public boolean simulated() {
        return true;
    }

    /** The conventions of the provider it plays; its sends are recorded under the sandbox's name for it. */
    @Override
    public Provider provider() {
        return provider;
    }

    private MessageRecord reply(Sent s) {
        String excerpt = s.message().body().length() > 30 ? s.message().body().substring(0, 30) + "..." : s.message().body();
        String body = "Sandbox reply: got your message" + (excerpt.isEmpty() ? "" : " \"" + excerpt + "\"");
        return MessageRecord.builder(s.replySid(), MessageRecord.Direction.INBOUND, MessageStatus.RECEIVED)
                .from(s.message().to().e164())
                .to(s.message().from().orElse(NUMBER).e164())
                .body(body)
                .dateSent(s.created().plus(REPLY_AFTER))
                .segments(Optional.of(1))
                .build();
    }

    private String newSid() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "SM" + HexFormat.of().formatHex(bytes);
    }
}
