package io.github.twiliosmsmcp.review;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.github.twiliosmsmcp.access.CallRate;
import io.github.twiliosmsmcp.access.HttpToken;
import io.github.twiliosmsmcp.app.App;
import io.github.twiliosmsmcp.app.NotConfigured;
import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.approval.ApprovalService;
import io.github.twiliosmsmcp.approval.Staged;
import io.github.twiliosmsmcp.approval.StagedMessages;
import io.github.twiliosmsmcp.approval.StagedState;
import io.github.twiliosmsmcp.autorespond.RuleBook;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.delivery.PastSend;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.inbox.Conversation;
import io.github.twiliosmsmcp.inbox.ConversationService;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.phone.ParsedNumber;
import io.github.twiliosmsmcp.sms.MessageRecord;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review page at {@code /review}: a person signs in with the review token, then approves,
 * rejects or edits staged messages, reads the inbox, sees the costs, and enables, orders or deletes
 * autoresponder rules. Every change is a form POST
 * that must come from this page (Origin) and carry the session's CSRF token; every text is escaped
 * by the templates, because much of it was written by a model or a stranger.
 */
public final class ReviewPage extends HttpServlet {
    public static final String PATH = "/review";
    static final String COOKIE = "review_session";
    /** No script at all, styles and images from here, images of MMS from any https host. */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' https:; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    private static final String REVIEWER = "the review page";
    private static final int MAX_REASON = 500;
    /** Sign-ins a minute, right or wrong: enough for people, too few to guess a token. */
    static final int SIGN_INS_PER_MINUTE = 10;
    private static final int DECIDED_SHOWN = 20;
    private static final int CONVERSATIONS_SHOWN = 100;
    private static final int THREAD_SHOWN = 50;
    private static final Logger LOG = LoggerFactory.getLogger(ReviewPage.class);

    private final HttpToken token;
    private final ReviewSessions sessions;
    private final Part<ApprovalService> approvals;
    private final Part<SendJournal> journal;
    private final Part<Inbox> inbox;
    private final Part<ConversationService> conversations;
    private final Part<Settings> settings;
    private final Part<RuleBook> rules;
    private final boolean autoresponders;
    private final String account;
    private final Optional<String> publicOrigin;
    private final CallRate signIns;
    private final Clock clock;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final byte[] css;

    /**
     * {@code publicUrl} is where a reverse proxy presents the service ({@code SMS_PUBLIC_URL}): changes
     * from the page at that origin are the page's own too.
     */
    public ReviewPage(App app, String account, HttpToken token, Optional<URI> publicUrl, Clock clock) {
        this.token = token;
        this.publicOrigin = publicUrl.map(url -> url.getScheme() + "://" + url.getRawAuthority());
        this.signIns = new CallRate(SIGN_INS_PER_MINUTE, clock);
        this.sessions = new ReviewSessions(clock);
        this.approvals = app.approvals();
        this.journal = app.journal();
        this.inbox = app.inbox();
        this.conversations = app.conversations();
        this.settings = app.settings();
        this.rules = app.rules();
        this.autoresponders = app.autorespondersOn();
        this.account = account;
        this.clock = clock;
        this.css = stylesheet();
    }

