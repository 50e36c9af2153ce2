package io.github.twiliosmsmcp.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.github.twiliosmsmcp.policy.Charge;
import io.github.twiliosmsmcp.store.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The review page's own logic in-process: who may change things, sessions, escaping, costs. */
class ReviewPageLogicTest {
    private static final List<String> OWN = List.of("http://127.0.0.1:8787", "https://sms.example.com");
    private static final String XSS = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

    @ParameterizedTest(name = "Origin {0}, Referer {1}: {2}")
    @CsvSource(nullValues = "none", value = {
            "http://127.0.0.1:8787, none, true",
            "HTTP://127.0.0.1:8787, none, true",
            "http://evil.example, none, false",
            "http://127.0.0.1:8788, none, false",
            "null, none, false",
            "http://evil.example, http://127.0.0.1:8787/review, false",
            "none, http://127.0.0.1:8787/review/inbox?with=1, true",
            "none, http://127.0.0.1:8787.evil.example/review, false",
            "none, http://evil.example/http://127.0.0.1:8787, false",
            "none, not a url, false",
            "none, none, false",
            "https://sms.example.com, none, true",
            "HTTPS://SMS.example.com, none, true",
            "http://sms.example.com, none, false",
            "https://sms.example.com:8443, none, false",
            "none, https://sms.example.com/review/costs, true",
            "https://evil.example, https://sms.example.com/review, false"})
    void aPostMustComeFromThePageItselfDirectOrThroughTheProxy(String origin, String referer, boolean allowed) {
        assertEquals(allowed, SameOrigin.of(OWN, origin, referer).isPresent());
    }

    @Test
    void aSessionAcceptsOnlyItsOwnCsrfTokenUntilItEnds() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
        ReviewSessions sessions = new ReviewSessions(clock);
        ReviewSessions.Session one = sessions.open();
        ReviewSessions.Session two = sessions.open();

        assertNotEquals(one.id(), two.id());
        assertNotEquals(one.csrf(), two.csrf());
        assertTrue(one.acceptsCsrf(one.csrf()));
        assertFalse(one.acceptsCsrf(two.csrf()));
        assertFalse(one.acceptsCsrf(null));
        assertFalse(one.acceptsCsrf(""));
        assertEquals(Optional.of(one), sessions.find(one.id()));
        assertEquals(Optional.empty(), sessions.find("made-up"));
        assertEquals(Optional.empty(), sessions.find(null));

        sessions.note(one, "#1 approved.");
        assertEquals(Optional.of("#1 approved."), sessions.takeNote(one));
        assertEquals(Optional.empty(), sessions.takeNote(one), "a note is shown once");

        sessions.close(two);
        assertEquals(Optional.empty(), sessions.find(two.id()), "signed out");
        clock.advance(ReviewSessions.LIFETIME);
        assertEquals(Optional.empty(), sessions.find(one.id()), "expired");
    }

    @Test
    void theCookieIsHttpOnlyStrictAndSecureOverHttps() {
        assertEquals("review_session=abc; Path=/review; Max-Age=60; HttpOnly; SameSite=Strict",
                ReviewPage.cookie("abc", 60, false));
        assertEquals("review_session=abc; Path=/review; Max-Age=60; HttpOnly; SameSite=Strict; Secure",
                ReviewPage.cookie("abc", 60, true));
    }

    @Test
    void theCspAllowsNoScriptAndImagesOnlyFromHereOrHttps() {
        assertTrue(ReviewPage.CSP.startsWith("default-src 'none';"));
        assertFalse(ReviewPage.CSP.contains("script-src"));
        assertTrue(ReviewPage.CSP.contains("img-src 'self' https:;"));
        assertTrue(ReviewPage.CSP.contains("form-action 'self'"));
    }

    @Test
    void textWrittenByStrangersIsEscapedEverywhereItIsShown() {
        InboxView.Message message = new InboxView.Message(true, "now", "received", XSS,
                List.of("https://example.com/a.png\"onerror=\"alert(3)"), List.of("javascript:alert(4)"), true);
        InboxView view = new InboxView(List.of(new InboxView.Row(XSS, "now", 1, "/review/inbox?with=" + XSS)),
                Optional.of(new InboxView.Thread(XSS, List.of(message), 0, Optional.of(XSS))));
        StringOutput html = new StringOutput();
        TemplateEngine.createPrecompiled(ContentType.Html).render("inbox.jte",
                Map.of("frame", new ReviewPage.Frame("inbox", "csrf\"><b>", Optional.of(XSS)), "view", view), html);
        String page = html.toString();

        assertFalse(page.contains("<script"), page);
        assertFalse(page.contains("<img src=x"), page);
        assertFalse(page.contains("\"onerror="), page);
        assertFalse(page.contains("csrf\"><b>"), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page);
    }

    @Test
    void costsAreSummedByDayAndRecipientAgainstTheBudget() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        List<Charge> charges = List.of(
                new Charge(Instant.parse("2026-11-01T12:00:00Z"), "+14155550001", new BigDecimal("9"), "twilio"),
                new Charge(Instant.parse("2026-11-30T10:00:00Z"), "+14155550001", new BigDecimal("0.0079"), "twilio"),
                new Charge(Instant.parse("2026-12-01T13:00:00Z"), "+14155550002", new BigDecimal("0.5"), "twilio"),
                new Charge(Instant.parse("2026-12-02T11:00:00Z"), "+14155550001", new BigDecimal("0.25"),
                        "messagecentral"));

        CostsView costs = CostsView.of(charges, Optional.of(new BigDecimal("1")), now);

        assertEquals("$0.2500", costs.today());
        assertEquals("$0.7500", costs.lastDay(), "the rolling 24 hours the budget counts");
        assertEquals(Optional.of("$1.0000"), costs.budget());
        assertEquals(75, costs.usedPercent());
        assertFalse(costs.overBudget());
        assertEquals(CostsView.DAYS, costs.days().size());
        assertEquals(new CostsView.Row("2026-12-02", 1, "$0.2500"), costs.days().get(0));
        assertEquals(new CostsView.Row("2026-11-30", 1, "$0.0079"), costs.days().get(2));
        assertEquals(List.of(new CostsView.Row("+14155550002", 1, "$0.5000"),
                new CostsView.Row("+14155550001", 2, "$0.2579")), costs.recipients(), "older than 30 days left out");
        assertEquals(List.of(new CostsView.Row("twilio", 2, "$0.5079"), new CostsView.Row("messagecentral", 1, "$0.2500")),
                costs.providers(), "each provider's sends and cost");
        assertTrue(CostsView.of(charges, Optional.of(new BigDecimal("0.5")), now).overBudget());
        assertEquals(0, CostsView.of(charges, Optional.empty(), now).usedPercent());
    }

    @Test
    void onlyHttpsMediaIsShownAsAnImage() {
        assertTrue(QueueView.showable("https://example.com/cat.png"));
        assertTrue(QueueView.showable("HTTPS://example.com/cat.png"));
        assertFalse(QueueView.showable("http://example.com/cat.png"));
        assertFalse(QueueView.showable("javascript:alert(1)"));
    }
}
