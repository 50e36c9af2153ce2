package io.github.twiliosmsmcp.app;

import io.github.twiliosmsmcp.config.MessageCentralAccount;
import io.github.twiliosmsmcp.config.Providers;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.config.TwilioAccount;
import io.github.twiliosmsmcp.delivery.MeasuredGateway;
import io.github.twiliosmsmcp.delivery.Route;
import io.github.twiliosmsmcp.delivery.Senders;
import io.github.twiliosmsmcp.delivery.Telemetry;
import io.github.twiliosmsmcp.messagecentral.MessageCentralErrors;
import io.github.twiliosmsmcp.messagecentral.MessageCentralGateway;
import io.github.twiliosmsmcp.messagecentral.MessageCentralProvider;
import io.github.twiliosmsmcp.sandbox.SandboxGateway;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.twilio.TwilioGateway;
import io.github.twiliosmsmcp.twilio.TwilioProvider;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The providers the settings ask for: the {@code route} sends go through, the {@code senders} they may
 * use, and the gateway asked about {@code inbound} messages, which is Twilio's whenever Twilio is
 * configured (MessageCentral offers no API to read them). Each is measured for the front door's telemetry.
 */
record Gateways(Route route, Senders senders, MessageGateway inbound) {

    static Gateways of(Settings settings, String userAgent, Clock clock, Telemetry telemetry) {
        Providers providers = settings.providers();
        Map<String, MessageGateway> gateways = new HashMap<>();
        Senders senders;
        if (settings.sandbox()) {
            // One simulated carrier for every provider played, so replies come whoever sent.
            SandboxGateway.Carrier carrier = new SandboxGateway.Carrier();
            boolean twilioFirst = providers.first().equals(Providers.TWILIO);
            gateways.put(Providers.TWILIO, new SandboxGateway(clock, TwilioProvider.named("sandbox"), twilioFirst,
                    SandboxGateway.twilioRouteRefusal(), carrier));
            gateways.put(Providers.MESSAGECENTRAL, new SandboxGateway(clock,
                    MessageCentralProvider.named("sandbox-messagecentral"), !twilioFirst, messageCentralRouteRefusal(),
                    carrier));
            senders = new Senders(List.of(SandboxGateway.NUMBER), Optional.empty());
        } else {
            Optional<TwilioAccount> twilio = settings.twilio();
            Optional<MessageCentralAccount> messageCentral = settings.messageCentral();
            twilio.ifPresent(account -> gateways.put(Providers.TWILIO, new TwilioGateway(account, userAgent)));
            messageCentral.ifPresent(account -> gateways.put(Providers.MESSAGECENTRAL,
                    new MessageCentralGateway(account, userAgent, clock)));
            // Without Twilio, MessageCentral's sender id is the only sender there is.
            senders = twilio.map(account -> new Senders(account.phoneNumbers(), account.messagingServiceSid()))
                    .orElseGet(() -> new Senders(List.of(), Optional.of(messageCentral.orElseThrow().senderId()
                            .orElse("of the MessageCentral account"))));
        }
        Map<String, MessageGateway> measured = new HashMap<>();
        gateways.forEach((name, gateway) -> measured.put(name, new MeasuredGateway(gateway, telemetry)));
        Route route = new Route(measured.get(providers.first()), providers.fallback().map(measured::get));
        return new Gateways(route, senders, measured.getOrDefault(Providers.TWILIO, route.first()));
    }

    /** MessageCentral's refusal of a country it does not serve, as the sandbox plays it. */
    private static GatewayException.Rejected messageCentralRouteRefusal() {
        return new GatewayException.Rejected(400, MessageCentralErrors.reason(400, 511), 511, "INVALID_COUNTRY_CODE");
    }
}
