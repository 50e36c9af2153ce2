package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.it.ServerProcess.structured;
import static io.github.twiliosmsmcp.it.ServerProcess.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.store.PostgresServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three stdio servers, each with its own host name ({@code SMS_HOST_NAME}), on one PostgreSQL
 * database and one fake Twilio: what one host does, the others know, so every guarantee holds
 * across them: one create per message, exact limits, no reply returned twice, a dead host's send
 * never repeated, and a database that goes away refused and then recovered from without a resend.
 */
class PostgresHostsIT {
    private static final int PER_RECIPIENT = 5;
    private static final List<String> HOSTS = List.of("host-a", "host-b", "host-c");
    private static FakeTwilioApi twilio;
    private static String url;
    private static final List<ServerProcess> hosts = new ArrayList<>();

    @BeforeAll
    static void start() {
        twilio = TwilioServerIT.startFake();
        url = PostgresServer.shared().freshDatabaseUrl();
        for (String host : HOSTS) {
            hosts.add(ServerProcess.start(env(host)));
        }
    }

    @AfterAll
    static void stop() {
        hosts.forEach(ServerProcess::close);
        twilio.close();
    }

    private static Map<String, String> env(String host) {
        return TwilioServerIT.env(twilio, Map.of("SMS_DATABASE", url, "SMS_DATABASE_PASSWORD",
                PostgresServer.shared().password(), "SMS_HOST_NAME", host, "SMS_STATUS_WAIT_SECONDS", "0",
                "SMS_MAX_PER_RECIPIENT_PER_HOUR", String.valueOf(PER_RECIPIENT)));
    }

    private static Map<String, Object> sms(String to, String message) {
        return Map.of("to", to, "message", message);
    }

    private static String outcome(CallToolResult result) {
        return (String) structured(result).get("outcome");
    }

    /** Runs every call at once, as far as the threads allow, and gives back what each returned. */
    private static <T> List<T> allAtOnce(List<Callable<T>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return call.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void identicalSendsRacingOnThreeHostsGiveOneCreate() throws Exception {
        String to = "+14155553001";
        List<Callable<String>> calls = new ArrayList<>();
        for (ServerProcess host : hosts) {
            for (int i = 0; i < 3; i++) {
                calls.add(() -> outcome(host.call("send_sms", sms(to, "Doors open at 7"))));
            }
        }

        List<String> outcomes = allAtOnce(calls);

        assertEquals(1, twilio.createsTo(to), "one create for nine identical calls on three hosts: " + outcomes);
        assertEquals(8, outcomes.stream().filter(o -> o.equals("already_sent") || o.equals("not_sent_again")).count(),
                outcomes.toString());
    }

    @Test
    void differentSendsRacingOnThreeHostsGiveOneCreateEach() throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            ServerProcess host = hosts.get(h);
            for (int i = 0; i < 4; i++) {
                String to = "+141555531" + h + i;
                calls.add(() -> outcome(host.call("send_sms", sms(to, "Your table for " + to))));
            }
        }

        List<String> outcomes = allAtOnce(calls);

