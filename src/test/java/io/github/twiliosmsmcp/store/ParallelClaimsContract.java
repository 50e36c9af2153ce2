package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twiliosmsmcp.delivery.SendIntent;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.delivery.SendJournal.Claim;
import io.github.twiliosmsmcp.policy.Decision;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Limits hold exactly when several processes claim different messages at once: each claim's rule
 * sees every send claimed before it, whichever process made it. Four handles stand for four
 * processes, each with threads of its own.
 */
public abstract class ParallelClaimsContract extends StoreContract {
    private static final int PROCESSES = 4;
    private static final int CLAIMS = 24;
    private static final int LIMIT = 7;

    /** A daily limit of {@link #LIMIT} sends, and a budget of {@link #LIMIT} dollars at one dollar a send. */
    private static final SendJournal.Gate LIMITED = facts -> {
        BigDecimal spent = facts.lastDay().stream().map(charge -> charge.usd()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return facts.lastDay().size() < LIMIT && spent.add(BigDecimal.ONE).compareTo(BigDecimal.valueOf(LIMIT)) <= 0
                ? new Decision.Allowed(BigDecimal.ONE)
                : new Decision.Refused("over the limit", "+14155552671", "SMS_MAX_PER_DAY", "test", Optional.empty());
    };

    private SendIntent intent(int n) {
        return new SendIntent("AC1", "twilio", "+14155552671", "+15005550006", "message " + n, List.of(), Optional.empty(),
                clock.instant(), Duration.ofMinutes(10), new SendIntent.Owner("host-" + (n % PROCESSES), n, START),
                BigDecimal.ONE, false, Optional.empty());
    }

    @Test
    void parallelClaimsOfDifferentMessagesFromSeveralProcessesNeverPassTheLimit() throws Exception {
        List<SendJournal> journals = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            journals.add(open().journal());
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLAIMS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Claim>> claims = new ArrayList<>();
            for (int n = 0; n < CLAIMS; n++) {
                SendJournal journal = journals.get(n % PROCESSES);
                SendIntent intent = intent(n);
                Callable<Claim> claim = () -> {
                    start.await();
                    return journal.claim(intent, LIMITED);
                };
                claims.add(pool.submit(claim));
            }
            start.countDown();

            int fresh = 0;
            for (Future<Claim> claim : claims) {
                if (claim.get(60, TimeUnit.SECONDS) instanceof SendJournal.Fresh) {
                    fresh++;
                }
            }
            assertEquals(LIMIT, fresh);
            assertEquals(LIMIT, journals.get(0).charges("AC1", START.minusSeconds(1), false).size());
        } finally {
            pool.shutdownNow();
        }
    }
}
