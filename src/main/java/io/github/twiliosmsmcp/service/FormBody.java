package io.github.twiliosmsmcp.service;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} body, in UTF-8 as Twilio sends it, with every value of each name. */
record FormBody(Map<String, List<String>> fields) {

    /** @throws IllegalArgumentException for an escape that is not {@code %} and two hexadecimal digits */
    static FormBody parse(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new FormBody(fields);
    }

    /** The first name given more than once, if any. */
    java.util.Optional<String> repeatedName() {
        return fields.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).findFirst();
    }

    /** Each name with its one value; only for a body without repeated names. */
    Map<String, String> single() {
        Map<String, String> single = new LinkedHashMap<>();
        fields.forEach((name, values) -> single.put(name, values.get(0)));
        return single;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
