package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Autoresponder rules on the review page, in headless chromium: a rule a model created under
 * approval waits for a person, who enables it on the page (the model then sees it enabled), tries
 * another earlier, and deletes one.
 */
@Timeout(240)
class ReviewPageRulesIT {
    @TempDir
    Path dir;
    private ReviewBench bench;

    @BeforeEach
    void start() throws IOException {
        bench = ReviewBench.start(dir.resolve("chromium-profile"));
    }

    @AfterEach
    void stop() {
        if (bench != null) {
            bench.close();
        }
    }

    private long create(String trigger, String response) {
        CallToolResult created = bench.server.call("create_sms_autoresponder",
                Map.of("trigger", trigger, "response", response));
        return ((Number) ServerProcess.structured(created).get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private Map<Long, Boolean> enabledAsTheModelSees() {
        List<Map<String, Object>> rules = (List<Map<String, Object>>) ServerProcess.structured(
                bench.server.call("list_sms_autoresponders", Map.of())).get("autoresponders");
        Map<Long, Boolean> enabled = new java.util.LinkedHashMap<>();
        rules.forEach(rule -> enabled.put(((Number) rule.get("id")).longValue(), (Boolean) rule.get("enabled")));
        return enabled;
    }

    @Test
    void aPersonEnablesOrdersAndDeletesTheModelsRulesOnThePage() {
        long hours = create("hours", "We are open 9-17, Mon-Fri");
        long prices = create("prices", "See example.com/prices");
        assertEquals(Map.of(hours, false, prices, false), enabledAsTheModelSees(), "a model's rule waits for a person");
        bench.signIn(ReviewBench.REVIEW_TOKEN);

        bench.browser.get(bench.service.baseUrl + "/review/rules");
        assertTrue(bench.browser.findElement(By.id("rule-" + hours)).getText().contains("waits for a person"));
        bench.browser.findElement(By.xpath("//button[text()='Enable #" + hours + "']")).click();
        bench.awaitNote("Rule #" + hours + " enabled.");
        bench.browser.findElement(By.xpath("//button[text()='Try #" + prices + " earlier']")).click();
        bench.awaitNote("Rule #" + prices + " moved.");

        List<String> order = bench.browser.findElements(By.cssSelector("li.rule")).stream()
                .map(rule -> rule.getAttribute("id")).toList();
        assertEquals(List.of("rule-" + prices, "rule-" + hours), order);
        assertEquals("enabled", bench.browser.findElement(By.cssSelector("#rule-" + hours + " .state")).getText());
        assertEquals(Map.of(prices, false, hours, true), enabledAsTheModelSees());

        bench.browser.findElement(By.xpath("//button[text()='Delete #" + prices + "']")).click();
        bench.awaitNote("Rule #" + prices + " deleted.");
        assertEquals(Map.of(hours, true), enabledAsTheModelSees());
    }
}
