package io.github.twiliosmsmcp.service;

import java.util.Map;
import java.util.Optional;

/** Reading the form fields of a webhook. */
final class Fields {
    private Fields() {}

    /**
     * Why the fields cannot be acted on: a required one is missing, or they are about another
     * account than the one whose store this is.
     */
    static Optional<Webhook.Answer> refusal(Map<String, String> fields, String account, String... required) {
        for (String name : required) {
            if (fields.getOrDefault(name, "").isBlank()) {
                return Optional.of(Webhook.Answer.refused(400, "missing_field", "the field " + name + " is missing"));
            }
        }
        String sentFor = fields.getOrDefault("AccountSid", account);
        if (!sentFor.equals(account)) {
            return Optional.of(Webhook.Answer.refused(403, "other_account",
                    "the webhook is for account " + sentFor + ", this service stores " + account));
        }
        return Optional.empty();
    }

    /** A whole-number field; empty when it is missing or not a number. */
    static Optional<Integer> number(Map<String, String> fields, String name) {
        try {
            return Optional.ofNullable(fields.get(name)).map(String::strip).map(Integer::valueOf);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
