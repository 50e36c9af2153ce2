package io.github.twiliosmsmcp.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.approval.ApprovalService.Held;
import io.github.twiliosmsmcp.approval.ApprovalService.NotStaged;
import io.github.twiliosmsmcp.approval.ApprovalService.Sent;
import io.github.twiliosmsmcp.approval.ApprovalService.StagedForApproval;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.delivery.LocalCore;
import io.github.twiliosmsmcp.delivery.Outcome;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.delivery.SendRequest;
import io.github.twiliosmsmcp.delivery.SendService;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.policy.Approval;
import io.github.twiliosmsmcp.sms.FakeGateway;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.MutableClock;
import io.github.twiliosmsmcp.store.SqlInbox;
import io.github.twiliosmsmcp.store.SqlStagedMessages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The approval path in-process: a scripted gateway, the store on a real SQLite file, and a clock
 * moved by hand. Each service stands for one server process on the shared file.
 */
class ApprovalServiceTest {
    private static final String KNOWN = "+14155550100";
    private static final String STRANGER = "+14155550199";

    @TempDir
    Path folder;
    private LocalCore core;
    private MutableClock clock;
    private FakeGateway gateway;

    @BeforeEach
    void open() {
        core = new LocalCore(folder, Instant.parse("2026-12-02T18:00:00Z"));
        clock = core.clock;
        gateway = core.gateway;
    }

    @AfterEach
    void close() {
        core.close();
    }

    private ApprovalService service(String rule, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("SMS_APPROVAL", rule);
        Settings settings = core.settings(env);
        Database database = core.database();
        SendService sender = core.sender(settings, database, Duration.ofSeconds(5));
        return new ApprovalService(sender, new SqlStagedMessages(database), settings.approval(), "AC1", clock,
                Duration.ofMinutes(10));
    }

    private ApprovalService service(String rule) {
        return service(rule, Map.of());
    }

    private static SendRequest sms(String to, String text) {
        return new SendRequest(SendRequest.Kind.SMS, to, Optional.empty(), text, List.of(), Optional.empty(),
                Optional.empty());
    }

    private void knowsFromAReply(String number) throws Exception {
        Inbox inbox = new SqlInbox(core.database(), "AC1");
        inbox.remember(List.of(gateway.receive(number, LocalCore.OURS, "hi")), message -> Optional.empty());
    }

    @ParameterizedTest(name = "{0}: to a known number sent at once {1}, to a stranger {2}")
    @CsvSource({"off, true, true", "all, false, false", "new-recipients, true, false"})
    void eachSettingDecidesWhichSendsWaitForAPerson(String rule, boolean knownSent, boolean strangerSent)
            throws Exception {
        ApprovalService approvals = service(rule);
        knowsFromAReply(KNOWN);

        ApprovalService.Submitted known = approvals.submit(sms(KNOWN, "Hello again"), Progress.NONE);
        ApprovalService.Submitted stranger = approvals.submit(sms(STRANGER, "Hello you"), Progress.NONE);

        assertEquals(knownSent, known instanceof Sent, known.toString());
        assertEquals(strangerSent, stranger instanceof Sent, stranger.toString());
        assertEquals((knownSent ? 1 : 0) + (strangerSent ? 1 : 0), gateway.creates().size());
    }

    @Test
    void aNumberWeTextedBeforeIsNoLongerNew() throws Exception {
        service("off").submit(sms(STRANGER, "First, before approval was switched on"), Progress.NONE);

        ApprovalService.Submitted later = service("new-recipients").submit(sms(STRANGER, "Second"), Progress.NONE);

        assertInstanceOf(Sent.class, later);
        assertEquals(2, gateway.creates().size());
    }