    /** What one signed-in page shows around its view: the navigation and the note of the last change. */
    public record Frame(String current, String csrf, Optional<String> note) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        secure(response);
        String path = path(request);
        if (path.equals("/style.css")) {
            response.setContentType("text/css; charset=utf-8");
            response.getOutputStream().write(css);
            return;
        }
        if (path.equals("/login")) {
            render(response, 200, "login.jte", Map.of("problem", Optional.empty()));
            return;
        }
        Optional<ReviewSessions.Session> session = session(request);
        if (session.isEmpty()) {
            response.sendRedirect(PATH + "/login");
            return;
        }
        try {
            switch (path) {
                case "", "/" -> render(response, 200, "queue.jte", Map.of("frame", frame("queue", session.get()),
                        "view", queue()));
                case "/inbox" -> render(response, 200, "inbox.jte", Map.of("frame", frame("inbox", session.get()),
                        "view", inbox(request.getParameter("with"))));
                case "/costs" -> render(response, 200, "costs.jte", Map.of("frame", frame("costs", session.get()),
                        "view", costs()));
                case "/rules" -> render(response, 200, "rules.jte", Map.of("frame", frame("rules", session.get()),
                        "view", RulesView.of(autoresponders, rules.get().list())));
                default -> plain(response, 404, "No such page.");
            }
        } catch (NotConfigured e) {
            problem(response, "The server is not configured: " + e.describe());
        } catch (StoreUnavailable e) {
            problem(response, "The message store cannot be used: " + e.describe());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        secure(response);
        List<String> own = Stream.concat(Stream.of(request.getScheme() + "://" + request.getHeader("Host")),
                publicOrigin.stream()).toList();
        Optional<String> from = SameOrigin.of(own, request.getHeader("Origin"), request.getHeader("Referer"));
        if (from.isEmpty()) {
            plain(response, 403, "Refused: this change did not come from the review page itself.");
            return;
        }
        // Behind an https proxy the service itself sees http; the browser's page is what the cookie guards.
        boolean https = request.isSecure() || from.get().startsWith("https://");
        String path = path(request);
        if (path.equals("/login")) {
            login(request, response, https);
            return;
        }
        Optional<ReviewSessions.Session> found = session(request);
        if (found.isEmpty()) {
            plain(response, 403, "Refused: sign in at " + PATH + "/login first.");
            return;
        }
        ReviewSessions.Session session = found.get();
        if (!session.acceptsCsrf(request.getParameter("csrf"))) {
            plain(response, 403, "Refused: the form's security token is missing or stale. Reload the page and try again.");
            return;
        }
        if (path.equals("/logout")) {
            sessions.close(session);
            response.addHeader("Set-Cookie", cookie("", 0, https));
            response.sendRedirect(PATH + "/login");
            return;
        }
        try {
            String note = switch (path) {
                case "/approve" -> approve(List.of(request.getParameter("id") + ":" + request.getParameter("digest")));
                case "/approve-selected" -> approve(picks(request));
                case "/reject" -> reject(request.getParameter("id"), request.getParameter("digest"),
                        request.getParameter("reason"));
                case "/edit" -> edit(request.getParameter("id"), request.getParameter("body"));
                case "/rule-enable" -> {
                    boolean enable = "true".equals(request.getParameter("enabled"));
                    yield rule(request.getParameter("id"), enable ? "enabled" : "disabled",
                            id -> rules.get().setEnabled(id, enable));
                }
                case "/rule-move" -> rule(request.getParameter("id"), "moved",
                        id -> moveTo(id, request.getParameter("position")));
                case "/rule-delete" -> rule(request.getParameter("id"), "deleted", id -> rules.get().delete(id));
                default -> "";
            };
            if (note.isEmpty()) {
                plain(response, 404, "No such action.");
                return;
            }
            sessions.note(session, note);
            response.setStatus(303);
            response.setHeader("Location", path.startsWith("/rule-") ? PATH + "/rules" : PATH);
        } catch (NotConfigured e) {
            problem(response, "The server is not configured: " + e.describe());
        } catch (StoreUnavailable e) {
            problem(response, "The message store cannot be used: " + e.describe());
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response, boolean https) throws IOException {
        Duration wait = signIns.take();
        if (!wait.isZero()) {
            // Whoever reaches the page gets this many guesses a minute, however many addresses they use.
            LOG.warn("A sign-in to the review page from {} was refused: more than {} a minute", request.getRemoteAddr(),
                    SIGN_INS_PER_MINUTE);
            response.setHeader("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
            render(response, 429, "login.jte", Map.of("problem", Optional.of("Too many sign-ins: try again in "
                    + Math.max(1, wait.toSeconds()) + " s.")));
            return;
        }
        if (!token.matches(request.getParameter("token"))) {
            LOG.warn("A sign-in to the review page from {} with a wrong token was refused", request.getRemoteAddr());
            render(response, 403, "login.jte", Map.of("problem", Optional.of("That is not the review token.")));
            return;
        }
        ReviewSessions.Session session = sessions.open();
        response.addHeader("Set-Cookie", cookie(session.id(), ReviewSessions.LIFETIME.toSeconds(), https));
        response.setStatus(303);
        response.setHeader("Location", PATH);
    }

    /** HttpOnly: no script can read it; SameSite=Strict: no other site's page can make the browser send it. */
    static String cookie(String value, long maxAgeSeconds, boolean https) {
        return COOKIE + "=" + value + "; Path=" + PATH + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }

    private Optional<ReviewSessions.Session> session(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(COOKIE)) {
                Optional<ReviewSessions.Session> session = sessions.find(cookie.getValue());
                if (session.isPresent()) {
                    return session;
                }
            }
        }
        return Optional.empty();
    }

