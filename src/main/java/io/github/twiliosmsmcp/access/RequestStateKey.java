package io.github.twiliosmsmcp.access;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The key that seals the request state of an in-chat question asked of a 2026-07-28 client over
 * HTTP. The client repeats the call with the user's answer, and behind a load balancer the repeat
 * may reach another {@code serve} on the same store, so the key is kept in the store, once per
 * account, beside the token digests: whoever can read the store can approve there anyway.
 */
public final class RequestStateKey {
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestStateKey() {}

    /** The account's key: the one kept in {@code store}, or a new one that the first service to ask keeps. */
    public static byte[] of(TokenDigests store, String account) throws StoreUnavailable {
        String name = account + " request state";
        byte[] fresh = new byte[BYTES];
        RANDOM.nextBytes(fresh);
        // Two services starting at once both try; the store keeps one, and both read that one back.
        store.keepIfAbsent(name, HexFormat.of().formatHex(fresh));
        return HexFormat.of().parseHex(store.find(name).orElseThrow());
    }
}