    @Test
    void aMessageThatCouldNeverGoOutIsRefusedAtOnceNotStaged() {
        ApprovalService approvals = service("all", Map.of("SMS_BLOCKED_RECIPIENTS", STRANGER));

        List<ApprovalService.StageResult> results = List.of(
                approvals.stage(sms(STRANGER, "Blocked"), Priority.NORMAL, Optional.empty()),
                approvals.stage(sms("not a number", "Bad number"), Priority.NORMAL, Optional.empty()),
                approvals.stage(sms(KNOWN, "x".repeat(1601)), Priority.NORMAL, Optional.empty()),
                approvals.stage(sms(KNOWN, ""), Priority.NORMAL, Optional.empty()));

        assertEquals(List.of(Outcome.REFUSED_BY_POLICY, Outcome.INVALID_REQUEST, Outcome.INVALID_REQUEST,
                Outcome.INVALID_REQUEST), results.stream().map(r -> ((NotStaged) r).report().outcome()).toList());
    }

    @Test
    void aRuleThatPassesLaterByItselfStagesWithANoteAndIsCheckedAgainWhenSent() throws Exception {
        ApprovalService approvals = service("all", Map.of("SMS_QUIET_HOURS", "00:00-23:59"));

        StagedForApproval staged = (StagedForApproval) approvals.stage(sms(KNOWN, "Tomorrow"), Priority.NORMAL,
                Optional.empty());
        assertEquals("quiet hours", staged.laterRule().orElseThrow().rule());
        approvals.approve(staged.message().id(), staged.message().digest(), "ann");

        List<ApprovalService.Attempt> attempts = approvals.sendApproved(Progress.NONE);

        assertEquals(Outcome.REFUSED_BY_POLICY, attempts.get(0).report().orElseThrow().outcome());
        assertEquals(0, gateway.creates().size());
        assertEquals(StagedState.APPROVED, approvals.find(staged.message().id()).orElseThrow().state(),
                "still approved: it goes out once the quiet hours end");
    }

    @Test
    void nothingPendingIsSentAndEachApprovedMessageIsSentOnceWhateverTheCalls() throws Exception {
        ApprovalService approvals = service("all");
        Staged first = ((StagedForApproval) ((Held) approvals.submit(sms(KNOWN, "One"), Progress.NONE)).result())
                .message();
        Staged second = ((StagedForApproval) ((Held) approvals.submit(sms(STRANGER, "Two"), Progress.NONE)).result())
                .message();

        assertEquals(List.of(), approvals.sendApproved(Progress.NONE), "nothing approved yet");
        approvals.approve(first.id(), first.digest(), "ann");
        List<ApprovalService.Attempt> attempts = approvals.sendApproved(Progress.NONE);
        List<ApprovalService.Attempt> again = service("all").sendApproved(Progress.NONE);

        assertEquals(1, attempts.size());
        assertEquals(1, gateway.creates().size());
        assertEquals(KNOWN, gateway.creates().get(0).to().e164());
        assertEquals(List.of(), again);
        assertEquals(StagedState.SENT, approvals.find(first.id()).orElseThrow().state());
        assertEquals(StagedState.PENDING, approvals.find(second.id()).orElseThrow().state());
    }

    @Test
    void twoProcessesSendingTheApprovedMessagesAtOnceMakeOneCreate() throws Exception {
        ApprovalService one = service("all");
        ApprovalService two = service("all");
        Staged m = ((StagedForApproval) one.stage(sms(KNOWN, "Race"), Priority.URGENT, Optional.empty())).message();
        one.approve(m.id(), m.digest(), "ann");

        CompletableFuture<List<ApprovalService.Attempt>> a = CompletableFuture.supplyAsync(() -> sendApproved(one));
        CompletableFuture<List<ApprovalService.Attempt>> b = CompletableFuture.supplyAsync(() -> sendApproved(two));
        a.join();
        b.join();

        assertEquals(1, gateway.creates().size());
        assertEquals(StagedState.SENT, one.find(m.id()).orElseThrow().state());
    }

