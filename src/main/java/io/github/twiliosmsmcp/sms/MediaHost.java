package io.github.twiliosmsmcp.sms;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides from the URL's text alone whether Twilio could fetch from its host and port. Nothing is
 * looked up: a name is judged by its suffix, and an address literal is read the way a resolver reads
 * it (any IPv4 spelling, any IPv6 spelling, IPv4 inside IPv6) before its range is checked, so that
 * no spelling of this computer or a private network gets through.
 */
final class MediaHost {
    private static final String PRIVATE_NETWORK = "it points at this computer or a private network, which Twilio cannot"
            + " reach: %s; use a public URL";
    private static final String NOT_ONE_SERVER = "it points at no single public server, so Twilio cannot fetch"
            + " from it: %s; use a public URL";
    private static final String INVALID_HOST = "its host or port is not valid: use a host name such as example.com"
            + " or an IP address such as 8.8.8.8, and a port from 1 to 65535 if any";
    private static final String INVALID_IPV4 = "its host looks like an IP address but is not a valid IPv4 address"
            + " (four numbers from 0 to 255, such as 8.8.8.8)";
    private static final List<String> LOCAL_NETWORK_SUFFIXES = List.of(".local", ".internal", ".home.arpa");

    private enum Range {
        THIS_NETWORK("in 0.0.0.0/8, which means this computer", true),
        UNSPECIFIED("the unspecified address, which means this computer", true),
        LOOPBACK("a loopback address, this computer itself", true),
        PRIVATE("in a private range (RFC 1918)", true),
        SHARED("in the carrier-grade NAT range 100.64.0.0/10", true),
        LINK_LOCAL("link-local, where cloud metadata services live", true),
        UNIQUE_LOCAL("a unique local address (fc00::/7)", true),
        SITE_LOCAL("a site-local address (fec0::/10)", true),
        LOCAL_NAT64("in the local-use NAT64 range 64:ff9b:1::/48", true),
        MULTICAST("a multicast address", false),
        BROADCAST("the broadcast address", false),
        RESERVED("in the reserved range 240.0.0.0/4", false);

        final String description;
        final boolean privateNetwork;

        Range(String description, boolean privateNetwork) {
            this.description = description;
            this.privateNetwork = privateNetwork;
        }

        String refusal(String subject) {
            return String.format(privateNetwork ? PRIVATE_NETWORK : NOT_ONE_SERVER, subject + " is " + description);
        }
    }

    private record Ipv4Block(long network, int prefixLength, Range range) {
        static Ipv4Block of(String network, int prefixLength, Range range) {
            return new Ipv4Block(IpLiterals.ipv4(network).orElseThrow(), prefixLength, range);
        }

        boolean contains(long address) {
            return address >>> (32 - prefixLength) == network >>> (32 - prefixLength);
        }
    }

    // Broadcast comes before the reserved block that contains it, so the narrower name wins.
    private static final List<Ipv4Block> IPV4_BLOCKS = List.of(
            Ipv4Block.of("0.0.0.0", 8, Range.THIS_NETWORK),
            Ipv4Block.of("10.0.0.0", 8, Range.PRIVATE),
            Ipv4Block.of("100.64.0.0", 10, Range.SHARED),
            Ipv4Block.of("127.0.0.0", 8, Range.LOOPBACK),
            Ipv4Block.of("169.254.0.0", 16, Range.LINK_LOCAL),
            Ipv4Block.of("172.16.0.0", 12, Range.PRIVATE),
            Ipv4Block.of("192.168.0.0", 16, Range.PRIVATE),
            Ipv4Block.of("224.0.0.0", 4, Range.MULTICAST),
            Ipv4Block.of("255.255.255.255", 32, Range.BROADCAST),
            Ipv4Block.of("240.0.0.0", 4, Range.RESERVED));

    private MediaHost() {}

    /** Why Twilio could not fetch from this URL's host and port, or empty when it could. */
    static Optional<String> problem(URI uri) {
        if (uri.getHost() == null) {
            // java.net.URI reads no host name here; of what a resolver would accept, only an IPv4
            // spelling such as 127.1 is left, and naming the address it means helps more than "invalid".
            String name = withoutTrailingDot(hostPart(uri.getRawAuthority()).toLowerCase(Locale.ROOT));
            return Optional.of(IpLiterals.endsInNumber(name) ? ipv4Problem(name).orElse(INVALID_HOST) : INVALID_HOST);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        Optional<String> unreachable = host.startsWith("[") ? ipv6Problem(host) : nameProblem(withoutTrailingDot(host));
        if (unreachable.isPresent()) {
            return unreachable;
        }
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            return Optional.of("its port " + port + " is not valid (ports go from 1 to 65535)");
        }
        return Optional.empty();
    }

