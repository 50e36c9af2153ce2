package io.github.twiliosmsmcp.config;

import java.net.URI;
import java.util.Optional;

/**
 * Everything needed to reach one MessageCentral account. {@code key} is the account password,
 * base64-encoded as MessageCentral's token endpoint takes it; it must never be printed, hence the
 * hand-written {@link #toString()}. {@code senderId} is the sender name MessageCentral shows, when
 * the owner set one (MessageCentral uses the account's default otherwise).
 */
public record MessageCentralAccount(String customerId, String key, Optional<String> senderId,
        Optional<URI> apiBaseUrl) {

    /** Where MessageCentral's API answers unless {@code MC_API_BASE_URL} says otherwise. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://cpaas.messagecentral.com");

    public URI baseUrl() {
        return apiBaseUrl.orElse(DEFAULT_BASE_URL);
    }

    @Override
    public String toString() {
        return "MessageCentralAccount[customerId=" + customerId + ", key=***, senderId=" + senderId.orElse("default")
                + ", apiBaseUrl=" + apiBaseUrl.map(URI::toString).orElse("default") + "]";
    }
}