    private static List<ApprovalService.Attempt> sendApproved(ApprovalService approvals) {
        try {
            return approvals.sendApproved(Progress.NONE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSendTheModelRepeatsAfterItWasSentFromTheQueueIsARepeat() throws Exception {
        ApprovalService approvals = service("all");
        Staged m = ((StagedForApproval) approvals.stage(sms(KNOWN, "Once"), Priority.NORMAL, Optional.empty()))
                .message();
        approvals.approve(m.id(), m.digest(), "ann");
        approvals.sendApproved(Progress.NONE);

        ApprovalService.Submitted repeat = service("new-recipients").submit(sms(KNOWN, "Once"), Progress.NONE);

        assertEquals(Outcome.ALREADY_SENT, ((Sent) repeat).report().outcome());
        assertEquals(1, gateway.creates().size());
    }

    @Test
    void aModelCannotUseTheKeysOfStagedSends() {
        ApprovalService approvals = service("off");
        SendRequest sneaky = new SendRequest(SendRequest.Kind.SMS, KNOWN, Optional.empty(), "hi", List.of(),
                Optional.of(" staged:1"), Optional.empty());

        assertEquals(Outcome.INVALID_REQUEST, ((Sent) approvals.submit(sneaky, Progress.NONE)).report().outcome());
        assertEquals(Outcome.INVALID_REQUEST, ((NotStaged) approvals.stage(sneaky, Priority.NORMAL, Optional.empty()))
                .report().outcome());
        assertEquals(0, gateway.creates().size());
    }

    @Test
    void anEditIsCheckedLikeANewMessageAndWaitsForItsOwnApproval() throws Exception {
        ApprovalService approvals = service("all");
        Staged m = ((StagedForApproval) approvals.stage(sms(KNOWN, "Draft"), Priority.NORMAL, Optional.empty()))
                .message();

        assertInstanceOf(NotStaged.class, approvals.edit(m.id(), "x".repeat(1601), "bob"));
        StagedForApproval edited = (StagedForApproval) approvals.edit(m.id(), "Final words", "bob");
        approvals.approve(m.id(), m.digest(), "ann");

        assertEquals(StagedState.REJECTED, approvals.find(m.id()).orElseThrow().state());
        assertEquals(StagedState.PENDING, approvals.find(edited.message().id()).orElseThrow().state());
        assertEquals(List.of(), approvals.sendApproved(Progress.NONE));
        assertEquals(0, gateway.creates().size());
    }

    @Test
    void anApprovedMessagePastItsTimeIsNotSent() throws Exception {
        ApprovalService approvals = service("all", Map.of("SMS_APPROVAL_TTL", "1h"));
        Staged m = ((StagedForApproval) approvals.stage(sms(KNOWN, "Soon stale"), Priority.NORMAL, Optional.empty()))
                .message();
        approvals.approve(m.id(), m.digest(), "ann");
        clock.advance(Duration.ofHours(1));

        assertEquals(List.of(), approvals.sendApproved(Progress.NONE));
        assertEquals(StagedState.EXPIRED, approvals.find(m.id()).orElseThrow().stateAt(clock.instant()));
        assertTrue(gateway.creates().isEmpty());
    }

    @Test
    void anUnknownOutcomeKeepsTheMessageApprovedAndTheNextCallRepeatsTheSameSend() throws Exception {
        ApprovalService approvals = service("all");
        gateway.then(FakeGateway.unreachable(true));
        Staged m = ((StagedForApproval) approvals.stage(sms(KNOWN, "Maybe"), Priority.NORMAL, Optional.empty()))
                .message();
        approvals.approve(m.id(), m.digest(), "ann");

        Outcome first = approvals.sendApproved(Progress.NONE).get(0).report().orElseThrow().outcome();
        Outcome second = approvals.sendApproved(Progress.NONE).get(0).report().orElseThrow().outcome();

        assertEquals(Outcome.UNKNOWN, first);
        assertEquals(Outcome.NOT_SENT_AGAIN, second);
        assertEquals(1, gateway.creates().size(), "the second call repeated the same send and made no create");
    }

    private static Staged stagedOf(ApprovalService.Submitted submitted) {
        return ((StagedForApproval) ((Held) submitted).result()).message();
    }

    @Test
    void approvedInTheChatItIsSentAtOnceAndOnlyOnce() throws Exception {
        ApprovalService approvals = service("all");
        List<Staged> asked = new ArrayList<>();
        Confirmation yes = message -> {
            asked.add(message);
            return new Confirmation.Approved(Optional.empty());
        };

        ApprovalService.Submitted first = approvals.submit(sms(KNOWN, "Confirmed in the chat"), Progress.NONE, yes);
        ApprovalService.Submitted again = approvals.submit(sms(KNOWN, "Confirmed in the chat"), Progress.NONE, yes);

        assertEquals(Outcome.DELIVERED, ((Sent) first).report().outcome());
        assertEquals(1, gateway.creates().size());
        assertEquals(1, asked.size(), "the repeat was recognised as sent and not put to the user again");
        assertEquals(StagedState.SENT, stagedOf(again).state());
        assertEquals(StagedState.SENT, approvals.find(asked.get(0).id()).orElseThrow().state());
        assertEquals(List.of(), approvals.sendApproved(Progress.NONE), "nothing is left for the queue to send");
    }

    @Test
    void theUsersEditIsWhatGoesOutAndTheOldTextIsClosedAsReplaced() throws Exception {
        ApprovalService approvals = service("all");

        ApprovalService.Submitted sent = approvals.submit(sms(KNOWN, "Draft words"), Progress.NONE,
                message -> new Confirmation.Approved(Optional.of("The user's words")));

        assertInstanceOf(Sent.class, sent);
        assertEquals("The user's words", gateway.creates().get(0).body());
        List<Staged> all = approvals.list(Optional.empty());
        assertEquals(List.of(StagedState.SENT, StagedState.REJECTED), all.stream().map(Staged::state).toList());
        assertTrue(all.get(1).reason().orElseThrow().contains("replaced by staged message " + all.get(0).id()));
    }

    @Test
    void anEditThatCouldNotBeSentIsRefusedAndNothingGoesOut() {
        ApprovalService approvals = service("all");

        ApprovalService.Submitted sent = approvals.submit(sms(KNOWN, "Draft"), Progress.NONE,
                message -> new Confirmation.Approved(Optional.of("x".repeat(1601))));

        assertEquals(Outcome.INVALID_REQUEST, ((Sent) sent).report().outcome());
        assertTrue(gateway.creates().isEmpty());
    }

    @Test
    void declinedInTheChatItIsRejectedAndNotSent() throws Exception {
        ApprovalService approvals = service("all");

        ApprovalService.Submitted declined = approvals.submit(sms(KNOWN, "Not this"), Progress.NONE,
                message -> new Confirmation.Declined());

        Staged message = ((ApprovalService.DeclinedInChat) declined).message();
        Staged stored = approvals.find(message.id()).orElseThrow();
        assertEquals(StagedState.REJECTED, stored.state());
        assertEquals(Optional.of("declined by the user in the chat"), stored.reason());
        assertTrue(gateway.creates().isEmpty());
    }

    @Test
    void aDismissedQuestionLeavesTheMessageInTheQueue() throws Exception {
        ApprovalService approvals = service("all");

        ApprovalService.Submitted held = approvals.submit(sms(KNOWN, "Later"), Progress.NONE,
                message -> new Confirmation.Dismissed("cancelled"));

        assertEquals(StagedState.PENDING, stagedOf(held).state());
        assertFalse(((StagedForApproval) ((Held) held).result()).alreadyStaged(), "staged by this very call");
        assertTrue(gateway.creates().isEmpty());
    }

    @Test
    void nothingIsAskedWhenNoPersonMustApprove() {
        ApprovalService approvals = service("new-recipients");
        List<Staged> asked = new ArrayList<>();
        service("off").submit(sms(KNOWN, "Hello first"), Progress.NONE);

        approvals.submit(sms(KNOWN, "Hello again"), Progress.NONE, message -> {
            asked.add(message);
            return new Confirmation.Declined();
        });

        assertEquals(List.of(), asked);
        assertEquals(2, gateway.creates().size());
    }
}
