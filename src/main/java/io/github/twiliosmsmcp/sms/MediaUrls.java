package io.github.twiliosmsmcp.sms;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a media URL before Twilio sees it. Twilio fetches media from the public internet, so a
 * URL it can never fetch (a file path, this machine, a private network) would only fail later as
 * an undelivered MMS; refusing it up front gives the model a reason it can act on.
 */
public final class MediaUrls {
    public static final int MAX_COUNT = 10;
    public static final int MAX_LENGTH = 2048;

    private MediaUrls() {}

    /** Returns the URL ready to send, or why it cannot be used. */
    public static Checked check(String raw) {
        if (raw == null || raw.isBlank()) {
            return Checked.refused("it is empty");
        }
        if (raw.length() > MAX_LENGTH) {
            return Checked.refused("it is " + raw.length() + " characters long (at most " + MAX_LENGTH + ")");
        }
        if (raw.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return Checked.refused("it contains spaces or control characters");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return Checked.refused("it is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            return Checked.refused("only absolute http:// or https:// URLs can be sent (Twilio fetches the file from the internet)");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return Checked.refused("it has no host name");
        }
        if (authority.contains("@")) {
            return Checked.refused("it contains a user name or password, which would be shared with Twilio and the carrier");
        }
        return MediaHost.problem(uri).map(Checked::refused).orElseGet(() -> new Checked(Optional.of(uri), Optional.empty()));
    }

    /** Either a usable URL or the reason it was refused. */
    public record Checked(Optional<URI> url, Optional<String> problem) {
        static Checked refused(String reason) {
            return new Checked(Optional.empty(), Optional.of(reason));
        }
    }
}
