package io.github.twiliosmsmcp.sms;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads IP address literals as resolvers do, and never looks a name up. An IPv4 host may be written
 * the way inet_aton (and every browser) reads it: 1 to 4 dot-separated numbers, each decimal, hex
 * (0x) or octal (leading 0), the last one filling the bytes left, so 127.1, 0x7f000001 and
 * 2130706433 all mean 127.0.0.1.
 */
final class IpLiterals {
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]*");
    private static final Pattern OCTAL = Pattern.compile("0[0-7]+");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-f]{1,4}");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final BigInteger[] LIMITS = {null, BigInteger.valueOf(0xFFFF_FFFFL),
            BigInteger.valueOf(0xFF_FFFFL), BigInteger.valueOf(0xFFFFL), BigInteger.valueOf(0xFFL)};

    private IpLiterals() {}

    /**
     * True when the last label is a number: no top-level domain is numeric, so such a host can only be
     * an IPv4 address (valid or not), never a name to look up. The host is lower case, without a
     * trailing dot.
     */
    static boolean endsInNumber(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1);
        return DECIMAL.matcher(last).matches() || HEX.matcher(last).matches();
    }

    /** The IPv4 address as an unsigned 32-bit value, or empty when the host is not an IPv4 literal. */
    static OptionalLong ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return OptionalLong.empty();
        }
        long address = 0;
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            Optional<BigInteger> number = number(parts[i]);
            BigInteger limit = last ? LIMITS[parts.length] : LIMITS[4];
            if (number.isEmpty() || number.get().compareTo(limit) > 0) {
                return OptionalLong.empty();
            }
            address = last ? address << (8 * (4 - i)) | number.get().longValue() : address << 8 | number.get().longValue();
        }
        return OptionalLong.of(address);
    }

    private static Optional<BigInteger> number(String part) {
        if (HEX.matcher(part).matches()) {
            return Optional.of(part.length() == 2 ? BigInteger.ZERO : new BigInteger(part.substring(2), 16));
        }
        if (OCTAL.matcher(part).matches()) {
            return Optional.of(new BigInteger(part.substring(1), 8));
        }
        if (DECIMAL.matcher(part).matches() && (part.equals("0") || part.charAt(0) != '0')) {
            return Optional.of(new BigInteger(part));
        }
        return Optional.empty();
    }

    /**
     * The 16 bytes of an IPv6 literal given without brackets and without a zone, as {high, low} 64-bit
     * halves, or empty when it is not one. Accepts "::" compression, leading zeros in a group and a
     * dotted IPv4 address as the last 32 bits.
     */
    static Optional<long[]> ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        Optional<List<Integer>> head = groups(gap >= 0 ? text.substring(0, gap) : text, gap < 0);
        Optional<List<Integer>> tail = gap >= 0 ? groups(text.substring(gap + 2), true) : Optional.of(List.of());
        if (head.isEmpty() || tail.isEmpty()) {
            return Optional.empty();
        }
        int written = head.get().size() + tail.get().size();
        if (gap >= 0 ? written > 7 : written != 8) {
            return Optional.empty();
        }
        List<Integer> all = new ArrayList<>(head.get());
        for (int i = written; i < 8; i++) {
            all.add(0);
        }
        all.addAll(tail.get());
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | all.get(i);
            low = low << 16 | all.get(i + 4);
        }
        return Optional.of(new long[] {high, low});
    }

    /** 16-bit groups separated by ':'; where it ends the address, the last may be a dotted IPv4 address. */
    private static Optional<List<Integer>> groups(String text, boolean endsAddress) {
        List<Integer> groups = new ArrayList<>();
        if (text.isEmpty()) {
            return Optional.of(groups);
        }
        String[] pieces = text.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (HEX_GROUP.matcher(piece).matches()) {
                groups.add(Integer.parseInt(piece, 16));
            } else if (endsAddress && i == pieces.length - 1 && DOTTED_QUAD.matcher(piece).matches()) {
                long v4 = ipv4(piece).orElseThrow();
                groups.add((int) (v4 >>> 16));
                groups.add((int) (v4 & 0xFFFF));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(groups);
    }

    /** Dotted-quad form of an unsigned 32-bit IPv4 address. */
    static String dotted(long address) {
        return (address >>> 24 & 0xFF) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }
}
