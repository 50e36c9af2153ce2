package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.config.TwilioAccount;
import io.github.twiliosmsmcp.delivery.SendLimits;
import io.github.twiliosmsmcp.delivery.SendService;
import io.github.twiliosmsmcp.delivery.Senders;
import io.github.twiliosmsmcp.inbox.ConversationService;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.inbox.ReceiveService;
import io.github.twiliosmsmcp.phone.LibphonenumberTimeZones;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.policy.PolicyCheck;
import io.github.twiliosmsmcp.sandbox.SandboxGateway;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.Sleeper;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.store.SqliteInbox;
import io.github.twiliosmsmcp.store.SqliteSendJournal;
import io.github.twiliosmsmcp.twilio.TwilioGateway;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds what the tools need on the first tool call, not at start: phone metadata, the Twilio SDK
 * and the database cost hundreds of milliseconds that a client's start budget should not pay.
 */
final class Services {
    private static final Logger LOG = LoggerFactory.getLogger(Services.class);

    /** Either everything the tools need, or why the server cannot work. */
    sealed interface State permits Ready, Misconfigured {}

    record Ready(SendService sender, ReceiveService inbox, ConversationService conversations,
            PhoneNumberParser phoneNumbers, Settings settings, boolean simulated) implements State {}

    record Misconfigured(List<String> problems) implements State {
        String describe() {
            return String.join("; ", problems);
        }
    }

    private final Environment environment;
    private final String userAgent;
    private final Clock clock;
    private final Sleeper sleeper;
    private volatile State state;

    Services(Environment environment, String userAgent, Clock clock, Sleeper sleeper) {
        this.sleeper = sleeper;
        this.environment = environment;
        this.userAgent = userAgent;
        this.clock = clock;
    }

    State get() {
        State current = state;
        if (current == null) {
            synchronized (this) {
                current = state;
                if (current == null) {
                    current = build();
                    state = current;
                }
            }
        }
        return current;
    }

    private State build() {
        Settings settings = Settings.load(environment);
        settings.warnings().forEach(LOG::warn);
        if (!settings.problems().isEmpty()) {
            LOG.error("Configuration problems, every tool will answer with them: {}", settings.problems());
            return new Misconfigured(settings.problems());
        }
        MessageGateway gateway;
        Senders senders;
        if (!settings.sandbox()) {
            TwilioAccount account = settings.twilio().get();
            gateway = new TwilioGateway(account, userAgent);
            senders = new Senders(account.phoneNumbers(), account.messagingServiceSid());
        } else {
            gateway = new SandboxGateway(clock);
            senders = new Senders(List.of(SandboxGateway.NUMBER), Optional.empty());
        }
        // The sandbox keeps its memory in RAM unless told otherwise, so simulated sends never mix with real ones.
        DatabaseLocation location = settings.sandbox() && !environment.isSet(Settings.DATABASE)
                ? DatabaseLocation.memory()
                : DatabaseLocation.resolve(environment);
        Database database = new Database(location, clock, settings.retention());
        String account = settings.twilio().map(TwilioAccount::accountSid).orElse("sandbox");
        Inbox inbox = new SqliteInbox(database, account);
        SendService sender = new SendService(gateway, senders, settings.phoneNumbers(),
                new SendLimits(settings.statusWait(), settings.maxSegments(), settings.dedupeWindow()),
                new SqliteSendJournal(database), new PolicyCheck(settings.policy(), new LibphonenumberTimeZones()),
                account, clock, sleeper);
        LOG.info("message store: {}", location.describe());
        return new Ready(sender, new ReceiveService(gateway, senders.numbers(), inbox, clock, sleeper),
                new ConversationService(gateway, senders.numbers(), inbox, clock, settings.retention()),
                settings.phoneNumbers(), settings, gateway.simulated());
    }
}
