package io.github.twiliosmsmcp.twilio;

import com.twilio.base.Page;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumberReader;
import io.github.twiliosmsmcp.config.TwilioAccount;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.ErrorMeanings;
import io.github.twiliosmsmcp.sms.GatewayException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The account's own phone numbers through Twilio's Incoming Phone Numbers API: where each sends the
 * messages it receives, and changing that. Calls go through the same single-attempt transport as
 * sending, so failures arrive as a {@link GatewayException} in this server's words.
 */
public final class TwilioNumbers {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final long PAGE_SIZE = 50;
    /** Twilio's PhoneNumber filter also matches longer numbers that contain it: a few pages at most. */
    private static final int MAX_PAGES = 10;

    /**
     * One number of the account and its incoming-message webhook.
     *
     * @param smsUrl empty when the number has none
     * @param smsMethod upper case, empty when Twilio gave none
     */
    public record IncomingNumber(String sid, String phoneNumber, String smsUrl, String smsMethod) {}

    private final TwilioAccount account;
    private final SingleAttemptHttpClient transport;
    private final TwilioRestClient client;

    public TwilioNumbers(TwilioAccount account, String userAgent) {
        this.account = account;
        this.transport = new SingleAttemptHttpClient(account.apiBaseUrl(), userAgent);
        this.client = transport.restClient(account);
    }

    /** The account's record of {@code number}; empty when the account does not have that number. */
    public Optional<IncomingNumber> find(PhoneNumber number) throws GatewayException {
        IncomingPhoneNumberReader reader = IncomingPhoneNumber.reader(account.accountSid())
                .setPhoneNumber(number.e164())
                .setPageSize(PAGE_SIZE);
        Page<IncomingPhoneNumber> page = transport.call(TIMEOUT, () -> reader.firstPage(client));
        for (int read = 1; ; read++) {
            Optional<IncomingNumber> found = page.getRecords().stream()
                    .filter(record -> record.getPhoneNumber() != null && number.e164().equals(record.getPhoneNumber().toString()))
                    .map(TwilioNumbers::incomingNumber)
                    .findFirst();
            if (found.isPresent() || !page.hasNextPage() || read >= MAX_PAGES) {
                return found;
            }
            Page<IncomingPhoneNumber> current = page;
            page = transport.call(TIMEOUT, () -> reader.nextPage(current, client));
        }
    }

    /** Makes the number send the messages it receives to {@code url} with a POST; its record afterwards. */
    public IncomingNumber receiveAt(IncomingNumber number, URI url) throws GatewayException {
        return incomingNumber(transport.call(TIMEOUT, () -> IncomingPhoneNumber.updater(account.accountSid(), number.sid())
                .setSmsUrl(url)
                .setSmsMethod(HttpMethod.POST)
                .update(client)));
    }

    /** What Twilio's error codes mean, for the failures of these calls. */
    public ErrorMeanings errors() {
        return TwilioErrors.INSTANCE;
    }

    private static IncomingNumber incomingNumber(IncomingPhoneNumber record) {
        return new IncomingNumber(record.getSid(), record.getPhoneNumber().toString(),
                record.getSmsUrl() == null ? "" : record.getSmsUrl().toString(),
                record.getSmsMethod() == null ? "" : record.getSmsMethod().toString().toUpperCase(Locale.ROOT));
    }
}
