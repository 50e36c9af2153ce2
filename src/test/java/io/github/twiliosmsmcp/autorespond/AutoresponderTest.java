package io.github.twiliosmsmcp.autorespond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.delivery.LocalCore;
import io.github.twiliosmsmcp.delivery.SendService;
import io.github.twiliosmsmcp.policy.Approval;
import io.github.twiliosmsmcp.sms.FakeGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.MutableClock;
import io.github.twiliosmsmcp.store.SqlAutoresponders;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Autoresponders in-process: a scripted gateway, the store on a real SQLite file shared by every
 * autoresponder made here (each standing for one service process), and a clock moved by hand.
 */
class AutoresponderTest {
    private static final String OURS = LocalCore.OURS;
    private static final String STRANGER = "+14155550199";
    private static final String OTHER = "+14155550188";

    @TempDir
    Path folder;
    private LocalCore core;
    private MutableClock clock;
    private FakeGateway gateway;

    @BeforeEach
    void open() {
        // A Monday, 10:00 UTC.
        core = new LocalCore(folder, Instant.parse("2026-12-07T10:00:00Z"));
        clock = core.clock;
        gateway = core.gateway;
    }

    @AfterEach
    void close() {
        core.close();
    }

    private Autoresponder autoresponder(Map<String, String> more) {
        Settings settings = core.settings(more);
        Database database = core.database();
        SendService sender = core.sender(settings, database, Duration.ZERO);
        return new Autoresponder(new SqlAutoresponders(database), sender, List.of(OURS),
                new Rules.Limits(settings.autoresponding().cooldown(), 3), ZoneId.of("UTC"), "AC1", clock);
    }

    private Autoresponder autoresponder() {
        return autoresponder(Map.of());
    }

    private RuleBook book(Approval.Rule approval) {
        return new RuleBook(new SqlAutoresponders(core.database()), approval, "AC1", clock);
    }

    private Rule rule(String trigger, String response) throws Exception {
        return rule(trigger, Trigger.Match.KEYWORD, response, Optional.empty());
    }

    private Rule rule(String trigger, Trigger.Match match, String response, Optional<String> hours) throws Exception {
        return book(Approval.Rule.OFF).create(new RuleBook.Request(trigger, match, response, true, hours),
                Rule.Origin.PERSON).rule();
    }

    private MessageRecord from(String number, String body) {
        return gateway.receive(number, OURS, body);
    }

    private List<String> sentTexts() {
        return gateway.creates().stream().map(m -> m.to().e164() + ": " + m.body()).toList();
    }

    @Test
    void theFirstEnabledRuleThatMatchesAnswersOnceThroughTheSendPath() throws Exception {
        rule("PRICES", "Our prices: see example.com");
        Rule disabled = rule("HOURS", "never sent");
        book(Approval.Rule.OFF).setEnabled(disabled.id(), false);
        Rule hours = rule("hours", "Open Mon-Fri 9-17");
        rule("\\bhours?\\b", Trigger.Match.PATTERN, "too late in the order", Optional.empty());
        Autoresponder autoresponder = autoresponder();

        MessageRecord inbound = from(STRANGER, "What are your HOURS?");
        assertEquals(Autoresponder.Kind.SENT, autoresponder.answer(inbound).kind());
        assertEquals(List.of(STRANGER + ": Open Mon-Fri 9-17"), sentTexts());
        Rule counted = book(Approval.Rule.OFF).list().stream().filter(r -> r.id() == hours.id()).findFirst().get();
        assertEquals(1, counted.triggerCount());
        assertEquals(Optional.of(clock.instant()), counted.lastTriggered());

        // A retried webhook, and a second service on the same store, find the reply already made.
        assertEquals(Autoresponder.Kind.ALREADY_ANSWERED, autoresponder.answer(inbound).kind());
        assertEquals(Autoresponder.Kind.ALREADY_ANSWERED, autoresponder().answer(inbound).kind());
        assertEquals(1, gateway.creates().size());
    }

    @ParameterizedTest(name = "\"{1}\" from {0} is not answered")
    @CsvSource(delimiter = '|', value = {
            "+14155550199 | STOP",
            "+14155550199 | stop.",
            "+14155550199 | START",
            "+14155550199 | Help",
            "+14155550199 | INFO",
            "+14155550199 | UNSUBSCRIBE",
            "+16502530000 | hours",
            "+16502530000 | hours please",
            "12345 | hours",
            "TWILIO | hours",
            "+14155550199 | Open Mon-Fri 9-17"})
    void reservedWordsOurOwnNumbersShortCodesAndOurOwnAnswersAreNeverAnswered(String number, String body)
            throws Exception {
        rule("hours", "Open Mon-Fri 9-17");
        rule("open", "We are open");
        rule("help", Trigger.Match.PATTERN, "pattern help", Optional.empty());
        rule("stop|start|info|unsubscribe", Trigger.Match.PATTERN, "pattern words", Optional.empty());

        Autoresponder.Result result = autoresponder().answer(from(number, body));

        assertEquals(Autoresponder.Kind.IGNORED, result.kind(), result.detail());
        assertEquals(List.of(), sentTexts());
    }

