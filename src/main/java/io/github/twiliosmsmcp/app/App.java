package io.github.twiliosmsmcp.app;

import io.github.twiliosmsmcp.access.TokenDigests;
import io.github.twiliosmsmcp.approval.ApprovalService;
import io.github.twiliosmsmcp.autorespond.Autoresponder;
import io.github.twiliosmsmcp.autorespond.RuleBook;
import io.github.twiliosmsmcp.autorespond.Rules;
import io.github.twiliosmsmcp.common.Sleeper;
import io.github.twiliosmsmcp.common.Trace;
import io.github.twiliosmsmcp.config.Autoresponding;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.config.TwilioAccount;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.delivery.SendLimits;
import io.github.twiliosmsmcp.delivery.SendService;
import io.github.twiliosmsmcp.delivery.Senders;
import io.github.twiliosmsmcp.delivery.Telemetry;
import io.github.twiliosmsmcp.inbox.ConversationService;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.inbox.ReceiveService;
import io.github.twiliosmsmcp.inbox.ServicePresence;
import io.github.twiliosmsmcp.phone.LibphonenumberTimeZones;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.policy.Approval;
import io.github.twiliosmsmcp.policy.PolicyCheck;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.PostgresDatabase;
import io.github.twiliosmsmcp.store.SqlAutoresponders;
import io.github.twiliosmsmcp.store.SqlInbox;
import io.github.twiliosmsmcp.store.SqlSendJournal;
import io.github.twiliosmsmcp.store.SqlServicePresence;
import io.github.twiliosmsmcp.store.SqlStore;
import io.github.twiliosmsmcp.store.SqlTokenDigests;
import io.github.twiliosmsmcp.store.SqlStagedMessages;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: every front door (the stdio server now, the HTTP service and setup next)
 * builds one App and hands each of its parts only what that part uses. The core is built on the
 * first use of any part, not at start: phone metadata, the Twilio SDK and the database cost
 * hundreds of milliseconds that a client's start budget should not pay.
 */
public final class App {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    /** What the first use built, kept for every later one: the core, or why it cannot be built. */
    private sealed interface Built permits Core, Unusable {}

    private record Core(Settings settings, String account, ApprovalService approvals, SendService sender,
            ReceiveService receiver,
            ConversationService conversations, Inbox inbox, SendJournal journal, ServicePresence presence,
            TokenDigests tokens, RuleBook rules, Autoresponder autoresponder) implements Built {}

    private record Unusable(NotConfigured problems) implements Built {}

    private final Environment environment;
    private final String userAgent;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Telemetry telemetry;
    private volatile Built built;

    /** A core that reports its work nowhere, as the stdio server, which shows none, wants it. */
    public App(Environment environment, String userAgent, Clock clock, Sleeper sleeper) {
        this(environment, userAgent, clock, sleeper, Telemetry.NONE);
    }

    /** A core that reports its sends, provider calls and polls to {@code telemetry}. */
    public App(Environment environment, String userAgent, Clock clock, Sleeper sleeper, Telemetry telemetry) {
        this.environment = environment;
        this.userAgent = userAgent;
        this.clock = clock;
        this.sleeper = sleeper;
        this.telemetry = telemetry;
    }

    public Part<SendService> sender() {
        return () -> core().sender();
    }

    /** Every send of a model goes through here: sent at once, or staged for a person's approval. */
    public Part<ApprovalService> approvals() {
        return () -> core().approvals();
    }

    /** Read from the environment alone, without building the core: it decides which tools are listed. */
    public Approval.Rule approvalRule() {
        return Settings.approvalRule(environment);
    }

    public Part<ReceiveService> receiver() {
        return () -> core().receiver();
    }

    public Part<ConversationService> conversations() {
        return () -> core().conversations();
    }

    public Part<Settings> settings() {
        return () -> core().settings();
    }

    public Part<PhoneNumberParser> phoneNumbers() {
        return () -> core().settings().phoneNumbers();
    }

    /** The account whose messages the store holds: the Account SID, or {@code sandbox}. */
    public Part<String> account() {
        return () -> core().account();
    }

    /** The inbox of {@link #account()}, for front doors that store messages as they arrive. */
    public Part<Inbox> inbox() {
        return () -> core().inbox();
    }

    public Part<SendJournal> journal() {
        return () -> core().journal();
    }

