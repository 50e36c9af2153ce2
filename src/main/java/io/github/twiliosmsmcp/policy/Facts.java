package io.github.twiliosmsmcp.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the store knows when a send is checked, read in the same transaction that records the send,
 * so that two processes racing each other are counted one after the other.
 */
public record Facts(List<Charge> lastDay, Optional<Instant> optedOutSince, boolean hasTextedUs) {
    public Facts {
        lastDay = List.copyOf(lastDay);
    }
}
