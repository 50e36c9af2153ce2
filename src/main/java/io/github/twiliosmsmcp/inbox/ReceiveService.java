package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.delivery.ErrorCatalog;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads replies by listing Twilio's messages, so no webhook and no open port are needed. Messages
 * already returned by this server count as read; a wait polls with backoff until an unread one
 * arrives, which is how an agent waits for a verification code or an answer to what it just sent.
 */
public final class ReceiveService {
    /** How many recent messages one look reads at most: listing must stop somewhere. */
    static final int SCAN_LIMIT = 200;
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(10);
    private static final long[] POLL_DELAYS_MILLIS = {1000, 1500, 2000, 3000};

    private final MessageGateway gateway;
    private final List<PhoneNumber> numbers;
    private final Set<String> returned = ConcurrentHashMap.newKeySet();

    public ReceiveService(MessageGateway gateway, List<PhoneNumber> numbers) {
        this.gateway = gateway;
        this.numbers = List.copyOf(numbers);
    }

    public ReceiveReport receive(ReceiveQuery query, Progress progress) {
        long start = System.nanoTime();
        long deadline = start + query.waitFor().toNanos();
        List<MessageRecord> found;
        List<MessageRecord> unread;
        int poll = 0;
        while (true) {
            try {
                found = gateway.inbound(numbers, query.from(), query.since(), SCAN_LIMIT, LIST_TIMEOUT).stream()
                        .filter(m -> !m.dateSent().isBefore(query.since()))
                        .filter(m -> query.from().map(f -> f.e164().equals(m.from())).orElse(true))
                        .toList();
            } catch (GatewayException e) {
                return failed(query, e, start);
            }
            unread = found.stream().filter(m -> !returned.contains(m.sid())).toList();
            long remaining = deadline - System.nanoTime();
            if (!unread.isEmpty() || remaining <= 0) {
                break;
            }
            progress.report(Duration.ofNanos(System.nanoTime() - start).toSeconds(), query.waitFor().toSeconds(),
                    "No new message yet; still waiting");
            long delay = Math.min(POLL_DELAYS_MILLIS[Math.min(poll++, POLL_DELAYS_MILLIS.length - 1)],
                    Duration.ofNanos(remaining).toMillis() + 1);
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }

        List<MessageRecord> shown = new ArrayList<>();
        int more = 0;
        for (MessageRecord message : query.unreadOnly() ? unread : found) {
            if (shown.size() >= query.limit()) {
                more++;
                continue;
            }
            // Claiming each message keeps two concurrent unread-only calls from both returning it.
            boolean claimed = returned.add(message.sid());
            if (claimed || !query.unreadOnly()) {
                shown.add(message);
            }
        }
        return new ReceiveReport(shown, more, query.since(), query.unreadOnly(), seconds(start), numbersShown(),
                gateway.simulated(), Optional.empty(), "");
    }

    private ReceiveReport failed(ReceiveQuery query, GatewayException e, long start) {
        String problem;
        String advice;
        if (e instanceof GatewayException.Rejected rejected && rejected.code().isPresent()) {
            ErrorCatalog.Explanation why = ErrorCatalog.explain(rejected.code().get(), rejected.getMessage());
            problem = "Twilio refused to list messages with error " + rejected.code().get() + ": " + why.meaning();
            advice = why.advice();
        } else {
            problem = "the server could not read messages from Twilio (" + e.getMessage() + ")";
            advice = "Tell the user Twilio could not be reached; try again in a minute.";
        }
        return new ReceiveReport(List.of(), 0, query.since(), query.unreadOnly(), seconds(start), numbersShown(),
                gateway.simulated(), Optional.of(problem), advice);
    }

    private List<String> numbersShown() {
        return numbers.stream().map(PhoneNumber::e164).toList();
    }

    private static long seconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    }
}
