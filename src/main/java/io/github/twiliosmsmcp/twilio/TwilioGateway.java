package io.github.twiliosmsmcp.twilio;

import com.twilio.base.Page;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.rest.api.v2010.account.message.Media;
import io.github.twiliosmsmcp.config.TwilioAccount;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.sms.OutgoingMessage;
import io.github.twiliosmsmcp.sms.Provider;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Twilio's Messages API through the official SDK, on a transport that never repeats a request. */
public final class TwilioGateway implements MessageGateway {
    private static final long PAGE_SIZE = 50;
    private static final Provider PROVIDER = TwilioProvider.named("twilio");

    private final TwilioAccount account;
    private final SingleAttemptHttpClient transport;
    private final TwilioRestClient client;

    public TwilioGateway(TwilioAccount account, String userAgent) {
        this(account, new SingleAttemptHttpClient(account.apiBaseUrl(), userAgent));
    }

    TwilioGateway(TwilioAccount account, SingleAttemptHttpClient transport) {
        this.account = account;
        this.transport = transport;
        this.client = transport.restClient(account);
    }

    @Override
    public MessageRecord create(OutgoingMessage message, Duration timeout) throws GatewayException {
        com.twilio.type.PhoneNumber to = new com.twilio.type.PhoneNumber(message.to().e164());
        String body = message.body().isEmpty() ? null : message.body();
        MessageCreator creator = message.from().isPresent()
                ? Message.creator(account.accountSid(), to, new com.twilio.type.PhoneNumber(message.from().get().e164()), body)
                : Message.creator(account.accountSid(), to, message.senderPool().orElseThrow(), body);
        if (!message.mediaUrls().isEmpty()) {
            creator.setMediaUrl(message.mediaUrls());
        }
        message.statusCallback().ifPresent(creator::setStatusCallback);
        return record(transport.call(timeout, () -> creator.create(client)));
    }

    @Override
    public MessageRecord fetch(String sid, Duration timeout) throws GatewayException {
        return record(transport.call(timeout, () -> Message.fetcher(account.accountSid(), sid).fetch(client)));
    }

    @Override
    public List<MessageRecord> inbound(List<PhoneNumber> to, Optional<PhoneNumber> from, Instant since, int max,
            Duration timeout) throws GatewayException {
        List<Optional<PhoneNumber>> recipients = to.isEmpty()
                ? List.of(Optional.empty())
                : to.stream().map(Optional::of).toList();
        List<MessageRecord> found = new ArrayList<>();
        for (Optional<PhoneNumber> recipient : recipients) {
            found.addAll(list(recipient, from, since, max, MessageRecord.Direction.INBOUND, timeout));
        }
        return newestFirst(found, max);
    }

    @Override
    public List<MessageRecord> sentTo(PhoneNumber to, Instant since, int max, Duration timeout) throws GatewayException {
        return newestFirst(list(Optional.of(to), Optional.empty(), since, max, MessageRecord.Direction.OUTBOUND, timeout), max);
    }

    @Override
    public List<String> mediaUrls(String sid, Duration timeout) throws GatewayException {
        Page<Media> page = transport.call(timeout, () -> Media.reader(account.accountSid(), sid).firstPage(client));
        String base = account.apiBaseUrl().map(Object::toString).orElse("https://api.twilio.com");
        return page.getRecords().stream()
                .map(Media::getUri)
                .filter(uri -> uri != null)
                .map(uri -> base + (uri.endsWith(".json") ? uri.substring(0, uri.length() - 5) : uri))
                .toList();
    }

    /** One listing of Twilio's messages, bounded: Twilio pages on and on through old history. */
    private List<MessageRecord> list(Optional<PhoneNumber> to, Optional<PhoneNumber> from, Instant since, int max,
            MessageRecord.Direction direction, Duration timeout) throws GatewayException {
        MessageReader reader = Message.reader(account.accountSid())
                .setDateSentAfter(since.atZone(ZoneOffset.UTC))
                .setPageSize(PAGE_SIZE);
        to.ifPresent(number -> reader.setTo(number.e164()));
        from.ifPresent(number -> reader.setFrom(number.e164()));
        List<MessageRecord> found = new ArrayList<>();
        Page<Message> page = transport.call(timeout, () -> reader.firstPage(client));
        int read = 0;
        while (true) {
            for (Message message : page.getRecords()) {
                read++;
                MessageRecord record = record(message);
                if (record.direction() == direction) {
                    found.add(record);
                }
            }
            if (!page.hasNextPage() || read >= max) {
                return found;
            }
            Page<Message> current = page;
            page = transport.call(timeout, () -> reader.nextPage(current, client));
        }
    }

    private static List<MessageRecord> newestFirst(List<MessageRecord> messages, int max) {
        return messages.stream()
                .sorted(Comparator.comparing(MessageRecord::dateSent).reversed().thenComparing(MessageRecord::sid))
                .limit(max)
                .toList();
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public Provider provider() {
        return PROVIDER;
    }

    private static MessageRecord record(Message m) {
        Instant sent = m.getDateSent() != null ? m.getDateSent().toInstant()
                : m.getDateCreated() != null ? m.getDateCreated().toInstant() : Instant.EPOCH;
        return MessageRecord.builder(m.getSid(),
                        MessageRecord.Direction.ofTwilio(m.getDirection() == null ? null : m.getDirection().toString()),
                        MessageStatus.of(m.getStatus() == null ? null : m.getStatus().toString()))
                .from(m.getFrom() == null ? null : m.getFrom().toString())
                .to(m.getTo())
                .body(m.getBody() == null ? "" : m.getBody())
                .dateSent(sent)
                .segments(parseInt(m.getNumSegments()))
                .mediaCount(parseInt(m.getNumMedia()).orElse(0))
                .price(Optional.ofNullable(m.getPrice()).filter(p -> !p.isBlank()))
                .priceUnit(Optional.ofNullable(m.getPriceUnit()).map(java.util.Currency::getCurrencyCode))
                .errorCode(Optional.ofNullable(m.getErrorCode()).filter(code -> code != 0))
                .errorMessage(Optional.ofNullable(m.getErrorMessage()).filter(text -> !text.isBlank()))
                .build();
    }

    private static Optional<Integer> parseInt(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
