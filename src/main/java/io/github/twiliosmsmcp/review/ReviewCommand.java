package io.github.twiliosmsmcp.review;

import io.github.twiliosmsmcp.app.App;
import io.github.twiliosmsmcp.app.NotConfigured;
import io.github.twiliosmsmcp.approval.ApprovalService;
import io.github.twiliosmsmcp.approval.Staged;
import io.github.twiliosmsmcp.approval.StagedMessages;
import io.github.twiliosmsmcp.approval.StagedState;
import io.github.twiliosmsmcp.common.StoppableSleeper;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.common.Times;
import io.github.twiliosmsmcp.config.Environment;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code review}: a person at the server's machine approves, rejects or edits staged messages, and
 * enables, disables and orders autoresponder rules ({@link RuleCommands}). A front door of its own
 * because approval must come from a person, never from a tool call.
 */
public final class ReviewCommand {
    static final String USAGE = """
            Usage: java -jar twilio-sms-mcp.jar review                    list what waits for approval
                   java -jar twilio-sms-mcp.jar review approve ID...       approve these staged messages
                   java -jar twilio-sms-mcp.jar review reject ID REASON    reject one; the model reads the reason
                   java -jar twilio-sms-mcp.jar review edit ID TEXT        replace the text (a new version to approve)
                   java -jar twilio-sms-mcp.jar review rules               list the autoresponder rules
                   java -jar twilio-sms-mcp.jar review enable ID           let this rule answer
                   java -jar twilio-sms-mcp.jar review disable ID          stop this rule answering
                   java -jar twilio-sms-mcp.jar review move ID PLACE       try this rule at PLACE (1 first)
            """;

    private ReviewCommand() {}

    public static int run(String[] args, String version, Environment env, PrintStream out, PrintStream err) {
        Clock clock = Clock.systemUTC();
        App app = new App(env, "twilio-sms-mcp/" + version, clock, new StoppableSleeper());
        String reviewer = System.getProperty("user.name", "someone") + " (review command)";
        try {
            ApprovalService approvals = app.approvals().get();
            if (args.length == 0) {
                return list(approvals, clock.instant(), out);
            }
            return switch (args[0]) {
                case "approve" -> args.length >= 2 ? approve(approvals, Arrays.copyOfRange(args, 1, args.length),
                        reviewer, out, err) : usage(err);
                case "reject" -> args.length >= 3 ? reject(approvals, args[1],
                        String.join(" ", Arrays.copyOfRange(args, 2, args.length)), reviewer, out, err) : usage(err);
                case "edit" -> args.length >= 3 ? edit(approvals, args[1],
                        String.join(" ", Arrays.copyOfRange(args, 2, args.length)), reviewer, out, err) : usage(err);
                case "rules" -> new RuleCommands(app.rules().get(), out, err).list();
                case "enable", "disable" -> args.length == 2 ? new RuleCommands(app.rules().get(), out, err)
                        .setEnabled(args[1], args[0].equals("enable")) : usage(err);
                case "move" -> args.length == 3 ? new RuleCommands(app.rules().get(), out, err).move(args[1], args[2])
                        : usage(err);
                default -> usage(err);
            };
        } catch (NotConfigured e) {
            err.println("The server is not configured: " + e.describe());
            return 1;
        } catch (StoreUnavailable e) {
            err.println("The message store cannot be used: " + e.describe());
            return 1;
        }
    }

    private static int usage(PrintStream err) {
        err.print(USAGE);
        return 2;
    }

    private static int list(ApprovalService approvals, Instant now, PrintStream out) throws StoreUnavailable {
        List<Staged> waiting = approvals.list(Optional.of(StagedState.PENDING));
        List<Staged> approved = approvals.list(Optional.of(StagedState.APPROVED));
        if (waiting.isEmpty() && approved.isEmpty()) {
            out.println("Nothing waits for approval.");
            return 0;
        }
        for (Staged m : waiting) {
            print(m, now, out);
        }
        for (Staged m : approved) {
            print(m, now, out);
        }
        out.println("Approve with: java -jar twilio-sms-mcp.jar review approve ID");
        return 0;
    }

