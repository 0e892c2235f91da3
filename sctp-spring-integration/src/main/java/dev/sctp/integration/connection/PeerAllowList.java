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
        byte[] bytes = host.indexOf(':') >= 0 ? ipv6(entry, host) : ipv4(entry, host);
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = entry.substring(slash + 1);
            prefix = length.matches("[0-9]{1,3}") ? Integer.parseInt(length) : -1;
            if (prefix < 0 || prefix > bits) {
                throw invalid(entry, "its prefix length must be between 0 and " + bits);
            }
        }
        byte[] network = masked(bytes, prefix);
        if (!Arrays.equals(network, bytes)) {
            // 10.0.0.1/8 is more likely a typo than a wish for 10.0.0.0/8: say which network it would be
            throw invalid(entry, "it has bits set after its /" + prefix + " prefix; write the network itself, "
                    + text(network) + "/" + prefix);
        }
        return new Range(bytes, prefix, entry);
    }

    /** Exactly four decimal octets: InetAddress would also take 10.1 or 192.168.1 and would look up anything else. */
    private static byte[] ipv4(String entry, String host) {
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4) {
            throw invalid(entry, "it is not a literal IPv4 or IPv6 address (IPv4 as four numbers such as"
                    + " 192.0.2.7; host names are not allowed)");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!octets[i].matches("[0-9]{1,3}") || Integer.parseInt(octets[i]) > 255) {
                throw invalid(entry, "'" + octets[i] + "' is not a number from 0 to 255");
            }
            bytes[i] = (byte) Integer.parseInt(octets[i]);
        }
        return bytes;
    }

    /** A literal with a colon and only hex digits, colons and dots is parsed by InetAddress without any lookup. */
    private static byte[] ipv6(String entry, String host) {
        if (host.indexOf('%') >= 0) {
            throw invalid(entry, "scope ids (%interface) are not supported: a range applies to every interface");
        }
        if (!host.matches("[0-9A-Fa-f:.]+")) {
            throw invalid(entry, "it is not a literal IPv6 address");
        }
        try {
            return normalize(InetAddress.getByName(host)).getAddress();
        } catch (UnknownHostException e) {
            throw invalid(entry, "it is not a literal IPv6 address");
        }
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] network = address.clone();
        for (int bit = prefix; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return network;
    }

    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes are always an address
        }
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