    private Frame frame(String current, ReviewSessions.Session session) {
        return new Frame(current, session.csrf(), sessions.takeNote(session));
    }

    private QueueView queue() throws NotConfigured, StoreUnavailable {
        Instant now = clock.instant();
        ApprovalService service = approvals.get();
        List<QueueView.Pending> pending = service.list(Optional.of(StagedState.PENDING)).stream()
                .sorted(Comparator.comparing(Staged::priority).thenComparing(Staged::createdAt))
                .map(QueueView.Pending::of).toList();
        List<QueueView.Decided> decided = new ArrayList<>();
        for (Staged m : service.list(Optional.empty())) {
            if (m.stateAt(now) != StagedState.PENDING && decided.size() < DECIDED_SHOWN) {
                decided.add(QueueView.Decided.of(m, now, delivery(m)));
            }
        }
        return new QueueView(pending, decided);
    }

    /** The send's last status as the journal holds it: status callbacks and polls keep it current. */
    private Optional<String> delivery(Staged m) throws NotConfigured, StoreUnavailable {
        if (m.messageSid().isEmpty()) {
            return Optional.empty();
        }
        Optional<PastSend> send = journal.get().byMessageId(account, m.messageSid().get());
        return send.flatMap(s -> s.status().map(status -> status.twilioValue()
                + s.errorCode().map(code -> " (error " + code + ")").orElse("")));
    }

    private InboxView inbox(String with) throws NotConfigured, StoreUnavailable {
        Inbox messages = inbox.get();
        List<InboxView.Row> rows = messages.correspondents(CONVERSATIONS_SHOWN).stream().map(InboxView.Row::of).toList();
        if (with == null || with.isBlank()) {
            return new InboxView(rows, Optional.empty());
        }
        ParsedNumber parsed = settings.get().phoneNumbers().parse(with);
        if (parsed instanceof ParsedNumber.Invalid invalid) {
            return new InboxView(rows, Optional.of(new InboxView.Thread(with, List.of(), 0,
                    Optional.of("Not a phone number: " + invalid.reason()))));
        }
        Conversation thread = conversations.get().look(((ParsedNumber.Valid) parsed).number(), THREAD_SHOWN);
        Set<String> unread = messages.unread(thread.messages().stream()
                .filter(m -> m.direction() == MessageRecord.Direction.INBOUND).map(MessageRecord::sid).toList());
        return new InboxView(rows, Optional.of(new InboxView.Thread(thread.with(),
                thread.messages().stream().map(m -> InboxView.Message.of(m, unread)).toList(), thread.earlierNotShown(),
                thread.problem())));
    }

    private CostsView costs() throws NotConfigured, StoreUnavailable {
        Instant now = clock.instant();
        return CostsView.of(journal.get().charges(account, CostsView.since(now), false),
                settings.get().policy().dailyBudgetUsd(), now);
    }

    /** Each pick is "id:digest": the version the person saw, so a newer version is never approved by it. */
    private String approve(List<String> picks) throws NotConfigured, StoreUnavailable {
        if (picks.isEmpty()) {
            return "Nothing was selected.";
        }
        List<String> notes = new ArrayList<>();
        for (String pick : picks) {
            int colon = pick.indexOf(':');
            Optional<Long> id = id(colon < 0 ? pick : pick.substring(0, colon));
            if (id.isEmpty()) {
                notes.add("Not a staged message: " + pick + ".");
                continue;
            }
            StagedMessages.Decided decided = approvals.get().approve(id.get(), pick.substring(colon + 1), REVIEWER);
            notes.add(said(decided, id.get(), "approved"));
        }
        return String.join(" ", notes);
    }