    private static void print(Staged m, Instant now, PrintStream out) {
        out.println("#" + m.id() + " " + m.stateAt(now).value().toUpperCase() + " " + m.priority().value() + " "
                + m.kind() + " to " + m.to() + " from " + m.from().orElse("the default sender") + ", staged "
                + Times.format(m.createdAt()) + ", expires " + Times.format(m.expiresAt()));
        out.println("  " + m.segments() + " segment(s), " + m.encoding() + ", about $" + m.estimateUsd().toPlainString()
                + (m.media().isEmpty() ? "" : ", media: " + String.join(" ", m.media())));
        m.notes().ifPresent(notes -> out.println("  notes: " + Terminal.safe(notes)));
        out.println("  text: " + Terminal.safe(m.body()));
    }

    private static int approve(ApprovalService approvals, String[] ids, String reviewer, PrintStream out,
            PrintStream err) throws StoreUnavailable {
        int failures = 0;
        for (String text : ids) {
            Optional<Staged> found = find(approvals, text, err);
            if (found.isEmpty()) {
                failures++;
                continue;
            }
            StagedMessages.Decided decided = approvals.approve(found.get().id(), found.get().digest(), reviewer);
            failures += report(decided, found.get(), "approved", out, err) ? 0 : 1;
        }
        return failures == 0 ? 0 : 1;
    }

    private static int reject(ApprovalService approvals, String id, String reason, String reviewer, PrintStream out,
            PrintStream err) throws StoreUnavailable {
        Optional<Staged> found = find(approvals, id, err);
        if (found.isEmpty()) {
            return 1;
        }
        StagedMessages.Decided decided = approvals.reject(found.get().id(), found.get().digest(), reason, reviewer);
        return report(decided, found.get(), "rejected", out, err) ? 0 : 1;
    }

    private static int edit(ApprovalService approvals, String id, String text, String reviewer, PrintStream out,
            PrintStream err) throws StoreUnavailable {
        Optional<Staged> found = find(approvals, id, err);
        if (found.isEmpty()) {
            return 1;
        }
        ApprovalService.StageResult result = approvals.edit(found.get().id(), text, reviewer);
        if (result instanceof ApprovalService.StagedForApproval staged) {
            out.println("#" + found.get().id() + " replaced by #" + staged.message().id()
                    + ", which waits for its own approval.");
            return 0;
        }
        err.println("Not edited: " + ((ApprovalService.NotStaged) result).report().summary());
        return 1;
    }

    private static Optional<Staged> find(ApprovalService approvals, String text, PrintStream err)
            throws StoreUnavailable {
        long id;
        try {
            id = Long.parseLong(text.replaceFirst("^#", ""));
        } catch (NumberFormatException e) {
            err.println("'" + Terminal.safe(text) + "' is not a staged message id");
            return Optional.empty();
        }
        Optional<Staged> found = approvals.find(id);
        if (found.isEmpty()) {
            err.println("No staged message #" + id);
        }
        return found;
    }

    private static boolean report(StagedMessages.Decided decided, Staged m, String done, PrintStream out,
            PrintStream err) {
        switch (decided) {
            case DONE -> out.println("#" + m.id() + " " + done + ".");
            case ALREADY -> out.println("#" + m.id() + " was already " + done + ".");
            case CLOSED -> err.println("#" + m.id() + " is " + m.stateAt(Instant.now()).value() + ": nothing changed.");
            case CONTENT_CHANGED -> err.println("#" + m.id() + " changed meanwhile: nothing changed; list it again.");
            case NO_SUCH_MESSAGE -> err.println("No staged message #" + m.id());
        }
        return decided == StagedMessages.Decided.DONE || decided == StagedMessages.Decided.ALREADY;
    }
}
