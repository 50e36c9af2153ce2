package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The review page behind an https reverse proxy, as the docs advise: the browser's page is at
 * {@code SMS_PUBLIC_URL} while the service sees plain http on loopback. Its own changes are accepted
 * and its cookie is Secure; another site's are still refused.
 */
@Timeout(120)
class ReviewBehindProxyIT {
    private static final String PUBLIC = "https://sms.example.com";
    private static final String TOKEN = "review-token-behind-a-proxy-7d1";
    private ServiceProcess service;

    @BeforeEach
    void start() throws Exception {
        service = ServiceProcess.startWithoutPublicUrl(Map.of("SMS_PUBLIC_URL", PUBLIC, "SMS_REVIEW_TOKEN", TOKEN));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    /** A form POST as the proxy passes it on: the browser's Origin, the proxy's Host. */
    private HttpResponse<String> post(String path, String form, String origin, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin).POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return service.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePublicPageSignsInWithASecureCookieAndAnotherSiteIsStillRefused() throws Exception {
        String form = "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8);

        HttpResponse<String> signedIn = post("/review/login", form, PUBLIC, null);
        HttpResponse<String> forged = post("/review/login", form, "https://evil.example", null);
        HttpResponse<String> plainHttp = post("/review/login", form, "http://sms.example.com", null);

        assertEquals(303, signedIn.statusCode(), signedIn.body());
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("; Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
                cookie);
        assertEquals(403, forged.statusCode());
        assertEquals(403, plainHttp.statusCode(), "the public origin is https, so http is another origin");
        HttpResponse<String> logout = post("/review/logout", "csrf=wrong", PUBLIC, cookie.substring(0,
                cookie.indexOf(';')));
        assertEquals(403, logout.statusCode(), "the session still needs its CSRF token: " + logout.body());
    }

    @Test
    void signInsAreLimitedRightOrWrongSoATokenCannotBeGuessed() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        // The bucket refills by one every 6 s, so a slow machine may be let through a little later.
        while (statuses.size() < 30 && (last == null || last.statusCode() != 429)) {
            last = post("/review/login", "token=guess-" + statuses.size(), PUBLIC, null);
            statuses.add(last.statusCode());
        }
        HttpResponse<String> right = post("/review/login", "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8),
                PUBLIC, null);

        assertEquals(List.of(403, 403, 403, 403, 403, 403, 403, 403, 403, 403), statuses.subList(0, 10),
                "the first ten are checked");
        assertEquals(429, last.statusCode(), "then they are refused: " + statuses);
        assertTrue(last.headers().firstValue("Retry-After").isPresent(), last.headers().toString());
        assertTrue(last.body().contains("Too many sign-ins"), last.body());
        assertEquals(429, right.statusCode(), "while the limit holds even the right token is not checked");
        assertTrue(service.stderr().contains("more than 10 a minute"), service.stderr());
    }
}
