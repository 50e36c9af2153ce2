package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The numbers this server may send from. A sender pool kept at the provider (Twilio's Messaging
 * Service), when configured, sends by default (it owns sender choice, compliance and registration);
 * otherwise the first number does.
 */
public record Senders(List<PhoneNumber> numbers, Optional<String> pool) {

    public Senders {
        numbers = List.copyOf(numbers);
    }

    /** A chosen sender: exactly one of the two is present. */
    public record Choice(Optional<PhoneNumber> number, Optional<String> pool) {}

    /** Empty when {@code requested} is not one of ours. */
    public Optional<Choice> choose(Optional<PhoneNumber> requested) {
        if (requested.isPresent()) {
            return numbers.contains(requested.get())
                    ? Optional.of(new Choice(requested, Optional.empty()))
                    : Optional.empty();
        }
        if (pool.isPresent()) {
            return Optional.of(new Choice(Optional.empty(), pool));
        }
        return Optional.of(new Choice(Optional.of(numbers.get(0)), Optional.empty()));
    }

    public String describe() {
        return numbers.isEmpty()
                ? "none (only a Messaging Service is configured)"
                : numbers.stream().map(PhoneNumber::e164).collect(Collectors.joining(", "));
    }
}