    private String reject(String idText, String digest, String reason) throws NotConfigured, StoreUnavailable {
        Optional<Long> id = id(idText);
        if (id.isEmpty()) {
            return "Not a staged message: " + idText + ".";
        }
        if (reason == null || reason.isBlank()) {
            return "#" + id.get() + " was not rejected: give a reason, the model reads it.";
        }
        String shortened = reason.strip().length() > MAX_REASON ? reason.strip().substring(0, MAX_REASON) : reason.strip();
        return said(approvals.get().reject(id.get(), digest == null ? "" : digest, shortened, REVIEWER), id.get(),
                "rejected");
    }

    private String edit(String idText, String body) throws NotConfigured, StoreUnavailable {
        Optional<Long> id = id(idText);
        if (id.isEmpty() || body == null) {
            return "Not a staged message: " + idText + ".";
        }
        ApprovalService.StageResult result = approvals.get().edit(id.get(), body.replace("\r\n", "\n"), REVIEWER);
        if (result instanceof ApprovalService.StagedForApproval staged) {
            return "#" + id.get() + " was replaced by #" + staged.message().id() + ", which needs its own approval.";
        }
        return "#" + id.get() + " was not edited: " + ((ApprovalService.NotStaged) result).report().summary();
    }

    /** One change to a rule: enabling, moving or deleting it. */
    @FunctionalInterface
    private interface RuleChange {
        boolean apply(long id) throws NotConfigured, StoreUnavailable;
    }

    private String rule(String idText, String done, RuleChange change) throws NotConfigured, StoreUnavailable {
        Optional<Long> id = id(idText);
        if (id.isEmpty()) {
            return "Not a rule: " + idText + ".";
        }
        return change.apply(id.get()) ? "Rule #" + id.get() + " " + done + "."
                : "There is no rule #" + id.get() + " to change.";
    }

    private boolean moveTo(long id, String positionText) throws NotConfigured, StoreUnavailable {
        Optional<Long> position = id(positionText).filter(p -> p >= 1 && p <= Integer.MAX_VALUE);
        return position.isPresent() && rules.get().move(id, position.get().intValue());
    }

    private static String said(StagedMessages.Decided decided, long id, String done) {
        return switch (decided) {
            case DONE -> "#" + id + " " + done + ".";
            case ALREADY -> "#" + id + " was already " + done + ".";
            case CLOSED -> "#" + id + " is no longer pending: nothing changed.";
            case CONTENT_CHANGED -> "#" + id + " changed meanwhile: nothing changed; look at it again.";
            case NO_SUCH_MESSAGE -> "There is no staged message #" + id + ".";
        };
    }

    private static List<String> picks(HttpServletRequest request) {
        String[] values = request.getParameterValues("pick");
        return values == null ? List.of() : List.of(values);
    }

    private static Optional<Long> id(String text) {
        try {
            return Optional.of(Long.parseLong(text == null ? "" : text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null ? "" : info;
    }

    /** On every answer: nothing of it is cached, framed, sniffed, or allowed to run a script. */
    private static void secure(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
    }

    private void render(HttpServletResponse response, int status, String template, Map<String, Object> model)
            throws IOException {
        StringOutput html = new StringOutput();
        templates.render(template, model, html);
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        response.getOutputStream().write(html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void problem(HttpServletResponse response, String text) throws IOException {
        LOG.error("The review page could not answer: {}", text);
        plain(response, 503, text);
    }

    private static void plain(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] stylesheet() {
        try (InputStream in = ReviewPage.class.getResourceAsStream("review.css")) {
            if (in == null) {
                throw new IllegalStateException("review.css is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("review.css cannot be read", e);
        }
    }
}
