package io.github.twiliosmsmcp.review;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a POST comes from the review page itself. Browsers send Origin with every form POST; a
 * page elsewhere cannot forge it. Without Origin, the Referer's origin must match; without either,
 * the request is refused: a change nobody can vouch for is not made.
 */
final class SameOrigin {
    private SameOrigin() {}

    /**
     * The page's own origin the POST came from, if it came from one of {@code own}: the origin the
     * service itself was addressed at (such as {@code http://127.0.0.1:8787}) and, behind a reverse
     * proxy, the public one (such as {@code https://sms.example.com}).
     */
    static Optional<String> of(List<String> own, String origin, String referer) {
        Optional<String> sent = origin != null ? Optional.of(normal(origin)) : refererOrigin(referer);
        return sent.filter(o -> own.stream().map(SameOrigin::normal).anyMatch(o::equals));
    }

    private static Optional<String> refererOrigin(String referer) {
        if (referer == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(referer);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return Optional.empty();
            }
            return Optional.of(normal(uri.getScheme() + "://" + uri.getRawAuthority()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String normal(String origin) {
        return origin.strip().toLowerCase(Locale.ROOT);
    }
}
