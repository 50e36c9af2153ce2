package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.sms.MessageGateway;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The providers a send may go through, in order: the owner's {@code first} one and, when set, the
 * {@code fallback} that takes a message only when the first one certainly did not accept it. A send
 * remembers the provider that has it, so its status and any later look go to that one.
 */
public record Route(MessageGateway first, Optional<MessageGateway> fallback) {

    public Route {
        if (fallback.isPresent() && fallback.get().provider().name().equals(first.provider().name())) {
            throw new IllegalArgumentException("the fallback provider must differ from the first one");
        }
    }

    /** One provider, no fallback. */
    public static Route of(MessageGateway only) {
        return new Route(only, Optional.empty());
    }

    /** The gateways in the order a send tries them. */
    List<MessageGateway> inOrder() {
        return Stream.concat(Stream.of(first), fallback.stream()).toList();
    }

    /** The gateway of the provider recorded as {@code name}; empty if the owner no longer routes through it. */
    Optional<MessageGateway> named(String name) {
        return inOrder().stream().filter(g -> g.provider().name().equals(name)).findFirst();
    }

    /** Whether nothing reaches a real phone: every provider of the route is simulated. */
    boolean simulated() {
        return inOrder().stream().allMatch(MessageGateway::simulated);
    }
}
