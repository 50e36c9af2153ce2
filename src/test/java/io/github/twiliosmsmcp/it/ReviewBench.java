package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * What a review page test stands on: the fake Twilio on loopback, {@code serve} and a stdio server
 * sharing one database under {@code SMS_APPROVAL=all} with autoresponders on, and headless chromium. Closing it fails the
 * test if the review token or the auth token reached either process's log.
 */
final class ReviewBench implements AutoCloseable {
    static final String REVIEW_TOKEN = "review-token-for-the-test-4b1f";

    final FakeTwilioApi twilio;
    final ServerProcess server;
    final ServiceProcess service;
    final ChromeDriver browser;

    private ReviewBench(Path profile) throws IOException {
        twilio = TwilioServerIT.startFake();
        Map<String, String> env = new HashMap<>(TwilioServerIT.env(twilio, Map.of("SMS_APPROVAL", "all",
                "SMS_DAILY_BUDGET_USD", "5", "SMS_STATUS_WAIT_SECONDS", "1", "SMS_AUTORESPONDERS", "on")));
        Path database = ServerProcess.freshDatabase();
        env.put("SMS_DATABASE", database.toString());
        server = ServerProcess.start(env);
        service = ServiceProcess.start(ServiceProcess.with(env, "SMS_REVIEW_TOKEN", REVIEW_TOKEN), database);
        browser = browser(profile);
    }

    static ReviewBench start(Path profile) throws IOException {
        return new ReviewBench(profile);
    }

    /** Headless, and unable to resolve any name: the page's only peer is the service on 127.0.0.1. */
    private static ChromeDriver browser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--user-data-dir=" + profile,
                "--window-size=1000,1300");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(driver, options);
    }

    /** Signs in and waits for the page that answers: the queue, or the sign-in form with its problem. */
    void signIn(String token) {
        browser.get(service.baseUrl + "/review");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("form.login button")).click();
        Deadline.await(java.time.Duration.ofSeconds(20), () -> !browser.findElements(By.cssSelector("nav")).isEmpty()
                || !browser.findElements(By.cssSelector("p.problem")).isEmpty(), "the page after signing in");
    }

    /** The staged id a stage_sms, send_sms or send_mms answer names. */
    static long stagedId(CallToolResult result) {
        @SuppressWarnings("unchecked")
        Map<String, Object> message = (Map<String, Object>) ServerProcess.structured(result).get("message");
        return ((Number) message.get("id")).longValue();
    }

    /** The element once the page that a click opened shows it. */
    WebElement await(By element) {
        Deadline.await(java.time.Duration.ofSeconds(20), () -> !browser.findElements(element).isEmpty(),
                "the page shows " + element);
        return browser.findElement(element);
    }

    /**
     * The note the page shows after a change, once it says {@code expected}. A click returns before the next page
     * has loaded, so the note first found may belong to the page being left: read it again until it says so.
     */
    String awaitNote(String expected) {
        String[] note = {""};
        try {
            Deadline.await(java.time.Duration.ofSeconds(20), () -> {
                try {
                    note[0] = browser.findElements(By.cssSelector(".note")).stream().map(WebElement::getText)
                            .findFirst().orElse("");
                } catch (WebDriverException reloading) {
                    note[0] = "";
                }
                return note[0].contains(expected);
            }, "the page notes \"" + expected + "\"");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; its note said \"" + note[0] + "\"", e);
        }
        return note[0];
    }

    /** Every staged message's state as the model reads it in list_staged_sms, by id. */
    Map<Long, String> statesTheModelSees() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> staged = (List<Map<String, Object>>) ServerProcess.structured(
                server.call("list_staged_sms", Map.of())).get("staged");
        Map<Long, String> states = new LinkedHashMap<>();
        staged.forEach(m -> states.put(((Number) m.get("id")).longValue(), (String) m.get("state")));
        return states;
    }

    @Override
    public void close() {
        browser.quit();
        String log = service.stderr() + server.stderr();
        service.close();
        server.close();
        twilio.close();
        assertFalse(log.contains(REVIEW_TOKEN), "the review token never reaches the log");
        assertFalse(log.contains(TwilioServerIT.TOKEN), "the auth token never reaches the log");
    }
}
