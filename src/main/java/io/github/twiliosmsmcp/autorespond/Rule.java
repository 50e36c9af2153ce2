package io.github.twiliosmsmcp.autorespond;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * One autoresponder: when an inbound message matches {@code trigger} within {@code activeHours},
 * {@code response} is sent back. Rules are tried in {@code position} order (1 first).
 * {@code origin} says who made it: a model's rule under approval waits, disabled, for a person.
 */
public record Rule(long id, Trigger trigger, String response, boolean enabled, Optional<ActiveHours> activeHours,
        int position, Origin origin, Instant createdAt, long triggerCount, Optional<Instant> lastTriggered) {

    public enum Origin {
        MODEL,
        PERSON
    }

    /** Whether this rule answers {@code body} arriving {@code at}, in the owner's {@code zone}. */
    public boolean answers(String body, Instant at, ZoneId zone) {
        return enabled && activeHours.map(hours -> hours.includes(at, zone)).orElse(true) && trigger.matches(body);
    }
}
