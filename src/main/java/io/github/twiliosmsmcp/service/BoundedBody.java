package io.github.twiliosmsmcp.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** A request body read whole, or not at all when it is larger than the endpoint takes. */
final class BoundedBody {
    private BoundedBody() {}

    /**
     * @param declaredLength the Content-Length, or -1; a larger one is refused before a byte is read
     * @return the body, or empty when it is over {@code maxBytes}
     */
    static Optional<byte[]> read(long declaredLength, InputStream body, int maxBytes) throws IOException {
        if (declaredLength > maxBytes) {
            return Optional.empty();
        }
        byte[] bytes = body.readNBytes(maxBytes + 1);
        return bytes.length > maxBytes ? Optional.empty() : Optional.of(bytes);
    }
}
