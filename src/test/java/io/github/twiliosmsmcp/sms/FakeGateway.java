package io.github.twiliosmsmcp.sms;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.twilio.TwilioErrors;
import io.github.twiliosmsmcp.twilio.TwilioProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link MessageGateway} in memory for in-process tests of the core, with Twilio's error codes and
 * message ids: each create call takes the
 * next scripted answer (a message with its later statuses, or a failure), each status look takes
 * the next status of that message, and every call is recorded for the test to count.
 */
public final class FakeGateway implements MessageGateway {
    /** What one create call answers. */
    public sealed interface CreateAnswer permits Accepts, Fails {}

    /** The provider takes the message at {@code statuses[0]}; each later fetch moves one status on. */
    public record Accepts(List<MessageStatus> statuses, Optional<Integer> errorCode) implements CreateAnswer {}

    public record Fails(GatewayException failure) implements CreateAnswer {}

    private final Clock clock;
    private final Provider provider;
    private final Deque<CreateAnswer> script = new ArrayDeque<>();
    private final List<OutgoingMessage> creates = new ArrayList<>();
    private final Map<String, Deque<MessageStatus>> later = new HashMap<>();
    private final Map<String, MessageRecord> messages = new HashMap<>();
    private final Map<String, Optional<Integer>> errors = new HashMap<>();
    private final List<MessageRecord> received = new ArrayList<>();
    private int fetches;
    private int inboundLooks;
    private int failingFetches;
    private Runnable beforeCreate = () -> { };

    public FakeGateway(Clock clock) {
        this(clock, TwilioProvider.named("fake"));
    }

    /** A fake of another provider: its name and title, with Twilio's codes and ids. */
    public FakeGateway(Clock clock, String name, String title) {
        this(clock, TwilioProvider.named(name, title));
    }

    private FakeGateway(Clock clock, Provider provider) {
        this.clock = clock;
        this.provider = provider;
    }

    public static Accepts accepts(MessageStatus... statuses) {
        return new Accepts(List.of(statuses), Optional.empty());
    }

    public static Accepts acceptsThenFails(int errorCode, MessageStatus... statuses) {
        return new Accepts(List.of(statuses), Optional.of(errorCode));
    }

    public static Fails rejects(int httpStatus, Integer code) {
        return new Fails(new GatewayException.Rejected(httpStatus, TwilioErrors.reason(httpStatus, code), code,
                code == null ? null : "error " + code));
    }

    public static Fails unreachable(boolean requestMayHaveArrived) {
        return new Fails(new GatewayException.Unreachable("scripted", requestMayHaveArrived, null));
    }

    public synchronized FakeGateway then(CreateAnswer answer) {
        script.add(answer);
        return this;
    }

    /** {@code step} runs at each create, before its answer: what the world does while the provider is asked. */
    public synchronized FakeGateway beforeCreate(Runnable step) {
        beforeCreate = step;
        return this;
    }

    /** The next {@code count} status looks fail, as a network hiccup would. */
    public synchronized FakeGateway failFetches(int count) {
        failingFetches = count;
        return this;
    }

    /** A message that arrives now from {@code from} to {@code to}, listed by later inbound looks. */
    public synchronized MessageRecord receive(String from, String to, String body) {
        MessageRecord message = MessageRecord.builder("SM" + String.format("%032x", 1_000_000 + received.size()),
                        MessageRecord.Direction.INBOUND, MessageStatus.RECEIVED)
                .from(from).to(to).body(body).dateSent(clock.instant()).segments(Optional.of(1)).build();
        received.add(message);
        messages.put(message.sid(), message);
        later.put(message.sid(), new ArrayDeque<>());
        return message;
    }

    public synchronized int inboundLooks() {
        return inboundLooks;
    }

    public synchronized List<OutgoingMessage> creates() {
        return List.copyOf(creates);
    }

    public synchronized int fetches() {
        return fetches;
    }

    @Override
    public synchronized MessageRecord create(OutgoingMessage message, Duration timeout) throws GatewayException {
        creates.add(message);
        beforeCreate.run();
        CreateAnswer answer = script.isEmpty() ? accepts(MessageStatus.DELIVERED) : script.poll();
        if (answer instanceof Fails fails) {
            throw fails.failure();
        }
        Accepts accepts = (Accepts) answer;
        // Two fakes of one route must not hand out the same id.
        String sid = "SM" + String.format("%032x", creates.size() + ("fake".equals(provider.name()) ? 0 : 500_000));
        Deque<MessageStatus> statuses = new ArrayDeque<>(accepts.statuses());
        MessageRecord record = record(sid, message, statuses.poll(), Optional.empty());
        later.put(sid, statuses);
        errors.put(sid, accepts.errorCode());
        messages.put(sid, record);
        return record;
    }

    @Override
    public synchronized MessageRecord fetch(String sid, Duration timeout) throws GatewayException {
        fetches++;
        if (failingFetches > 0) {
            failingFetches--;
            throw new GatewayException.Unreachable("scripted fetch failure", true, null);
        }
        MessageRecord current = messages.get(sid);
        if (current == null) {
            throw new GatewayException.Rejected(404, GatewayException.Reason.OTHER, 20404, "not found");
        }
        MessageStatus next = later.get(sid).poll();
        if (next != null) {
            Optional<Integer> error = next == MessageStatus.FAILED || next == MessageStatus.UNDELIVERED
                    ? errors.get(sid) : Optional.empty();
            current = current.toBuilder().status(next).errorCode(error).build();
            messages.put(sid, current);
        }
        return current;
    }

    @Override
    public synchronized List<MessageRecord> inbound(List<PhoneNumber> to, Optional<PhoneNumber> from, Instant since,
            int max, Duration timeout) {
        inboundLooks++;
        List<String> ours = to.stream().map(PhoneNumber::e164).toList();
        return received.stream()
                .filter(m -> ours.isEmpty() || ours.contains(m.to()))
                .filter(m -> from.map(f -> f.e164().equals(m.from())).orElse(true))
                .filter(m -> !m.dateSent().isBefore(since))
                .sorted((a, b) -> b.dateSent().compareTo(a.dateSent()))
                .limit(max)
                .toList();
    }

    @Override
    public synchronized List<MessageRecord> sentTo(PhoneNumber to, Instant since, int max, Duration timeout) {
        return messages.values().stream()
                .filter(m -> m.direction() == MessageRecord.Direction.OUTBOUND && m.to().equals(to.e164()))
                .limit(max)
                .toList();
    }

    @Override
    public List<String> mediaUrls(String sid, Duration timeout) {
        return List.of();
    }

    @Override
    public boolean simulated() {
        return false;
    }

    /** Twilio's codes and message ids: the scripts speak Twilio's language. */
    @Override
    public Provider provider() {
        return provider;
    }

    private MessageRecord record(String sid, OutgoingMessage message, MessageStatus status, Optional<Integer> error) {
        return MessageRecord.builder(sid, MessageRecord.Direction.OUTBOUND, status)
                .from(message.sender())
                .to(message.to().e164())
                .body(message.body())
                .dateSent(clock.instant())
                .segments(Optional.of(1))
                .mediaCount(message.mediaUrls().size())
                .price(Optional.of("-0.0079"))
                .priceUnit(Optional.of("USD"))
                .errorCode(error)
                .build();
    }
}
