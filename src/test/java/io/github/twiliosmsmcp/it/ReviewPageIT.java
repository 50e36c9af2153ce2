package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.fake.FakeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The review page in a real browser (Debian's chromium, headless, through chromium-driver) against
 * {@code serve} and a stdio server sharing one database, with the fake Twilio on loopback: a person
 * signs in, approves a staged MMS the model then sends, rejects another with a reason the model reads,
 * and reads a stranger's hostile reply as plain text; forged and anonymous changes are refused.
 */
@Timeout(240)
class ReviewPageIT {
    private static final String REVIEW_TOKEN = ReviewBench.REVIEW_TOKEN;
    private static final String ANN = "+14155550150";
    private static final String BOB = "+14155550151";
    private static final String CAROL = "+14155550152";
    private static final String PICTURE = "https://media.example.com/table.png";
    private static final String HOSTILE = "<script>alert('x')</script> \"><img src=x onerror=alert(1)>";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;
    private ReviewBench bench;
    private FakeTwilioApi twilio;
    private ServiceProcess service;
    private ServerProcess server;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws IOException {
        bench = ReviewBench.start(dir.resolve("chromium-profile"));
        twilio = bench.twilio;
        service = bench.service;
        server = bench.server;
        browser = bench.browser;
    }

    @AfterEach
    void stop() {
        if (bench != null) {
            bench.close();
        }
    }

    @Test
    void aPersonApprovesRejectsAndReadsTheInboxWhileForgedChangesAreRefused() throws Exception {
        long mms = ReviewBench.stagedId(server.call("stage_sms", Map.of("to", ANN, "message", "Your table is ready",
                "media_urls", List.of(PICTURE), "priority", "high", "notes", "Ann asked for a photo")));
        long sms = ReviewBench.stagedId(server.call("send_sms", Map.of("to", BOB, "message", "BUY NOW!!!")));
        String reply = twilio.injectInbound(CAROL, TwilioServerIT.OUR_NUMBER, HOSTILE, Instant.now());
        assertEquals(200, service.signedPost("/twilio/inbound", TwilioServerIT.TOKEN, List.of(
                Map.entry("AccountSid", TwilioServerIT.ACCOUNT), Map.entry("MessageSid", reply),
                Map.entry("From", CAROL), Map.entry("To", TwilioServerIT.OUR_NUMBER), Map.entry("Body", HOSTILE),
                Map.entry("NumMedia", "0"))).statusCode());

        // Without the token: every view sends to the sign-in form, and no change is made.
        HttpResponse<String> anonymous = service.get("/review");
        assertEquals(302, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("Location").orElse("").endsWith("/review/login"));
        assertEquals(403, post("/review/approve", "id=" + mms, service.baseUrl, null).statusCode());
        browser.get(service.baseUrl + "/review/costs");
        assertTrue(browser.getCurrentUrl().endsWith("/review/login"), browser.getCurrentUrl());
        bench.signIn("not-the-token");
        assertTrue(browser.getPageSource().contains("That is not the review token."));

        bench.signIn(REVIEW_TOKEN);
        WebElement staged = browser.findElement(By.id("staged-" + mms));
        WebElement picture = staged.findElement(By.cssSelector(".media img"));
        assertEquals(PICTURE, picture.getAttribute("src"));
        assertTrue(staged.findElement(By.cssSelector(".cost")).getText().startsWith("$"), staged.getText());
        assertTrue(staged.getText().contains("Ann asked for a photo") && staged.getText().contains("high"));
        assertTrue(staged.findElement(By.cssSelector(".size")).getText().contains("segment"), staged.getText());
        screenshot("queue");

        // The session's cookie alone changes nothing: the CSRF token and the page's own Origin are needed.
        String cookie = "review_session=" + browser.manage().getCookieNamed("review_session").getValue();
        String csrf = browser.findElement(By.name("csrf")).getAttribute("value");
        String digest = staged.findElement(By.cssSelector("form[action='/review/approve'] input[name=digest]"))
                .getAttribute("value");
        assertEquals(403, post("/review/approve", "id=" + mms + "&digest=" + digest, service.baseUrl, cookie)
                .statusCode(), "no CSRF token");
        assertEquals(403, post("/review/approve", "id=" + mms + "&digest=" + digest + "&csrf=" + csrf,
                "http://evil.example", cookie).statusCode(), "another origin");
        assertEquals(403, post("/review/approve", "id=" + mms + "&digest=" + digest + "&csrf=" + csrf, null, cookie)
                .statusCode(), "neither Origin nor Referer");
        browser.navigate().refresh();
        assertEquals(1, browser.findElements(By.id("staged-" + mms)).size(), "still pending");

        browser.findElement(By.cssSelector("#staged-" + mms + " button.approve")).click();
        bench.awaitNote("#" + mms + " approved.");
        browser.findElement(By.id("reason-" + sms)).sendKeys("Too pushy");
        browser.findElement(By.cssSelector("#staged-" + sms + " form.reject button")).click();
        bench.awaitNote("#" + sms + " rejected.");
        assertTrue(browser.findElements(By.cssSelector("article.staged")).isEmpty(), "nothing left to decide");

        String rejected = ServerProcess.text(server.call("list_staged_sms", Map.of("status", "rejected")));
        assertTrue(rejected.contains("Too pushy"), rejected);
        String sent = ServerProcess.text(server.call("send_approved_sms", Map.of()));
        assertEquals(1, twilio.createCount(), sent);
        FakeMessage message = twilio.messages().stream().filter(m -> ANN.equals(m.to())).findFirst().orElseThrow();
        assertEquals(200, service.signedPost("/twilio/status", TwilioServerIT.TOKEN, List.of(
                Map.entry("AccountSid", TwilioServerIT.ACCOUNT), Map.entry("MessageSid", message.sid()),
                Map.entry("MessageStatus", "delivered"), Map.entry("From", TwilioServerIT.OUR_NUMBER),
                Map.entry("To", ANN))).statusCode());
        browser.get(service.baseUrl + "/review");
        assertEquals("sent", browser.findElement(By.cssSelector("#decided-" + mms + " .state")).getText());
        assertEquals("delivered", browser.findElement(By.cssSelector("#decided-" + mms + " .delivery")).getText());
        assertEquals("rejected", browser.findElement(By.cssSelector("#decided-" + sms + " .state")).getText());

        // A stranger's reply is text: it runs nothing and adds no element.
        browser.findElement(By.linkText("Inbox")).click();
        WebElement conversation = bench.await(By.linkText(CAROL));
        assertTrue(browser.findElement(By.cssSelector(".conversations li")).getText().contains("1 unread"),
                "the unread conversation comes first");
        conversation.click();
        assertEquals(HOSTILE, bench.await(By.cssSelector(".messages li.in .body")).getText());
        assertTrue(browser.findElements(By.cssSelector("main script, main img[src='x']")).isEmpty());
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        screenshot("inbox");
        String unread = ServerProcess.text(server.call("receive_sms", Map.of("unread_only", true)));
        assertTrue(unread.contains("alert(1)"), "looking at the thread left it unread for the model: " + unread);

        browser.findElement(By.linkText("Costs")).click();
        assertEquals("$5.0000", bench.await(By.cssSelector(".budget")).getText());
        assertTrue(browser.findElement(By.cssSelector("table.recipients")).getText().contains(ANN));
        screenshot("costs");

        browser.manage().window().setSize(new Dimension(380, 900));
        browser.get(service.baseUrl + "/review");
        Object overflow = browser.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        assertEquals(Boolean.FALSE, overflow, "readable on a phone-width screen without scrolling sideways");
    }

    private HttpResponse<String> post(String path, String form, String origin, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return service.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void screenshot(String view) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("review-" + view + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
