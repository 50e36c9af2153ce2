package io.github.twiliosmsmcp.setup;

import io.github.twiliosmsmcp.service.Service;
import io.github.twiliosmsmcp.twilio.TwilioNumbers.IncomingNumber;
import java.net.URI;

/** The webhook each of the owner's numbers should carry for the messages it receives. */
record InboundWebhook(URI url) {
    static final String PATH = Service.INBOUND;
    static final String METHOD = "POST";

    /** {@code publicUrl} is the base Twilio calls, without a trailing slash. */
    static InboundWebhook under(URI publicUrl) {
        return new InboundWebhook(URI.create(publicUrl + PATH));
    }

    /** Whether the number already sends its messages here, exactly: Twilio signs over the URL it calls. */
    boolean carriedBy(IncomingNumber number) {
        return url.toString().equals(number.smsUrl()) && METHOD.equals(number.smsMethod());
    }

    /** The number's webhook as this command shows it. */
    static String shown(IncomingNumber number) {
        return number.smsUrl().isEmpty() ? "no SMS webhook" : number.smsMethod() + " " + number.smsUrl();
    }

    @Override
    public String toString() {
        return METHOD + " " + url;
    }
}
