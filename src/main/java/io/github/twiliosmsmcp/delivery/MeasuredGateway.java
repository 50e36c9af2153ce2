package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.delivery.Telemetry.ProviderCall;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.OutgoingMessage;
import io.github.twiliosmsmcp.sms.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Any gateway, with the time and result of each provider call reported to {@link Telemetry}. */
public final class MeasuredGateway implements MessageGateway {
    private final MessageGateway gateway;
    private final Telemetry telemetry;

    public MeasuredGateway(MessageGateway gateway, Telemetry telemetry) {
        this.gateway = gateway;
        this.telemetry = telemetry;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws GatewayException;
    }

    private <T> T measured(ProviderCall call, Call<T> work) throws GatewayException {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            T answer = work.run();
            ok = true;
            return answer;
        } finally {
            telemetry.providerCalled(gateway.provider().name(), call, ok, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Override
    public MessageRecord create(OutgoingMessage message, Duration timeout) throws GatewayException {
        return measured(ProviderCall.CREATE, () -> gateway.create(message, timeout));
    }

    @Override
    public MessageRecord fetch(String sid, Duration timeout) throws GatewayException {
        return measured(ProviderCall.FETCH, () -> gateway.fetch(sid, timeout));
    }

    @Override
    public List<MessageRecord> inbound(List<PhoneNumber> to, Optional<PhoneNumber> from, Instant since, int max,
            Duration timeout) throws GatewayException {
        return measured(ProviderCall.LIST, () -> gateway.inbound(to, from, since, max, timeout));
    }

    @Override
    public List<MessageRecord> sentTo(PhoneNumber to, Instant since, int max, Duration timeout)
            throws GatewayException {
        return measured(ProviderCall.LIST, () -> gateway.sentTo(to, since, max, timeout));
    }

    @Override
    public List<String> mediaUrls(String sid, Duration timeout) throws GatewayException {
        return measured(ProviderCall.MEDIA, () -> gateway.mediaUrls(sid, timeout));
    }

    @Override
    public boolean simulated() {
        return gateway.simulated();
    }

    @Override
    public Provider provider() {
        return gateway.provider();
    }
}
