package io.github.twiliosmsmcp.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The bearer token that opens {@code POST /mcp}. Only its SHA-256 digest is kept, in memory and in
 * the store, so a copy of the database or a heap dump does not hand out the token itself.
 */
public final class HttpToken {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_BYTES = 32;

    private final byte[] digest;

    private HttpToken(byte[] digest) {
        this.digest = digest;
    }

    /** The token whose digest {@link #digest()} gave {@code hex}. */
    public static HttpToken ofDigest(String hex) {
        return new HttpToken(HexFormat.of().parseHex(hex));
    }

    public static HttpToken of(String token) {
        return new HttpToken(sha256(token));
    }

    /** A new random token, 256 bits, in characters that need no quoting in a header or a shell. */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return "smcp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 digest in hexadecimal, as the store keeps it. */
    public String digest() {
        return HexFormat.of().formatHex(digest);
    }

    /**
     * Whether {@code presented} is this token. Digests of equal length are compared in constant time,
     * so the time of a refusal tells nothing about how much of a guess was right.
     */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Never the digest either: it is enough to recognise a token someone found elsewhere. */
    @Override
    public String toString() {
        return "HttpToken[****]";
    }
}
