package dev.sctp.integration.connection;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The peer addresses a listener accepts: IPv4 and IPv6 CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) or
 * single addresses. Only literal addresses are accepted, so that no name lookup decides who may connect. An empty
 * list allows every peer. Immutable.
 */
final class PeerAllowList {

    /** One CIDR range: the network's bytes and the prefix length. */
    private record Range(byte[] network, int prefix, String text) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    static final PeerAllowList ALL = new PeerAllowList(List.of());

    private final List<Range> ranges;

    private PeerAllowList(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * Parses {@code cidrs}.
     *
     * @throws IllegalArgumentException naming the entry and the expected form when one is not a literal address
     *     with an optional prefix length that fits its family
     */
    static PeerAllowList parse(List<String> cidrs) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : cidrs) {
            ranges.add(range(entry == null ? "" : entry.trim()));
        }
        return new PeerAllowList(List.copyOf(ranges));
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || !(host.indexOf(':') >= 0 || host.matches("[0-9.]+"))) {
            throw invalid(entry, "it is not a literal IPv4 or IPv6 address (host names are not allowed)");
        }
        byte[] bytes;
        try {
            bytes = normalize(InetAddress.getByName(host)).getAddress();
        } catch (UnknownHostException e) {
            throw invalid(entry, "it is not a literal IPv4 or IPv6 address");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw invalid(entry, "its prefix length must be between 0 and " + bits);
            }
        }
        return new Range(bytes, prefix, entry);
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException("Allowed peer '" + entry + "' is invalid: " + why
                + ". Use a CIDR such as 10.0.0.0/8, 192.0.2.7, fd00::/8 or ::1/128");
    }

    /** IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are the IPv4 peers of a dual-stack socket: match them as IPv4. */
    static InetAddress normalize(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e); // four bytes are always an IPv4 address
                }
            }
        }
        return address;
    }

    /** Returns whether every peer is allowed (no ranges). */
    boolean allowsAll() {
        return ranges.isEmpty();
    }

    /** Returns whether {@code address} is in one of the ranges (always, when there are none). */
    boolean allows(InetAddress address) {
        if (ranges.isEmpty()) {
            return true;
        }
        byte[] bytes = normalize(address).getAddress();
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the first of {@code addresses} that is not allowed, or {@code null} if all are. */
    @Nullable InetAddress firstDisallowed(List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            if (!allows(address)) {
                return address;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return ranges.stream().map(Range::text).toList().toString();
    }
}
