package dev.sctp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A multi-homed SCTP endpoint address: an ordered, duplicate-free list of IP addresses sharing one port.
 *
 * <p>An empty address list is the wildcard (every local address). Port 0 asks the kernel for an ephemeral port.
 * Instances are immutable.
 *
 * <p>The text form, as in go-sctp, is {@code host1/host2/.../hostN:port}; only the last host carries the port:
 * <ul>
 *   <li>{@code 192.0.2.1:3868}, {@code 198.51.100.1/[2001:db8::1]:8000} — IPv4 dotted quads and bracketed IPv6;</li>
 *   <li>{@code [fe80::1%eth0]:3868}, {@code [fe80::1%2]:3868} — IPv6 zones by interface name or index; a name
 *       becomes that interface's index when Java cannot keep it (the interface has no address of that scope);</li>
 *   <li>{@code [::ffff:192.0.2.1]:3868} — v4-mapped; Java turns it into the IPv4 address {@code 192.0.2.1};</li>
 *   <li>{@code localhost:3868} — host names add every address the resolver returns, in its order;</li>
 *   <li>{@code :3868} — the wildcard (empty list); {@code 0.0.0.0:3868} and {@code [::]:3868} are kept as
 *       wildcard addresses of one family, and {@link #isWildcard()} is true for all three.</li>
 * </ul>
 * Literals never touch DNS. {@link #toString()} prints the same syntax with literal addresses only, and
 * {@code parse(a.toString())} equals {@code a} for every address built from literals.
 */
public final class SctpAddress {

    private final List<InetAddress> addresses;
    // Literal text of each address, zone included: InetAddress.equals ignores the IPv6 scope, but
    // fe80::1%eth0 and fe80::1%eth1 are different endpoints.
    private final List<String> keys;
    private final int port;

    private SctpAddress(List<InetAddress> addresses, int port) {
        this.port = checkPort(port);
        Map<String, InetAddress> unique = new LinkedHashMap<>();
        for (InetAddress address : addresses) {
            InetAddress normal = normalize(Objects.requireNonNull(address, "address"));
            unique.putIfAbsent(normal.getHostAddress(), normal);
        }
        this.addresses = List.copyOf(unique.values());
        this.keys = List.copyOf(unique.keySet());
    }

    /**
     * Returns the address of {@code addresses} (in order, duplicates dropped) and {@code port}; no address means
     * the wildcard.
     *
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     */
    public static SctpAddress of(int port, InetAddress... addresses) {
        return new SctpAddress(Arrays.asList(addresses), port);
    }

    /**
     * Returns the address of {@code addresses} (in order, duplicates dropped) and {@code port}; an empty list
     * means the wildcard.
     *
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     */
    public static SctpAddress of(List<InetAddress> addresses, int port) {
        return new SctpAddress(addresses, port);
    }

    /**
     * Returns the wildcard address (every local address) with {@code port}.
     *
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     */
    public static SctpAddress wildcard(int port) {
        return new SctpAddress(List.of(), port);
    }

    /**
     * Parses {@code host1/host2/.../hostN:port} (see the class description), resolving host names; surrounding
     * whitespace is ignored.
     *
     * @throws IllegalArgumentException if the text is malformed or a host name does not resolve; the message
     *     names the problem and quotes the text
     */
    public static SctpAddress parse(String text) {
        return resolve(SctpNetwork.SCTP, text);
    }

    /**
     * Parses {@code text} as {@link #parse(String)} does and keeps it to {@code network}: for {@code SCTP4} a
     * host name keeps only its IPv4 addresses, for {@code SCTP6} only its IPv6 addresses.
     *
     * @throws IllegalArgumentException if the text is malformed, a host name does not resolve or has no address
     *     of the network's family, or a literal is of the other family (for {@code SCTP6}, v4-mapped too)
     */
    public static SctpAddress resolve(SctpNetwork network, String text) {
        Objects.requireNonNull(network, "network");
        String input = Objects.requireNonNull(text, "text").strip();
        if (input.isEmpty()) {
            throw new IllegalArgumentException("empty address: write host1/host2:port or :port");
        }
        int colon = AddressParser.portColon(input);
        int port = AddressParser.parsePort(input.substring(colon + 1), input);
        String hosts = input.substring(0, colon);
        // An empty host part is the wildcard, valid for every network.
        return new SctpAddress(hosts.isEmpty() ? List.of() : AddressParser.hosts(network, hosts, input, false), port);
    }

    /**
     * Parses a port-less host list such as {@code 127.0.0.2/[::1]}, with the host rules of {@link #parse(String)};
     * used to add or remove addresses of a bound socket at run time. The list is unmodifiable and duplicate-free.
     *
     * @throws IllegalArgumentException if the text is empty, malformed, carries a port, or a name does not resolve
     */
    public static List<InetAddress> parseHosts(String text) {
        return resolveHosts(SctpNetwork.SCTP, text);
    }

    /**
     * Parses a port-less host list as {@link #parseHosts(String)} does and keeps it to {@code network}, as
     * {@link #resolve(SctpNetwork, String)} does.
     *
     * @throws IllegalArgumentException as {@link #parseHosts(String)} and {@link #resolve(SctpNetwork, String)}
     */
    public static List<InetAddress> resolveHosts(SctpNetwork network, String text) {
        Objects.requireNonNull(network, "network");
        String input = Objects.requireNonNull(text, "text").strip();
        if (input.isEmpty()) {
            throw new IllegalArgumentException("empty host list: write host1/host2, e.g. 127.0.0.2/[::1]");
        }
        return new SctpAddress(AddressParser.hosts(network, input, input, true), 0).addresses;
    }

    /** Returns the addresses in order, without duplicates; empty for the wildcard. The list is unmodifiable. */
    public List<InetAddress> addresses() {
        return addresses;
    }

    /** Returns the port, 0..65535; 0 means an ephemeral port chosen by the kernel. */
    public int port() {
        return port;
    }

    /** Returns whether this is a wildcard address: no address, or only {@code 0.0.0.0} and {@code ::}. */
    public boolean isWildcard() {
        return addresses.stream().allMatch(InetAddress::isAnyLocalAddress);
    }

    /** Returns the first address (the primary path of a connect), or empty if the list is empty. */
    public Optional<InetAddress> primaryAddress() {
        return addresses.isEmpty() ? Optional.empty() : Optional.of(addresses.get(0));
    }

    /**
     * Returns one socket address per address, with this port, in order; empty for an empty list, since the
     * wildcard's family depends on the socket. The list is unmodifiable.
     */
    public List<InetSocketAddress> socketAddresses() {
        return addresses.stream().map(address -> new InetSocketAddress(address, port)).toList();
    }

    /**
     * Returns this address with another port.
     *
     * @throws IllegalArgumentException if {@code newPort} is outside 0..65535
     */
    public SctpAddress withPort(int newPort) {
        return new SctpAddress(addresses, newPort);
    }

    /** Returns this port with other addresses (in order, duplicates dropped; empty for the wildcard). */
    public SctpAddress withAddresses(List<InetAddress> newAddresses) {
        return new SctpAddress(newAddresses, port);
    }

    /** Returns whether any address is IPv6, which needs an {@code AF_INET6} socket. */
    public boolean hasIpv6() {
        return addresses.stream().anyMatch(Inet6Address.class::isInstance);
    }

    /**
     * Returns whether the list is not empty and every address is IPv4, so that an {@code AF_INET} socket can hold
     * it; false for the empty wildcard, which dual-stack binds on {@code AF_INET6}.
     */
    public boolean allIpv4() {
        return !addresses.isEmpty() && addresses.stream().allMatch(Inet4Address.class::isInstance);
    }

    /** Returns whether {@code other} has the same addresses (zones included), in the same order, and port. */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof SctpAddress that && port == that.port && keys.equals(that.keys);
    }

    @Override
    public int hashCode() {
        return 31 * keys.hashCode() + port;
    }

    /**
     * Returns the text form {@code host1/.../hostN:port} with literal addresses (never reverse DNS): IPv6 compressed
     * in brackets with its zone as Java holds it (interface name or numeric scope id); the empty wildcard is
     * {@code :port}.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (InetAddress address : addresses) {
            if (text.length() > 0) {
                text.append('/');
            }
            text.append(text(address));
        }
        return text.append(':').append(port).toString();
    }

    private static int checkPort(int port) {
        if (port < 0 || port > AddressParser.MAX_PORT) {
            throw AddressParser.fail("port %d out of range 0..%d", port, AddressParser.MAX_PORT);
        }
        return port;
    }

    // A v4-mapped Inet6Address (built by Inet6Address.getByAddress) becomes the Inet4Address that parsing yields.
    private static InetAddress normalize(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 16) {
            return address;
        }
        for (int i = 0; i < 12; i++) {
            if (bytes[i] != (i < 10 ? 0 : (byte) 0xff)) {
                return address;
            }
        }
        return AddressParser.byAddress(Arrays.copyOfRange(bytes, 12, 16));
    }

    // RFC 5952 text: Java's getHostAddress prints 0:0:0:0:0:0:0:1, long and unusual in configuration.
    private static String text(InetAddress address) {
        String hostAddress = address.getHostAddress();
        if (address instanceof Inet4Address) {
            return hostAddress;
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | (bytes[2 * i + 1] & 0xff);
        }
        for (int i = 0; i < 8; i++) {
            int end = i;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.charAt(text.length() - 1) != ':' && text.length() > 1) {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        int percent = hostAddress.indexOf('%');
        return text.append(percent < 0 ? "" : hostAddress.substring(percent)).append(']').toString();
    }
}
