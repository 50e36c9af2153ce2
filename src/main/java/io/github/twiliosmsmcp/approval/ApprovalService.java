package io.github.twiliosmsmcp.approval;

import io.github.twiliosmsmcp.autorespond.Autoresponder;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.delivery.SendReport;
import io.github.twiliosmsmcp.delivery.SendRequest;
import io.github.twiliosmsmcp.delivery.SendService;
import io.github.twiliosmsmcp.delivery.Shown;
import io.github.twiliosmsmcp.policy.Approval;
import io.github.twiliosmsmcp.policy.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The path every send of a model takes: straight to {@link SendService} when no person has to
 * approve it, into the staging queue when one has. Only a person's front door (the review command,
 * the review page) calls {@link #approve}, {@link #reject} or {@link #edit}: nothing a tool passes can
 * approve a message.
 */
public final class ApprovalService {
    /** The idempotency keys of staged sends: a model's own key may not take this form. */
    public static final String RESERVED_KEY_PREFIX = "staged:";
    /** send_approved_sms stops starting sends after this, so its answer is out within the client's 60 s. */
    static final Duration BATCH_BUDGET = Duration.ofSeconds(40);
    private static final int LIST_LIMIT = 50;

    private final SendService sender;
    private final StagedMessages staged;
    private final Approval approval;
    private final String account;
    private final Clock clock;
    private final Duration repeatWindow;

    /** {@code repeatWindow}: how long a message sent from the queue counts as sent when staged again. */
    public ApprovalService(SendService sender, StagedMessages staged, Approval approval, String account, Clock clock,
            Duration repeatWindow) {
        this.sender = sender;
        this.staged = staged;
        this.approval = approval;
        this.account = account;
        this.clock = clock;
        this.repeatWindow = repeatWindow;
    }

    /** Who approved a message in the chat, as the store records it. */
    static final String USER_IN_CHAT = "the user, in the chat";

    /** What a send tool's call became. */
    public sealed interface Submitted permits Sent, Held, DeclinedInChat {}

    public record Sent(SendReport report) implements Submitted {}

    /** The user said no in the chat: the staged message is rejected and nothing was sent. */
    public record DeclinedInChat(Staged message) implements Submitted {}

    /** A person must approve it first; {@code result} says whether it was staged. */
    public record Held(StageResult result) implements Submitted {}

    /** What staging a message came to. */
    public sealed interface StageResult permits StagedForApproval, NotStaged {}

    /**
     * Staged: nothing is sent until a person approves it. {@code laterRule} is an owner's rule that
     * would refuse it right now (quiet hours, a limit) and is checked again when it is sent.
     */
    public record StagedForApproval(Staged message, boolean alreadyStaged, Optional<Decision.Refused> laterRule,
            Approval.Rule setting) implements StageResult {}

    /** It could never go out as written: the report says why and what to do. */
    public record NotStaged(SendReport report) implements StageResult {}

    public Approval approval() {
        return approval;
    }

    /** {@code send_sms}, {@code send_mms}, {@code reply_to_sms}: sent at once, or staged when a person must approve. */
    public Submitted submit(SendRequest request, Progress progress) {
        return submit(request, progress, Confirmation.NONE);
    }

    /**
     * Like {@link #submit(SendRequest, Progress)}, but a message that must wait for a person is put
     * to the user in the chat first: approved there, it is sent at once; declined, it is rejected;
     * with no answer, it waits in the queue.
     */
    public Submitted submit(SendRequest request, Progress progress, Confirmation confirmation) {
        Submitted submitted = submitWithoutAsking(request, progress);
        if (!(submitted instanceof Held held) || !(held.result() instanceof StagedForApproval staged)
                || staged.message().state() != StagedState.PENDING) {
            return submitted;
        }
        Confirmation.Answer answer = confirmation.ask(staged.message());
        return answer instanceof Confirmation.Dismissed ? held : answered(staged.message(), answer, progress);
    }

    /**
     * What the user's answer in the chat about a staged message does: approved, it is sent now (as
     * edited); declined, it is rejected; dismissed, it stays in the queue. Answering again about a
     * message already approved and sent repeats that send, which the journal answers without a
     * second one: so a client that repeats its answer sends nothing twice.
     */
    public Submitted answered(Staged message, Confirmation.Answer answer, Progress progress) {
        try {
            if (answer instanceof Confirmation.Declined) {
                rejectInChat(message, "declined by the user in the chat");
                return new DeclinedInChat(message);
            }
            if (answer instanceof Confirmation.Approved approved) {
                return approvedInChat(message, approved.editedText(), progress);
            }
        } catch (StoreUnavailable e) {
            return new Sent(sender.storeUnavailable(message.kind(), message.to(), e));
        }
        return new Held(new StagedForApproval(message, true, Optional.empty(), approval.rule()));
    }

    private void rejectInChat(Staged message, String reason) throws StoreUnavailable {
        staged.decide(account, message.id(), message.digest(), false, Optional.of(reason), USER_IN_CHAT,
                clock.instant());
    }

    /** The user approved what they saw, or their own edit of it: that version is approved and sent now. */
    private Submitted approvedInChat(Staged message, Optional<String> editedText, Progress progress)
            throws StoreUnavailable {
        Staged approved = message;
        if (editedText.isPresent() && !editedText.get().equals(message.body())) {
            StageResult edited = edit(message.id(), editedText.get(), USER_IN_CHAT);
            if (edited instanceof NotStaged notStaged) {
                return new Sent(notStaged.report());
            }
            approved = ((StagedForApproval) edited).message();
        }
        staged.decide(account, approved.id(), approved.digest(), true, Optional.empty(), USER_IN_CHAT,
                clock.instant());
        return new Sent(sendNow(approved, progress));
    }

    /** One approved message, sent with the usual wait for its status; its key makes a repeat of it a repeat. */
    private SendReport sendNow(Staged message, Progress progress) throws StoreUnavailable {
        SendReport report = sender.send(message.request(), progress);
        staged.finished(account, message.id(), after(report), outcome(report), report.sid(), clock.instant());
        return report;
    }

    private static String outcome(SendReport report) {
        return report.outcome().name().toLowerCase(Locale.ROOT) + ": " + report.summary();
    }

    private Submitted submitWithoutAsking(SendRequest request, Progress progress) {
        Optional<SendReport> reserved = reservedKey(request);
        if (reserved.isPresent()) {
            return new Sent(reserved.get());
        }
        if (approval.rule() == Approval.Rule.OFF) {
            return new Sent(sender.send(request, progress));
        }
        SendService.Preview preview = sender.preview(request);
        if (preview instanceof SendService.Sendable sendable && !approval.required(sendable.known())) {
            return new Sent(sender.send(request, progress));
        }
        return new Held(stage(request, preview, Priority.NORMAL, Optional.empty()));
    }

    /** {@code stage_sms}: staged whatever the setting, after every check a send runs. */
    public StageResult stage(SendRequest request, Priority priority, Optional<String> notes) {
        Optional<SendReport> reserved = reservedKey(request);
        if (reserved.isPresent()) {
            return new NotStaged(reserved.get());
        }
        return stage(request, sender.preview(request), priority, notes);
    }

    private StageResult stage(SendRequest request, SendService.Preview preview, Priority priority,
            Optional<String> notes) {
        if (preview instanceof SendService.Unsendable unsendable) {
            return new NotStaged(unsendable.report());
        }
        SendService.Sendable sendable = (SendService.Sendable) preview;
        Instant now = clock.instant();
        Staged draft = new Staged(0, account, request.kind(), sendable.to(), request.from(), request.body(),
                request.mediaUrls(), request.inReplyTo(), priority, notes.map(String::strip).filter(n -> !n.isEmpty()),
                Optional.empty(), StagedState.PENDING, Optional.empty(), Optional.empty(), Optional.empty(), now,
                now.plus(approval.ttl()), sendable.size().segments(), sendable.size().encoding().name(),
                sendable.estimateUsd(), Optional.empty());
        try {
            StagedMessages.Stored stored = staged.stage(draft, now, now.minus(repeatWindow));
            return new StagedForApproval(stored.message(), stored.alreadyStaged(), sendable.laterRule(),
                    approval.rule());
        } catch (StoreUnavailable e) {
            return new NotStaged(sender.storeUnavailable(request.kind(), sendable.to(), e));
        }
    }

    /** {@code list_staged_sms}: newest first, with the state as of now. */
    public List<Staged> list(Optional<StagedState> state) throws StoreUnavailable {
        return staged.list(account, state, clock.instant(), LIST_LIMIT);
    }

    /** One approved message and what its send came to; {@code report} is empty when it was left for the next call. */
    public record Attempt(Staged message, Optional<SendReport> report) {}

    /**
     * {@code send_approved_sms}: sends every approved, unsent message once, without waiting for
     * delivery receipts (they settle in the journal). The send's idempotency key is the staged id,
     * so a second call, a second process, or a retry after a crash repeats the same send and never
     * makes another.
     */
    public List<Attempt> sendApproved(Progress progress) throws StoreUnavailable {
        Instant deadline = clock.instant().plus(BATCH_BUDGET);
        List<Attempt> attempts = new ArrayList<>();
        for (Staged message : staged.approvedUnsent(account, clock.instant())) {
            if (!clock.instant().isBefore(deadline)) {
                attempts.add(new Attempt(message, Optional.empty()));
                continue;
            }
            SendReport report = sender.sendWithoutWaiting(message.request(), progress);
            staged.finished(account, message.id(), after(report), outcome(report), report.sid(), clock.instant());
            attempts.add(new Attempt(message, Optional.of(report)));
        }
        return attempts;
    }

    public Optional<Staged> find(long id) throws StoreUnavailable {
        return staged.find(account, id);
    }

    /** A person approves what they saw ({@code digest}): the message, not any later version of it. */
    public StagedMessages.Decided approve(long id, String digest, String reviewer) throws StoreUnavailable {
        return staged.decide(account, id, digest, true, Optional.empty(), reviewer, clock.instant());
    }

    /** A person rejects it; the model reads {@code reason} in list_staged_sms. */
    public StagedMessages.Decided reject(long id, String digest, String reason, String reviewer)
            throws StoreUnavailable {
        return staged.decide(account, id, digest, false, Optional.of(reason), reviewer, clock.instant());
    }

    /**
     * A person changes the text: the new version is checked as a new message would be and staged
     * pending, needing its own approval; the old one is closed as replaced.
     */
    public StageResult edit(long id, String newBody, String reviewer) throws StoreUnavailable {
        Optional<Staged> old = staged.find(account, id);
        if (old.isEmpty() || !old.get().stateAt(clock.instant()).open()) {
            return new NotStaged(SendReport.invalid(SendRequest.Kind.SMS, old.map(Staged::to).orElse(""),
                    "staged message " + id + " is not waiting for approval", "", false));
        }
        Staged before = old.get();
        SendRequest request = new SendRequest(before.kind(), before.to(), before.from(), newBody, before.media(),
                Optional.empty(), before.inReplyTo());
        SendService.Preview preview = sender.preview(request);
        if (preview instanceof SendService.Unsendable unsendable) {
            return new NotStaged(unsendable.report());
        }
        SendService.Sendable sendable = (SendService.Sendable) preview;
        Instant now = clock.instant();
        Staged edited = new Staged(0, account, before.kind(), before.to(), before.from(), newBody, before.media(),
                before.inReplyTo(), before.priority(), before.notes(), Optional.of(id), StagedState.PENDING,
                Optional.empty(), Optional.empty(), Optional.empty(), now, now.plus(approval.ttl()),
                sendable.size().segments(), sendable.size().encoding().name(), sendable.estimateUsd(), Optional.empty());
        Optional<Staged> next = staged.replace(account, id, edited, reviewer, now);
        return next.<StageResult>map(n -> new StagedForApproval(n, false, sendable.laterRule(), approval.rule()))
                .orElseGet(() -> new NotStaged(SendReport.invalid(before.kind(), before.to(),
                        "staged message " + id + " was decided meanwhile", "", false)));
    }

    /**
     * Sent, or certainly never sent as written; otherwise it stays approved for the next call: its
     * outcome is unknown (the next call repeats the same send), or it may go out later by itself
     * (quiet hours, a limit, Twilio or the store unreachable).
     */
    private static StagedState after(SendReport report) {
        Boolean accepted = report.outcome().accepted();
        if (accepted == null) {
            return StagedState.APPROVED;
        }
        if (accepted) {
            return StagedState.SENT;
        }
        boolean later = switch (report.outcome()) {
            case TWILIO_UNREACHABLE, STORE_UNAVAILABLE -> true;
            case REFUSED_BY_POLICY -> report.refusal().flatMap(Decision.Refused::nextAllowed).isPresent();
            default -> false;
        };
        return later ? StagedState.APPROVED : StagedState.FAILED;
    }

    /** A model's key must not take the place of a staged message's or an autoreply's, and so stop it going out. */
    private Optional<SendReport> reservedKey(SendRequest request) {
        Optional<String> key = request.idempotencyKey().map(String::strip);
        if (key.map(k -> k.startsWith(RESERVED_KEY_PREFIX) || k.startsWith(Autoresponder.KEY_PREFIX)).orElse(false)) {
            return Optional.of(SendReport.invalid(request.kind(), Shown.of(request.to()), "idempotency keys starting"
                    + " with \"" + RESERVED_KEY_PREFIX + "\" or \"" + Autoresponder.KEY_PREFIX + "\" are reserved for"
                    + " staged messages and autoreplies", "Use another key, or none.", false));
        }
        return Optional.empty();
    }
}