    @Test
    void aRuleAnswersOneNumberOncePerCooldownAndEachNumberAtMostThreeTimesADay() throws Exception {
        rule("a", "answer a");
        rule("b", "answer b");
        rule("c", "answer c");
        rule("d", "answer d");
        Autoresponder autoresponder = autoresponder(Map.of("SMS_AUTORESPONDER_COOLDOWN", "30m"));

        assertEquals(Autoresponder.Kind.SENT, autoresponder.answer(from(STRANGER, "a")).kind());
        clock.advance(Duration.ofMinutes(29));
        assertEquals(Autoresponder.Kind.COOLING_DOWN, autoresponder.answer(from(STRANGER, "a")).kind());
        assertEquals(Autoresponder.Kind.SENT, autoresponder.answer(from(OTHER, "a")).kind());
        assertEquals(Autoresponder.Kind.SENT, autoresponder.answer(from(STRANGER, "b")).kind());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Autoresponder.Kind.SENT, autoresponder.answer(from(STRANGER, "a")).kind());
        assertEquals(Autoresponder.Kind.CAPPED, autoresponder.answer(from(STRANGER, "c")).kind());
        assertEquals(Autoresponder.Kind.CAPPED, autoresponder.answer(from(STRANGER, "d")).kind());
        clock.advance(Duration.ofHours(24));
        assertEquals(Autoresponder.Kind.SENT, autoresponder.answer(from(STRANGER, "d")).kind());

        assertEquals(List.of(STRANGER + ": answer a", OTHER + ": answer a", STRANGER + ": answer b",
                STRANGER + ": answer a", STRANGER + ": answer d"), sentTexts());
    }

    @Test
    void outsideItsActiveHoursARuleDoesNotAnswerAndTheNextOneMay() throws Exception {
        rule("hours", Trigger.Match.KEYWORD, "We are open now", Optional.of("Mon-Fri 09:00-17:00"));
        rule("hours", Trigger.Match.KEYWORD, "We are closed; open Mon-Fri 9-17", Optional.empty());
        Autoresponder autoresponder = autoresponder(Map.of("SMS_AUTORESPONDER_COOLDOWN", "0"));

        autoresponder.answer(from(STRANGER, "hours"));
        clock.advance(Duration.ofHours(8));
        autoresponder.answer(from(OTHER, "hours"));

        assertEquals(List.of(STRANGER + ": We are open now", OTHER + ": We are closed; open Mon-Fri 9-17"),
                sentTexts());
    }

    @Test
    void inDryRunAnAutoreplyIsCountedButNothingIsSent() throws Exception {
        Rule hours = rule("hours", "Open Mon-Fri 9-17");
        Autoresponder autoresponder = autoresponder(Map.of("SMS_MODE", "dry-run"));

        Autoresponder.Result result = autoresponder.answer(from(STRANGER, "hours"));

        assertEquals(Autoresponder.Kind.SENT, result.kind());
        assertTrue(result.detail().contains("dry_run"), result.detail());
        assertEquals(List.of(), gateway.creates());
        assertEquals(1, book(Approval.Rule.OFF).list().get(0).triggerCount());
        assertEquals(hours.id(), book(Approval.Rule.OFF).list().get(0).id());
    }

    @Test
    void underApprovalAModelsRuleWaitsDisabledForAPersonAndAPersonsRuleDoesNot() throws Exception {
        RuleBook book = book(Approval.Rule.NEW_RECIPIENTS);
        RuleBook.Created byModel = book.create(new RuleBook.Request("hours", Trigger.Match.KEYWORD, "Open 9-17", true,
                Optional.empty()), Rule.Origin.MODEL);
        RuleBook.Created byPerson = book.create(new RuleBook.Request("prices", Trigger.Match.KEYWORD, "Cheap", true,
                Optional.empty()), Rule.Origin.PERSON);
        assertTrue(byModel.waitsForPerson());
        assertFalse(byModel.rule().enabled());
        assertFalse(byPerson.waitsForPerson());
        assertTrue(byPerson.rule().enabled());

        assertEquals(Autoresponder.Kind.NO_RULE, autoresponder().answer(from(STRANGER, "hours")).kind());
        assertTrue(book.setEnabled(byModel.rule().id(), true));
        assertEquals(Autoresponder.Kind.SENT, autoresponder().answer(from(OTHER, "hours")).kind());
    }

    @Test
    void rulesKeepTheOrderTheyAreGivenAndCanBeMovedAndDeleted() throws Exception {
        Rule first = rule("one", "1");
        Rule second = rule("two", "2");
        Rule third = rule("three", "3");
        RuleBook book = book(Approval.Rule.OFF);

        assertTrue(book.move(third.id(), 1));
        assertEquals(List.of(third.id(), first.id(), second.id()), book.list().stream().map(Rule::id).toList());
        assertEquals(List.of(1, 2, 3), book.list().stream().map(Rule::position).toList());
        assertTrue(book.delete(first.id()));
        assertFalse(book.delete(first.id()));
        assertFalse(book.move(first.id(), 1));
        assertEquals(List.of(third.id(), second.id()), book.list().stream().map(Rule::id).toList());
    }
}