        assertTrue(outcomes.stream().noneMatch(o -> o.equals("already_sent") || o.equals("not_sent_again")
                || o.equals("refused_by_policy")), outcomes.toString());
        for (int h = 0; h < hosts.size(); h++) {
            for (int i = 0; i < 4; i++) {
                assertEquals(1, twilio.createsTo("+141555531" + h + i));
            }
        }
    }

    @Test
    void thePerRecipientLimitIsExactUnderParallelSendsFromThreeHosts() throws Exception {
        String to = "+14155553201";
        List<Callable<String>> calls = new ArrayList<>();
        for (ServerProcess host : hosts) {
            for (int i = 0; i < 4; i++) {
                String text = "Reminder " + calls.size();
                calls.add(() -> outcome(host.call("send_sms", sms(to, text))));
            }
        }

        List<String> outcomes = allAtOnce(calls);

        assertEquals(PER_RECIPIENT, twilio.createsTo(to), outcomes.toString());
        assertEquals(12 - PER_RECIPIENT, outcomes.stream().filter("refused_by_policy"::equals).count(), outcomes.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoHostsReadingOneInboxNeverReturnTheSameMessage() throws Exception {
        Set<String> injected = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            injected.add(twilio.injectInbound("+1415555330" + (i % 10), TwilioServerIT.OUR_NUMBER, "Reply " + i,
                    Instant.now()));
        }
        Map<String, Object> unread = Map.of("unread_only", true, "limit", 50);
        List<Callable<List<String>>> calls = new ArrayList<>();
        for (ServerProcess reader : hosts.subList(0, 2)) {
            for (int i = 0; i < 2; i++) {
                calls.add(() -> ((List<Map<String, Object>>) structured(reader.call("receive_sms", unread)).get("messages"))
                        .stream().map(m -> (String) m.get("sid")).toList());
            }
        }

        List<List<String>> returned = allAtOnce(calls);

        List<String> all = returned.stream().flatMap(List::stream).toList();
        assertEquals(injected, new HashSet<>(all), "every reply returned: " + returned);
        assertEquals(injected.size(), all.size(), "and none twice: " + returned);
    }

    @Test
    void aHostKilledAfterItsCreateBlocksTheTwinUntilItsLeaseRunsOutThenItIsReconciledNotResent() throws Exception {
        String to = "+14155553401";
        String text = "Your code is 4471";
        RawSession.killedAfterTheCreate(env("host-doomed"), twilio, to, text);
        Instant createSeen = Instant.now();
        ServerProcess twin = hosts.get(1);

        CallToolResult blocked = twin.call("send_sms", sms(to, text));

        assertEquals("not_sent_again", outcome(blocked), text(blocked));
        assertTrue(text(blocked).contains("being sent right now"), text(blocked));
        // The lease (30 s) started at the claim, just before the create reached Twilio.
        Instant leaseOver = createSeen.plusSeconds(31);
        Deadline.await(Duration.ofSeconds(45), () -> Instant.now().isAfter(leaseOver), "the dead host's lease ran out");
        CallToolResult reconciled = twin.call("send_sms", sms(to, text));
        String sid = twilio.messages().stream().filter(m -> to.equals(m.to())).findFirst().orElseThrow().sid();
        assertEquals("already_sent", outcome(reconciled), text(reconciled));
        assertEquals(sid, structured(reconciled).get("sid"));
        assertEquals(1, twilio.createsTo(to), "never sent again");
    }

    @Test
    void whenTheDatabaseGoesAwayDuringABurstSendsAreRefusedNamingItThenRecoverWithoutDuplicates() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        int createsBefore = twilio.createCount();
        List<String> recipients = new CopyOnWriteArrayList<>();
        List<CallToolResult> refused = new CopyOnWriteArrayList<>();
        List<Callable<Integer>> senders = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            ServerProcess host = hosts.get(h);
            for (int t = 0; t < 2; t++) {
                String prefix = "+14155535" + h + t;
                senders.add(() -> {
                    for (int i = 0; i < 10; i++) {
                        String to = prefix + i;
                        recipients.add(to);
                        CallToolResult result = host.call("send_sms", sms(to, "Burst " + to));
                        if (outcome(result).equals("store_unavailable")) {
                            refused.add(result);
                        }
                    }
                    return 0;
                });
            }
        }
        ExecutorService burst = Executors.newSingleThreadExecutor();
        Future<List<Integer>> running = burst.submit(() -> allAtOnce(senders));
        try {
            Deadline.await(Duration.ofSeconds(60), () -> twilio.createCount() >= createsBefore + 3, "the burst has begun");
            postgres.stop();
            try {
                Deadline.await(Duration.ofSeconds(60), () -> !refused.isEmpty(), "a send is refused");
            } finally {
                postgres.start();
            }
            running.get(180, TimeUnit.SECONDS);
        } finally {
            burst.shutdownNow();
        }

        String database = url.substring(0, url.indexOf('?'));
        for (CallToolResult result : refused) {
            assertTrue(text(result).contains(database), text(result));
            assertFalse(text(result).contains(postgres.password()), "the password was shown");
        }
        CallToolResult afterwards = hosts.get(2).call("send_sms", sms("+14155535999", "Back again"));
        assertFalse(outcome(afterwards).equals("store_unavailable"), text(afterwards));
        for (String to : recipients) {
            hosts.get((int) (Long.parseLong(to) % hosts.size())).call("send_sms", sms(to, "Burst " + to));
        }
        Map<String, Long> creates = new HashMap<>();
        recipients.forEach(to -> creates.put(to, twilio.createsTo(to)));
        assertTrue(creates.values().stream().allMatch(n -> n <= 1), "no message created twice: " + creates);
        assertTrue(creates.values().stream().filter(n -> n == 1).count() >= recipients.size() - refused.size(),
                "every send that was not refused went out: " + creates);
    }
}
