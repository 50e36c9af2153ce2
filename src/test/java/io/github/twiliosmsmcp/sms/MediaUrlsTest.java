package io.github.twiliosmsmcp.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaUrlsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "https://example.com/a.jpg",
            "http://example.com/a.jpg",
            "HTTPS://EXAMPLE.COM/A.JPG",
            "https://cdn.example.com:8443/media/cat.png?size=large&v=2",
            "https://example.com/a.jpg#preview",
            "https://8.8.8.8/image.gif",
            "http://172.32.0.1/x",
            "http://11.0.0.1/x",
            "https://[2001:db8::1]/x.png",
            "https://example.com/path%20with%20escaped%20space.jpg"})
    void publicHttpUrlsAreAccepted(String raw) {
        MediaUrls.Checked checked = MediaUrls.check(raw);

        assertEquals(Optional.empty(), checked.problem());
        assertEquals(Optional.of(URI.create(raw)), checked.url());
    }

    @Test
    void longestAllowedUrlIsAccepted() {
        String prefix = "https://example.com/";
        String raw = prefix + "a".repeat(MediaUrls.MAX_LENGTH - prefix.length());

        assertEquals(Optional.empty(), MediaUrls.check(raw).problem());
    }

    static Stream<Arguments> refused() {
        String prefix = "https://example.com/";
        return Stream.of(
                // raw URL, a key word of the reason
                Arguments.of(null, "empty"),
                Arguments.of("", "empty"),
                Arguments.of("   ", "empty"),
                Arguments.of("file:///etc/passwd", "http"),
                Arguments.of("javascript:alert(1)", "http"),
                Arguments.of("data:image/png;base64,iVBORw0KGgo=", "http"),
                Arguments.of("ftp://example.com/a.jpg", "http"),
                Arguments.of("relative/path.jpg", "absolute"),
                Arguments.of("/var/www/a.jpg", "absolute"),
                Arguments.of("//example.com/a.jpg", "absolute"),
                Arguments.of("http:///a.jpg", "host"),
                Arguments.of("http://localhost/a.jpg", "private network"),
                Arguments.of("http://LocalHost:8080/a.jpg", "private network"),
                Arguments.of("http://printer.local/a.jpg", "private network"),
                Arguments.of("http://metadata.google.internal/x", "private network"),
                Arguments.of("http://127.0.0.1/a.jpg", "private network"),
                Arguments.of("http://127.1.2.3/a.jpg", "private network"),
                Arguments.of("http://0.0.0.0/a.jpg", "private network"),
                Arguments.of("http://10.0.0.5/x", "private network"),
                Arguments.of("http://192.168.1.2/x", "private network"),
                Arguments.of("http://172.16.0.1/x", "private network"),
                Arguments.of("http://172.31.255.255/x", "private network"),
                Arguments.of("http://169.254.169.254/latest", "private network"),
                Arguments.of("http://[::1]/x", "private network"),
                Arguments.of("http://[fd00::1]/x", "private network"),
                Arguments.of("http://[fe80::1]/x", "private network"),
                Arguments.of("http://[::ffff:127.0.0.1]/x", "private network"),
                Arguments.of("https://user:pass@example.com/a.jpg", "password"),
                Arguments.of("https://user@example.com/a.jpg", "user name"),
                Arguments.of("https://example.com/a b.jpg", "spaces"),
                Arguments.of("https://example.com/a.jpg\nInjected: yes", "control characters"),
                Arguments.of("https://example.com/a.jpg\t", "control characters"),
                Arguments.of("https://example.com/\u0000.jpg", "control characters"),
                Arguments.of("https://example.com/\u007f.jpg", "control characters"),
                Arguments.of("https://example.com/a.jpg?q=<script>", "not a valid URL"),
                Arguments.of("https://exa mple.com", "spaces"),
                Arguments.of(prefix + "a".repeat(3000 - prefix.length()), "3000 characters"),
                Arguments.of(prefix + "a".repeat(MediaUrls.MAX_LENGTH + 1 - prefix.length()), "2049 characters"));
    }

    @ParameterizedTest(name = "[{index}] refused with \"{1}\"")
    @MethodSource
    void refused(String raw, String keyWord) {
        MediaUrls.Checked checked = MediaUrls.check(raw);

        assertEquals(Optional.empty(), checked.url());
        String reason = checked.problem().orElseThrow(() -> new AssertionError("no reason for " + raw));
        assertTrue(reason.contains(keyWord), () -> "expected '" + keyWord + "' in: " + reason);
        // The reason is shown next to the URL, so it must not repeat a long hostile input.
        assertTrue(reason.length() < 200, reason);
    }
}