    /** The host of an authority that java.net.URI could not split (it has no user info by now). */
    private static String hostPart(String authority) {
        int colon = authority.lastIndexOf(':');
        return colon >= 0 ? authority.substring(0, colon) : authority;
    }

    /** A resolver treats a trailing dot as "this name is complete": localhost. is localhost. */
    private static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static Optional<String> nameProblem(String name) {
        if (IpLiterals.endsInNumber(name)) {
            return ipv4Problem(name);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return Optional.of(String.format(PRIVATE_NETWORK, "localhost means this computer"));
        }
        for (String suffix : LOCAL_NETWORK_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return Optional.of(String.format(PRIVATE_NETWORK, "names ending in " + suffix + " exist only inside a local network"));
            }
        }
        if (!name.contains(".")) {
            return Optional.of(String.format(PRIVATE_NETWORK, "a name without a dot (like http://printer/) is found only"
                    + " inside a local network"));
        }
        return Optional.empty();
    }

    private static Optional<String> ipv4Problem(String name) {
        OptionalLong address = IpLiterals.ipv4(name);
        if (address.isEmpty()) {
            return Optional.of(INVALID_IPV4);
        }
        return ipv4Problem(address.getAsLong(), "the address " + IpLiterals.dotted(address.getAsLong()));
    }

    private static Optional<String> ipv4Problem(long address, String subject) {
        return IPV4_BLOCKS.stream().filter(block -> block.contains(address)).findFirst()
                .map(block -> block.range().refusal(subject));
    }

    private static Optional<String> ipv6Problem(String bracketed) {
        String literal = bracketed.substring(1, bracketed.length() - 1);
        if (literal.contains("%")) {
            return Optional.of(String.format(PRIVATE_NETWORK, "an IPv6 zone (the part after %) names a network interface of"
                    + " this computer"));
        }
        Optional<long[]> parsed = IpLiterals.ipv6(literal);
        if (parsed.isEmpty()) {
            return Optional.of(INVALID_HOST);
        }
        long high = parsed.get()[0];
        long low = parsed.get()[1];
        Optional<Range> range = ipv6Range(high, low);
        if (range.isPresent()) {
            return Optional.of(range.get().refusal("this IPv6 address"));
        }
        return embeddedIpv4(high, low).stream()
                .map(v4 -> ipv4Problem(v4, "the IPv4 address " + IpLiterals.dotted(v4) + " inside it"))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<Range> ipv6Range(long high, long low) {
        if (high == 0 && low == 0) {
            return Optional.of(Range.UNSPECIFIED);
        }
        if (high == 0 && low == 1) {
            return Optional.of(Range.LOOPBACK);
        }
        if (high >>> 57 == 0x7EL) {
            return Optional.of(Range.UNIQUE_LOCAL);
        }
        if (high >>> 54 == 0x3FAL) {
            return Optional.of(Range.LINK_LOCAL);
        }
        if (high >>> 54 == 0x3FBL) {
            return Optional.of(Range.SITE_LOCAL);
        }
        if (high >>> 16 == 0x0064_FF9B_0001L) {
            return Optional.of(Range.LOCAL_NAT64);
        }
        if (high >>> 56 == 0xFFL) {
            return Optional.of(Range.MULTICAST);
        }
        return Optional.empty();
    }

    /**
     * The IPv4 addresses an IPv6 address leads to: IPv4-compatible (::/96), IPv4-mapped
     * (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96), NAT64 (64:ff9b::/96), 6to4 (2002::/16)
     * and Teredo (2001::/32: the server, and the client stored inverted).
     */
    private static List<Long> embeddedIpv4(long high, long low) {
        long last32 = low & 0xFFFF_FFFFL;
        long above = low >>> 32;
        boolean compatibleMappedOrTranslated = high == 0 && (above == 0 || above == 0xFFFFL || above == 0xFFFF_0000L);
        if (compatibleMappedOrTranslated || (high == 0x0064_FF9B_0000_0000L && above == 0)) {
            return List.of(last32);
        }
        if (high >>> 48 == 0x2002L) {
            return List.of(high >>> 16 & 0xFFFF_FFFFL);
        }
        if (high >>> 32 == 0x2001_0000L) {
            return List.of(high & 0xFFFF_FFFFL, ~low & 0xFFFF_FFFFL);
        }
        return List.of();
    }
}
