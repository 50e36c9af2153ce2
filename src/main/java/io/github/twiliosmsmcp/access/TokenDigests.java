package io.github.twiliosmsmcp.access;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.util.Optional;

/**
 * Where the digest of the generated HTTP token of each account is kept, so that a restarted service
 * accepts the token it printed the first time, and never prints it again.
 */
public interface TokenDigests {
    /** The digest kept for {@code account}, if a token was ever generated for it. */
    Optional<String> find(String account) throws StoreUnavailable;

    /**
     * Keeps {@code digest} for {@code account} unless one is kept already; true when this call kept
     * it. Two services starting at once on one store thus agree on one token.
     */
    boolean keepIfAbsent(String account, String digest) throws StoreUnavailable;
}
