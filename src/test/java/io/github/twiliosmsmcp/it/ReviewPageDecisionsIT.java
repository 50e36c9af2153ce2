package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The review page's other ways to decide, in headless chromium against {@code serve} and a stdio
 * server on one database: editing a staged text (a new version needing its own approval, and only
 * it is sent), approving a selection (exactly the ticked ones), and approving by keyboard alone.
 */
@Timeout(240)
class ReviewPageDecisionsIT {
    private static final String ANN = "+14155550160";
    private static final String BOB = "+14155550161";
    private static final String CAROL = "+14155550162";
    private static final Pattern REPLACED_BY = Pattern.compile("was replaced by #(\\d+)");
    private static final int MOST_TABS = 60;

    @TempDir
    Path dir;
    private ReviewBench bench;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws IOException {
        bench = ReviewBench.start(dir.resolve("chromium-profile"));
        browser = bench.browser;
    }

    @AfterEach
    void stop() {
        if (bench != null) {
            bench.close();
        }
    }

    @Test
    void anEditedTextIsANewVersionThatIsSentOnlyOnceApprovedAndOnlyOnce() {
        long original = stage(ANN, "Your table is ready at 6pm");
        bench.signIn(ReviewBench.REVIEW_TOKEN);

        browser.findElement(By.cssSelector("#staged-" + original + " summary")).click();
        WebElement text = browser.findElement(By.id("body-" + original));
        text.clear();
        text.sendKeys("Your table is ready at 7pm");
        browser.findElement(By.cssSelector("#staged-" + original + " form.edit button")).click();
        Matcher replaced = REPLACED_BY.matcher(bench.awaitNote("#" + original + " was replaced by #"));
        assertTrue(replaced.find());
        long edited = Long.parseLong(replaced.group(1));

        assertTrue(browser.findElements(By.id("staged-" + original)).isEmpty(), "the old version left the queue");
        assertEquals("rejected", browser.findElement(By.cssSelector("#decided-" + original + " .state")).getText());
        assertTrue(browser.findElement(By.id("decided-" + original)).getText()
                .contains("replaced by staged message " + edited));
        WebElement newVersion = browser.findElement(By.id("staged-" + edited));
        assertEquals("Your table is ready at 7pm", newVersion.findElement(By.cssSelector(".body")).getText());
        assertTrue(newVersion.getText().contains("Replaces\n#" + original), newVersion.getText());
        assertEquals(Map.of(original, "rejected", edited, "pending"), bench.statesTheModelSees());

        sendApproved();
        assertEquals(0, bench.twilio.createCount(), "the new version needs its own approval");

        browser.findElement(By.cssSelector("#staged-" + edited + " button.approve")).click();
        bench.awaitNote("#" + edited + " approved.");
        sendApproved();
        sendApproved();
        assertEquals(1, bench.twilio.createCount(), "sent once");
        Map<String, List<String>> create = bench.twilio.createRequests().get(0);
        assertEquals(List.of("Your table is ready at 7pm"), create.get("Body"));
        assertEquals(List.of(ANN), create.get("To"));
        assertEquals(Map.of(original, "rejected", edited, "sent"), bench.statesTheModelSees());
    }

    @Test
    void approvingASelectionApprovesExactlyTheTickedMessages() {
        long ann = stage(ANN, "Your order has shipped");
        long bob = stage(BOB, "Your order is delayed");
        long carol = stage(CAROL, "Your order was delivered");
        bench.signIn(ReviewBench.REVIEW_TOKEN);

        browser.findElement(By.id("pick-" + ann)).click();
        browser.findElement(By.id("pick-" + carol)).click();
        browser.findElement(By.cssSelector("#bulk button")).click();
        String note = bench.awaitNote("#" + ann + " approved.");
        assertTrue(note.contains("#" + carol + " approved.") && !note.contains("#" + bob), note);
        assertEquals(1, browser.findElements(By.cssSelector("article.staged")).size());
        assertEquals(1, browser.findElements(By.id("staged-" + bob)).size(), "the unticked one still waits");
        assertEquals(Map.of(ann, "approved", bob, "pending", carol, "approved"), bench.statesTheModelSees());

        sendApproved();
        assertEquals(2, bench.twilio.createCount());
        assertEquals(1, bench.twilio.createsTo(ANN));
        assertEquals(1, bench.twilio.createsTo(CAROL));
        assertEquals(0, bench.twilio.createsTo(BOB));
    }

    @Test
    void aPersonSignsInAndApprovesByKeyboardAlone() {
        long first = stage(ANN, "Your appointment is tomorrow at 9");
        long second = stage(BOB, "Your appointment is tomorrow at 10");

        browser.get(bench.service.baseUrl + "/review");
        tabTo(By.id("token"));
        press(ReviewBench.REVIEW_TOKEN, Keys.ENTER);
        Deadline.await(Duration.ofSeconds(15), () -> !browser.findElements(By.id("bulk")).isEmpty(),
                "the queue shows after signing in");

        press(Keys.TAB);
        assertEquals(browser.findElement(By.cssSelector("a.skip")), browser.switchTo().activeElement(),
                "the first stop is the skip link");
        press(Keys.ENTER);
        press(Keys.TAB);
        assertEquals(browser.findElement(By.cssSelector("#bulk button")), browser.switchTo().activeElement(),
                "the skip link leads past the navigation into the content");
        WebElement approve = tabTo(By.cssSelector("#staged-" + second + " button.approve"));
        assertNotEquals("none", approve.getCssValue("outline-style"), "the focused button shows it has the focus");
        press(Keys.SPACE);

        bench.awaitNote("#" + second + " approved.");
        assertEquals(Map.of(first, "pending", second, "approved"), bench.statesTheModelSees());
    }

    private long stage(String to, String text) {
        return ReviewBench.stagedId(bench.server.call("stage_sms", Map.of("to", to, "message", text)));
    }

    private void sendApproved() {
        bench.server.call("send_approved_sms", Map.of());
    }

    /** Keys go to whatever has the focus, as a person's keyboard would send them. */
    private void press(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    /** Tabs forward until {@code target} has the focus, as far as a person would before giving up. */
    private WebElement tabTo(By target) {
        WebElement wanted = browser.findElement(target);
        for (int tabs = 0; tabs < MOST_TABS; tabs++) {
            if (wanted.equals(browser.switchTo().activeElement())) {
                return wanted;
            }
            press(Keys.TAB);
        }
        throw new AssertionError(target + " is not reached by " + MOST_TABS + " presses of Tab");
    }
}