    public Part<ServicePresence> presence() {
        return () -> core().presence();
    }

    /** The digests of the tokens {@code serve} generated for MCP over HTTP. */
    public Part<TokenDigests> tokenDigests() {
        return () -> core().tokens();
    }

    /**
     * Whether messages can be received (not with MessageCentral alone); read from the environment
     * alone, without building the core: it decides whether the reading tools are listed.
     */
    public boolean receives() {
        return Settings.receives(environment);
    }

    /** Read from the environment alone, without building the core: it decides whether their tools are listed. */
    public boolean autorespondersOn() {
        return Settings.autorespondersOn(environment);
    }

    /** The autoresponder rules, for the tools and for people (review command, page). */
    public Part<RuleBook> rules() {
        return () -> core().rules();
    }

    /** What answers inbound messages with the rules; only {@code serve} runs it. */
    public Part<Autoresponder> autoresponder() {
        return () -> core().autoresponder();
    }

    /** Whether nothing reaches a real phone: the sandbox. */
    public Part<Boolean> sandbox() {
        return () -> core().settings().sandbox();
    }

    private Core core() throws NotConfigured {
        Built current = built;
        if (current == null) {
            synchronized (this) {
                current = built;
                if (current == null) {
                    current = build();
                    built = current;
                }
            }
        }
        if (current instanceof Unusable unusable) {
            throw unusable.problems();
        }
        return (Core) current;
    }

    private Built build() {
        Settings settings = Settings.load(environment);
        settings.warnings().forEach(LOG::warn);
        if (!settings.problems().isEmpty()) {
            LOG.error("{}Configuration problems, every tool will answer with them: {}", Trace.tag(), settings.problems());
            return new Unusable(new NotConfigured(settings.problems()));
        }
        Gateways gateways = Gateways.of(settings, userAgent, clock, telemetry);
        Senders senders = gateways.senders();
        // The sandbox keeps its memory in RAM unless told otherwise, so simulated sends never mix with real ones.
        DatabaseLocation location = settings.sandbox() && !environment.isSet(Settings.DATABASE)
                ? DatabaseLocation.memory()
                : DatabaseLocation.resolve(environment);
        // By the URL's scheme; the PostgreSQL driver and pool load only when that branch runs.
        SqlStore database = location.isPostgres()
                ? new PostgresDatabase(location, clock, settings.retention())
                : new Database(location, clock, settings.retention());
        // Without Twilio, the MessageCentral customer's sends are kept apart from any other account's.
        String account = settings.twilio().map(TwilioAccount::accountSid)
                .or(() -> settings.messageCentral().map(mc -> "messagecentral:" + mc.customerId())).orElse("sandbox");
        Inbox inbox = new SqlInbox(database, account);
        SendJournal journal = new SqlSendJournal(database);
        SendService sender = new SendService(gateways.route(), senders, settings.phoneNumbers(),
                new SendLimits(settings.statusWait(), settings.maxSegments(), settings.dedupeWindow()),
                journal, new PolicyCheck(settings.policy(), new LibphonenumberTimeZones()),
                account, settings.statusCallback(), clock, sleeper, telemetry);
        LOG.info("{}message store: {}", Trace.tag(), location.describe());
        ServicePresence presence = new SqlServicePresence(database);
        ApprovalService approvals = new ApprovalService(sender, new SqlStagedMessages(database), settings.approval(),
                account, clock, settings.dedupeWindow());
        Rules rules = new SqlAutoresponders(database);
        Autoresponding autoresponding = settings.autoresponding();
        Autoresponder autoresponder = new Autoresponder(rules, sender,
                senders.numbers().stream().map(PhoneNumber::e164).toList(),
                new Rules.Limits(autoresponding.cooldown(), Autoresponding.PER_NUMBER_PER_DAY),
                autoresponding.ownerZone(), account, clock);
        return new Core(settings, account, approvals, sender,
                new ReceiveService(gateways.inbound(), senders.numbers(), inbox, presence, account, clock, sleeper, telemetry),
                new ConversationService(gateways.inbound(), senders.numbers(), inbox, journal, account, clock,
                        settings.retention()), inbox, journal, presence, new SqlTokenDigests(database),
                new RuleBook(rules, settings.approval().rule(), account, clock), autoresponder);
    }
}
