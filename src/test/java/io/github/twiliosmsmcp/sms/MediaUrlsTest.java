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

    /** Hosts that a resolver reads as this computer, a private network or no single server. */
    static Stream<Arguments> unreachableHosts() {
        return Stream.of(
                // raw URL, a key word of the reason
                Arguments.of("http://localhost./", "localhost"),
                Arguments.of("http://LOCALHOST./a.jpg", "localhost"),
                Arguments.of("http://app.localhost/a.jpg", "localhost"),
                Arguments.of("http://printer.local./", ".local"),
                Arguments.of("http://metadata.google.internal./x", ".internal"),
                Arguments.of("http://router.home.arpa/x", ".home.arpa"),
                Arguments.of("http://printer/a.jpg", "without a dot"),
                Arguments.of("http://metadata/computeMetadata/v1/", "without a dot"),
                Arguments.of("http://[::0001]/", "loopback"),
                Arguments.of("http://[0:0:0:0:0:0:0:1]/", "loopback"),
                Arguments.of("http://[0000:0000:0000:0000:0000:0000:0000:0001]/", "loopback"),
                Arguments.of("http://[::]/", "unspecified"),
                Arguments.of("http://[0:0:0:0:0:ffff:7f00:1]/", "127.0.0.1"),
                Arguments.of("http://[::ffff:7f00:1]/", "127.0.0.1"),
                Arguments.of("http://[::FFFF:10.0.0.1]/", "10.0.0.1"),
                Arguments.of("http://[::ffff:0:a00:1]/", "10.0.0.1"),
                Arguments.of("http://[::127.0.0.1]/", "127.0.0.1"),
                Arguments.of("http://[::a9fe:a9fe]/latest", "169.254.169.254"),
                Arguments.of("http://[64:ff9b::192.168.0.1]/", "192.168.0.1"),
                Arguments.of("http://[64:ff9b:1::808:808]/", "NAT64"),
                Arguments.of("http://[2002:7f00:1::]/", "127.0.0.1"),
                Arguments.of("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "127.0.0.1"),
                Arguments.of("http://[fc00::1]/", "unique local"),
                Arguments.of("http://[FDFF:ffff::1]/", "unique local"),
                Arguments.of("http://[fe80::1%25eth0]/", "zone"),
                Arguments.of("http://[febf::1]/", "link-local"),
                Arguments.of("http://[fec0::1]/", "site-local"),
                Arguments.of("http://[ff02::1]/", "multicast"),
                Arguments.of("http://0x7f000001/", "127.0.0.1"),
                Arguments.of("http://0X7F000001/", "127.0.0.1"),
                Arguments.of("http://2130706433/", "127.0.0.1"),
                Arguments.of("http://017700000001/", "127.0.0.1"),
                Arguments.of("http://0/", "0.0.0.0"),
                Arguments.of("http://0x/", "0.0.0.0"),
                Arguments.of("http://0x7f.1/", "127.0.0.1"),
                Arguments.of("http://127.1/", "127.0.0.1"),
                Arguments.of("http://0177.0.0.1/", "127.0.0.1"),
                Arguments.of("http://127.0.0.1./", "127.0.0.1"),
                Arguments.of("http://0xa.0x0.0.01/", "10.0.0.1"),
                Arguments.of("http://3232235521/", "192.168.0.1"),
                Arguments.of("http://0.1.2.3/", "0.1.2.3"),
                Arguments.of("http://100.64.0.1/", "carrier-grade NAT"),
                Arguments.of("http://100.127.255.255/", "carrier-grade NAT"),
                Arguments.of("http://[::ffff:100.127.255.255]/", "carrier-grade NAT"),
                Arguments.of("http://224.0.0.1/", "multicast"),
                Arguments.of("http://239.255.255.250/", "multicast"),
                Arguments.of("http://255.255.255.255/", "broadcast"),
                Arguments.of("http://4294967295/", "broadcast"),
                Arguments.of("http://240.0.0.1/", "reserved"),
                Arguments.of("http://4294967296/", "not a valid IPv4 address"),
                Arguments.of("http://256.1.1.1/", "not a valid IPv4 address"),
                Arguments.of("http://1.2.3.4.5/", "not a valid IPv4 address"),
                Arguments.of("http://08.1.1.1/", "not a valid IPv4 address"),
                Arguments.of("http://example.com:99999/", "port 99999"),
                Arguments.of("http://example.com:0/a.jpg", "port 0"),
                Arguments.of("http://example.com:9999999999999/", "host or port"),
                Arguments.of("http://user@127.1/", "user name"),
                Arguments.of("http://%6cocalhost/", "host or port"),
                Arguments.of("http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/", "host or port"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void unreachableHosts(String raw, String keyWord) {
        refused(raw, keyWord);
    }

    /** Lookalikes of the hosts above that are public and must still reach Twilio. */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "http://127.attacker.example/a.jpg",
            "http://localhost.example.com/a.jpg",
            "http://local.example.com/a.jpg",
            "http://internal.example.com/x",
            "http://example.local.example.com/x",
            "http://0x7f000001.example.com/x",
            "http://10.example/x",
            "http://8.8.8.8/x",
            "http://134744072/x",
            "http://0x08080808/x",
            "http://100.63.255.255/x",
            "http://100.128.0.1/x",
            "http://172.15.255.255/x",
            "http://192.169.0.1/x",
            "http://169.255.0.1/x",
            "http://223.255.255.255/x",
            "http://1.0.0.1/x",
            "https://[2606:4700:4700::1111]/x.png",
            "https://[2001:4860:4860::8888]:8443/x.png",
            "https://[::ffff:8.8.8.8]/x.png",
            "https://[2002:808:808::1]/x.png",
            "https://[64:ff9b::8.8.8.8]/x.png",
            "https://[fbff::1]/x.png",
            "https://example.com:65535/x",
            "https://example.com:1/x",
            "https://example.com./a.jpg"})
    void publicLookalikesAreAccepted(String raw) {
        publicHttpUrlsAreAccepted(raw);
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
