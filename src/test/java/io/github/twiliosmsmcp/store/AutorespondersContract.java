package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.autorespond.ActiveHours;
import io.github.twiliosmsmcp.autorespond.Rule;
import io.github.twiliosmsmcp.autorespond.Rules;
import io.github.twiliosmsmcp.autorespond.Trigger;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What the autoresponder store must do on SQLite and PostgreSQL alike. Each handle stands for one process. */
public abstract class AutorespondersContract extends StoreContract {
    private static final String AC = "AC1";
    private static final String NUMBER = "+14155550100";
    private static final Rules.Limits LIMITS = new Rules.Limits(Duration.ofHours(1), 3);

    private Rules rules() {
        return new SqlAutoresponders(((SqlHandle) open()).database());
    }

    private static Rules.Draft draft(String keyword, String response) {
        return new Rules.Draft(Trigger.of(Trigger.Match.KEYWORD, keyword), response, true, Optional.empty(),
                Rule.Origin.MODEL);
    }

    @Test
    void aRuleIsReadBackWholeInOrderByAnotherProcess() throws Exception {
        Rules one = rules();
        Rule first = one.add(AC, new Rules.Draft(Trigger.of(Trigger.Match.PATTERN, "^hours?\\b"), "Open 9-17 ☀",
                false, Optional.of(ActiveHours.parse("Mon-Fri 09:00-17:00")), Rule.Origin.PERSON), START);
        Rule second = one.add(AC, draft("prices", "See example.com"), START);
        one.add("AC2", draft("other", "another account"), START);

        List<Rule> read = rules().list(AC);
        assertEquals(List.of(first, second), read);
        assertEquals(List.of(1, 2), read.stream().map(Rule::position).toList());
        assertEquals("Mon-Fri 09:00-17:00", read.get(0).activeHours().orElseThrow().text());
        assertTrue(read.get(0).trigger().matches("Hours today?"));

        assertTrue(one.setEnabled(AC, first.id(), true));
        assertTrue(one.move(AC, second.id(), 1));
        assertFalse(one.setEnabled("AC2", first.id(), true), "another account's rule is not found");
        assertEquals(List.of(second.id(), first.id()), rules().list(AC).stream().map(Rule::id).toList());
        assertTrue(rules().list(AC).get(1).enabled());
        assertTrue(one.delete(AC, second.id()));
        assertEquals(List.of(first.id()), rules().list(AC).stream().map(Rule::id).toList());
    }

    @Test
    void ofProcessesClaimingOneInboundMessageAtOnceExactlyOneMaySendAndTheTriggerIsCounted() throws Exception {
        Rule rule = rules().add(AC, draft("hours", "Open"), START);
        List<Rules> processes = List.of(rules(), rules(), rules(), rules());
        ExecutorService pool = Executors.newFixedThreadPool(processes.size());
        try {
            List<Future<Rules.Claim>> claims = new ArrayList<>();
            for (Rules process : processes) {
                Callable<Rules.Claim> claim = () -> process.claim(AC, new Rules.Reply("SM1", rule.id(), NUMBER,
                        clock.instant()), LIMITS);
                claims.add(pool.submit(claim));
            }
            int claimed = 0;
            for (Future<Rules.Claim> claim : claims) {
                claimed += claim.get() instanceof Rules.Claimed ? 1 : 0;
            }
            assertEquals(1, claimed);
        } finally {
            pool.shutdownNow();
        }
        Rule counted = rules().list(AC).get(0);
        assertEquals(1, counted.triggerCount());
        assertEquals(Optional.of(START), counted.lastTriggered());
    }

    @Test
    void theCooldownIsPerRuleAndNumberAndTheDailyCapAcrossRules() throws Exception {
        Rules store = rules();
        Rule a = store.add(AC, draft("a", "A"), START);
        Rule b = store.add(AC, draft("b", "B"), START);
        assertInstanceOf(Rules.Claimed.class, store.claim(AC, new Rules.Reply("SM1", a.id(), NUMBER, START), LIMITS));
        assertInstanceOf(Rules.CoolingDown.class, rules().claim(AC,
                new Rules.Reply("SM2", a.id(), NUMBER, START.plus(Duration.ofMinutes(59))), LIMITS));
        assertInstanceOf(Rules.Claimed.class, store.claim(AC, new Rules.Reply("SM3", b.id(), NUMBER, START), LIMITS));
        assertInstanceOf(Rules.Claimed.class, store.claim(AC,
                new Rules.Reply("SM4", a.id(), NUMBER, START.plus(Duration.ofMinutes(61))), LIMITS));
        assertEquals(new Rules.Capped(3), store.claim(AC,
                new Rules.Reply("SM5", b.id(), NUMBER, START.plus(Duration.ofHours(2))), LIMITS));
        assertInstanceOf(Rules.Claimed.class, store.claim(AC,
                new Rules.Reply("SM6", b.id(), NUMBER, START.plus(Duration.ofHours(25))), LIMITS));
        assertInstanceOf(Rules.AlreadyAnswered.class, store.claim(AC,
                new Rules.Reply("SM6", b.id(), "+14155550199", START.plus(Duration.ofHours(30))), LIMITS));
    }

    @Test
    void aSettledAutoreplyIsMarkedWithItsRuleWhereTheConversationReadsIt() throws Exception {
        Rules store = rules();
        Rule rule = store.add(AC, draft("hours", "Open"), START);
        store.claim(AC, new Rules.Reply("SM1", rule.id(), NUMBER, START), LIMITS);
        store.settle(AC, "SM1", "delivered", Optional.of("SM2"));

        MessageRecord reply = MessageRecord.builder("SM2", MessageRecord.Direction.OUTBOUND,
                MessageStatus.DELIVERED).from("+16502530000").to(NUMBER).body("Open").dateSent(START).build();
        MessageRecord other = MessageRecord.builder("SM3", MessageRecord.Direction.OUTBOUND,
                MessageStatus.DELIVERED).from("+16502530000").to(NUMBER).body("Hi").dateSent(START).build();
        var places = open().inbox(AC).places(List.of(reply, other));
        assertEquals(Optional.of(rule.id()), places.get("SM2").autoreplyRule());
        assertEquals(Optional.empty(), places.get("SM3").autoreplyRule());
    }
}
