package io.github.twiliosmsmcp.review;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether a POST comes from the review page itself. Browsers send Origin with every form POST; a
 * page elsewhere cannot forge it. Without Origin, the Referer's origin must match; without either,
 * the request is refused: a change nobody can vouch for is not made.
 */
final class SameOrigin {
    private SameOrigin() {}

    /** {@code own} is the origin the browser addressed, such as {@code http://127.0.0.1:8787}. */
    static boolean holds(String own, String origin, String referer) {
        if (origin != null) {
            return normal(origin).equals(normal(own));
        }
        if (referer == null) {
            return false;
        }
        try {
            URI uri = new URI(referer);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return false;
            }
            return normal(uri.getScheme() + "://" + uri.getRawAuthority()).equals(normal(own));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String normal(String origin) {
        return origin.strip().toLowerCase(Locale.ROOT);
    }
}
