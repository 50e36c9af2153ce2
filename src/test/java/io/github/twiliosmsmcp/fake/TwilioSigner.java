package io.github.twiliosmsmcp.fake;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhooks as Twilio does, written from the documented algorithm (not with the SDK's
 * validator, which the service uses): base64 of the HMAC-SHA1, keyed with the auth token, of the
 * full URL followed by each POST field's name and value, sorted by name.
 */
public final class TwilioSigner {
    private TwilioSigner() {}

    public static String sign(String authToken, String url, List<Map.Entry<String, String>> fields) {
        StringBuilder data = new StringBuilder(url);
        fields.stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(field -> data.append(field.getKey()).append(field.getValue()));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields as an {@code application/x-www-form-urlencoded} body, in their order. */
    public static String form(List<Map.Entry<String, String>> fields) {
        return fields.stream().map(f -> encode(f.getKey()) + "=" + encode(f.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
