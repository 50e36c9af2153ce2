package io.github.twiliosmsmcp.service;

import io.github.twiliosmsmcp.twilio.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks every webhook passes before anything is stored: that the service knows its public
 * URL, that the body is a form of bounded size, and that Twilio signed it for that URL.
 */
final class WebhookGate {
    /** Twilio's webhooks are a few hundred bytes; ten media URLs stay far below this. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String FORM = "application/x-www-form-urlencoded";

    private final Optional<URI> publicUrl;
    private final Optional<WebhookSignature> signature;

    /**
     * @param signature made with the auth token; empty when none is set (API-key credentials),
     *     which refuses every webhook because no signature can be checked
     */
    WebhookGate(Optional<URI> publicUrl, Optional<WebhookSignature> signature) {
        this.publicUrl = publicUrl;
        this.signature = signature;
    }

    /**
     * @param pathAndQuery the path Twilio called on this service, with {@code ?query} if it had one
     * @param contentLength as the request declares it, or -1
     */
    Verdict check(String pathAndQuery, String contentType, long contentLength, InputStream body, String signatureHeader)
            throws IOException {
        if (publicUrl.isEmpty()) {
            return new Verdict.Rejected(503, "no_public_url", "SMS_PUBLIC_URL is not set: set it to the https base URL"
                    + " Twilio calls this service at, so that webhook signatures can be checked");
        }
        if (!isForm(contentType)) {
            return new Verdict.Rejected(415, "content_type", "the body is " + (contentType == null ? "of no declared type" : contentType) + ", not " + FORM);
        }
        Optional<byte[]> read = BoundedBody.read(contentLength, body, MAX_BODY_BYTES);
        if (read.isEmpty()) {
            return new Verdict.Rejected(413, "too_large", "the body is over " + MAX_BODY_BYTES + " bytes");
        }
        byte[] bytes = read.get();
        if (signature.isEmpty()) {
            return new Verdict.Rejected(403, "no_auth_token", "TWILIO_AUTH_TOKEN is not set: Twilio signs webhooks with"
                    + " the auth token, even when the server sends with an API key");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return new Verdict.Rejected(403, "no_signature", "the request has no X-Twilio-Signature header");
        }
        FormBody form;
        try {
            form = FormBody.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new Verdict.Rejected(400, "malformed_form", "the form body has a broken %-escape");
        }
        // Twilio names each field once; a second value would be one the signature does not cover.
        Optional<String> repeated = form.repeatedName();
        if (repeated.isPresent()) {
            return new Verdict.Rejected(403, "repeated_field", "the field " + repeated.get() + " is given more than once");
        }
        String url = publicUrl.get() + pathAndQuery;
        if (!signature.get().matches(url, form.single(), signatureHeader)) {
            return new Verdict.Rejected(403, "bad_signature", "the X-Twilio-Signature does not match " + url
                    + " and the auth token: check SMS_PUBLIC_URL and TWILIO_AUTH_TOKEN");
        }
        return new Verdict.Accepted(form.single());
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return mediaType.strip().toLowerCase(Locale.ROOT).equals(FORM);
    }
}
