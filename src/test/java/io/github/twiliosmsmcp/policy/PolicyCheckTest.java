package io.github.twiliosmsmcp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.phone.TimeZones;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision itself, with facts and time given: every rule, its order, and when a send is allowed again. */
class PolicyCheckTest {
    private static final PhoneNumber LA = new PhoneNumber("+14155552671");
    private static final PhoneNumber LONDON = new PhoneNumber("+447400123456");
    private static final TimeZones ZONES = n -> n.equals(LONDON) ? List.of(ZoneId.of("Europe/London"))
            : List.of(ZoneId.of("America/Los_Angeles"));
    private static final BigDecimal CENT = new BigDecimal("0.01");
    /** 2026-11-21 20:00 UTC is 12:00 in Los Angeles and 20:00 in London. */
    private static final Instant NOON_IN_LA = Instant.parse("2026-11-21T20:00:00Z");
    private static final Facts NOTHING = new Facts(List.of(), Optional.empty(), false);

    private static Policy policy(String... overrides) {
        // The defaults of SettingsCatalogue outside the sandbox.
        List<NumberRule> allowed = List.of();
        List<NumberRule> blocked = List.of();
        boolean replies = false;
        int perRecipient = 5;
        int perHour = 30;
        int perDay = 200;
        Optional<BigDecimal> budget = Optional.empty();
        Optional<QuietHours> quiet = QuietHours.parse("21:00-08:00");
        PhoneNumberParser parser = new PhoneNumberParser("US");
        for (int i = 0; i < overrides.length; i += 2) {
            String v = overrides[i + 1];
            switch (overrides[i]) {
                case "allowed" -> allowed = NumberRule.parseList(v, parser);
                case "blocked" -> blocked = NumberRule.parseList(v, parser);
                case "replies" -> replies = Boolean.parseBoolean(v);
                case "perRecipient" -> perRecipient = Integer.parseInt(v);
                case "perHour" -> perHour = Integer.parseInt(v);
                case "perDay" -> perDay = Integer.parseInt(v);
                case "budget" -> budget = Optional.of(new BigDecimal(v));
                case "quiet" -> quiet = QuietHours.parse(v);
                default -> throw new IllegalArgumentException(overrides[i]);
            }
        }
        return new Policy(Mode.LIVE, allowed, blocked, replies, perRecipient, perHour, perDay, budget, quiet);
    }

    private static Decision decide(Policy policy, PhoneNumber to, Facts facts, Instant now) {
        return new PolicyCheck(policy, ZONES).decide(to, CENT, facts, now);
    }

    private static Decision.Refused refused(Decision decision) {
        return assertInstanceOf(Decision.Refused.class, decision);
    }

    private static Facts sent(PhoneNumber to, Instant... times) {
        List<Charge> charges = new ArrayList<>();
        for (Instant t : times) {
            charges.add(new Charge(t, to.e164(), CENT, "twilio"));
        }
        return new Facts(charges, Optional.empty(), true);
    }

    @Test
    void nothingSetAllowsADaytimeMessageWithItsEstimate() {
        Decision decision = decide(policy(), LA, NOTHING, NOON_IN_LA);
        assertEquals(new Decision.Allowed(CENT), decision);
    }

    @Test
    void aBlockWinsOverAnAllowListAndIsCheckedFirst() {
        Decision.Refused r = refused(decide(policy("allowed", "+1415*", "blocked", "+14155552671", "replies", "true"),
                LA, NOTHING, NOON_IN_LA));
        assertEquals("blocked recipient", r.rule());
        assertEquals("+14155552671", r.number());
        assertTrue(r.setting().startsWith("SMS_BLOCKED_RECIPIENTS"));
        assertEquals(Optional.empty(), r.nextAllowed(), "waiting does not lift a block");
    }

    @Test
    void anOptOutIsRefusedEvenWhenEverythingElseAllows() {
        Facts optedOut = new Facts(List.of(), Optional.of(NOON_IN_LA.minusSeconds(60)), true);
        assertEquals("opted out", refused(decide(policy(), LA, optedOut, NOON_IN_LA)).rule());
    }

    @Test
    void quietHoursFollowTheRecipientNotTheServer() {
        Policy evenings = policy("quiet", "19:00-08:00");
        assertInstanceOf(Decision.Allowed.class, decide(evenings, LA, NOTHING, NOON_IN_LA), "noon in Los Angeles");
        Decision.Refused london = refused(decide(evenings, LONDON, NOTHING, NOON_IN_LA));
        assertEquals("quiet hours", london.rule());
        assertTrue(london.reason().contains("Europe/London"), london.reason());
        assertEquals(Instant.parse("2026-11-22T08:00:00Z"), london.nextAllowed().orElseThrow(), "08:00 in London (GMT)");
    }

    @Test
    void theNextAllowedTimeIsWhenTheOldestCountedSendLeavesTheWindow() {
        Instant now = NOON_IN_LA;
        Facts three = sent(LA, now.minus(Duration.ofMinutes(50)), now.minus(Duration.ofMinutes(30)), now.minus(Duration.ofMinutes(5)));
        Decision.Refused r = refused(decide(policy("perRecipient", "2"), LA, three, now));
        assertEquals("messages per recipient per hour", r.rule());
        assertEquals(now.minus(Duration.ofMinutes(30)).plus(Duration.ofHours(1)), r.nextAllowed().orElseThrow(),
                "with 3 in the window and a limit of 2, two must leave: the second oldest decides");
        Facts old = sent(LA, now.minus(Duration.ofMinutes(61)), now.minus(Duration.ofMinutes(62)));
        assertInstanceOf(Decision.Allowed.class, decide(policy("perRecipient", "2"), LA, old, now), "outside the hour");
    }

    @Test
    void aZeroLimitRefusesWithoutATimeToTryAgain() {
        Decision.Refused r = refused(decide(policy("perDay", "0"), LA, NOTHING, NOON_IN_LA));
        assertEquals("messages per day", r.rule());
        assertEquals(Optional.empty(), r.nextAllowed());
    }

    @Test
    void theBudgetOpensWhenEnoughSpendingRollsOut() {
        Instant now = NOON_IN_LA;
        List<Charge> charges = List.of(
                new Charge(now.minus(Duration.ofHours(20)), "+14155550001", new BigDecimal("0.03"), "twilio"),
                new Charge(now.minus(Duration.ofHours(2)), "+14155550002", new BigDecimal("0.01"), "twilio"));
        Facts facts = new Facts(charges, Optional.empty(), true);
        Decision.Refused r = refused(decide(policy("budget", "0.04"), LA, facts, now));
        assertEquals("daily budget", r.rule());
        assertEquals(now.minus(Duration.ofHours(20)).plus(Duration.ofDays(1)), r.nextAllowed().orElseThrow());
        assertInstanceOf(Decision.Allowed.class, decide(policy("budget", "0.05"), LA, facts, now));
    }
}
