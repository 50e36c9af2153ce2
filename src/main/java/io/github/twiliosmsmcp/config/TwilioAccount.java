package io.github.twiliosmsmcp.config;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Everything needed to reach one Twilio account. {@code username} is the Account SID or an API key
 * SID; {@code secret} is the matching auth token or API secret and must never be printed, hence the
 * hand-written {@link #toString()}.
 */
public record TwilioAccount(
        String accountSid,
        String username,
        String secret,
        List<PhoneNumber> phoneNumbers,
        Optional<String> messagingServiceSid,
        Optional<URI> apiBaseUrl) {

    public TwilioAccount {
        phoneNumbers = List.copyOf(phoneNumbers);
    }

    @Override
    public String toString() {
        return "TwilioAccount[accountSid=" + accountSid + ", username=" + username + ", secret=***, phoneNumbers="
                + phoneNumbers + ", messagingServiceSid=" + messagingServiceSid.orElse("none") + ", apiBaseUrl="
                + apiBaseUrl.map(URI::toString).orElse("default") + "]";
    }
}
