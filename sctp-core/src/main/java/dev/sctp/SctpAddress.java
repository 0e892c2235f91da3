package dev.sctp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
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

    private static final int MAX_PORT = 65_535;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*)");
    private static final Pattern SIGNED_NUMBER = Pattern.compile("-?[0-9]+");

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
        int colon = portColon(input);
        int port = parsePort(input.substring(colon + 1), input);
        String hosts = input.substring(0, colon);
        // An empty host part is the wildcard, valid for every network.
        return new SctpAddress(hosts.isEmpty() ? List.of() : hosts(network, hosts, input, false), port);
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
        return new SctpAddress(hosts(network, input, input, true), 0).addresses;
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

    // Index of the ':' before the port; the port is mandatory so that "1.2.3.4" is not silently port 0.
    private static int portColon(String input) {
        int start = input.lastIndexOf('/') + 1;
        String last = input.substring(start);
        if (last.startsWith("[")) {
            int close = last.indexOf(']');
            if (close < 0) {
                throw fail("missing ']' in \"%s\"", input);
            }
            if (close == last.length() - 1) {
                throw missingPort(input);
            }
            if (last.charAt(close + 1) != ':') {
                throw fail("unexpected text after ']' in \"%s\": write [ipv6]:port", input);
            }
            return start + close + 1;
        }
        int colon = last.lastIndexOf(':');
        if (colon < 0) {
            throw missingPort(input);
        }
        if (last.indexOf(':') != colon) {
            throw unbracketedIpv6(input);
        }
        return start + colon;
    }

    private static IllegalArgumentException missingPort(String input) {
        return fail("missing port in address \"%s\": write host:port, e.g. %s:3868", input, input);
    }

    private static IllegalArgumentException unbracketedIpv6(String input) {
        return fail("IPv6 address without brackets in \"%s\" is ambiguous: put IPv6 hosts in brackets, "
                + "e.g. [2001:db8::1]:3868", input);
    }

    private static int parsePort(String text, String input) {
        if (text.isEmpty()) {
            throw fail("empty port after ':' in \"%s\": write host:port, e.g. %s3868", input, input);
        }
        if (!SIGNED_NUMBER.matcher(text).matches()) {
            throw fail("invalid port \"%s\" in \"%s\": the port must be a number 0..65535", text, input);
        }
        // More than six digits cannot be a port and would overflow parseInt; "-0" is no port either.
        if (text.length() > 6 || text.startsWith("-") || Integer.parseInt(text) > MAX_PORT) {
            throw fail("port %s out of range 0..%d in \"%s\"", text, MAX_PORT, input);
        }
        return Integer.parseInt(text);
    }

    private static int checkPort(int port) {
        if (port < 0 || port > MAX_PORT) {
            throw fail("port %d out of range 0..%d", port, MAX_PORT);
        }
        return port;
    }

    private static List<InetAddress> hosts(SctpNetwork network, String hosts, String input, boolean hostsOnly) {
        String[] parts = hosts.split("/", -1);
        // Check the whole text before any DNS query, so a typo is reported as such and fails fast.
        List<@Nullable InetAddress> literals = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                String where = i == 0 ? "before the first '/'" : i == parts.length - 1 ? "after the last '/'"
                        : "between '/' separators";
                throw fail("empty host %s in \"%s\"", where, input);
            }
            literals.add(literal(network, parts[i], input, hostsOnly));
        }
        List<InetAddress> result = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            InetAddress literal = literals.get(i);
            result.addAll(literal != null ? List.of(literal) : resolveName(network, parts[i], input));
        }
        return result;
    }

    // Returns the literal address of host, or null for a syntactically valid host name.
    private static @Nullable InetAddress literal(SctpNetwork network, String host, String input, boolean hostsOnly) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw fail("missing ']' in \"%s\"", input);
            }
            if (close != host.length() - 1) {
                throw host.charAt(close + 1) == ':' ? misplacedPort(input, hostsOnly)
                        : fail("unexpected text after ']' in \"%s\"", input);
            }
            InetAddress address = ipv6Literal(host, host.substring(1, close), input);
            // Java hands v4-mapped literals back as Inet4Address; SCTP6 (IPV6_V6ONLY) cannot reach them.
            if (address instanceof Inet4Address && network == SctpNetwork.SCTP6) {
                throw fail("v4-mapped address %s not allowed for sctp6 (IPv6 only) in \"%s\": use sctp or sctp4",
                        host, input);
            }
            return checkFamily(network, address, host, input);
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            // In a non-last host (or a port-less list), one colon is a misplaced port; more are bare IPv6.
            throw colon == host.lastIndexOf(':') ? misplacedPort(input, hostsOnly) : unbracketedIpv6(input);
        }
        if (IPV4_LIKE.matcher(host).matches()) {
            return checkFamily(network, ipv4Literal(host, input), host, input);
        }
        if (!HOST_NAME.matcher(host).matches()) {
            throw fail("invalid host name \"%s\" in \"%s\"", host, input);
        }
        return null;
    }

    private static List<InetAddress> resolveName(SctpNetwork network, String host, String input) {
        List<InetAddress> resolved = new ArrayList<>();
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                boolean ipv4 = address instanceof Inet4Address;
                if (network == SctpNetwork.SCTP || ipv4 == (network == SctpNetwork.SCTP4)) {
                    resolved.add(address);
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(String.format("cannot resolve host \"%s\" in \"%s\": %s",
                    host, input, e.getMessage()), e);
        }
        if (resolved.isEmpty()) {
            throw fail("host \"%s\" has no %s address for %s in \"%s\"", host,
                    network == SctpNetwork.SCTP4 ? "IPv4" : "IPv6", network.networkName(), input);
        }
        return resolved;
    }

    private static IllegalArgumentException misplacedPort(String input, boolean hostsOnly) {
        return hostsOnly
                ? fail("unexpected port in host list \"%s\": write hosts without port, e.g. 127.0.0.2/[::1]",
                        input)
                : fail("only the last host may carry the port in \"%s\": write host1/host2:port", input);
    }

    private static InetAddress checkFamily(SctpNetwork network, InetAddress address, String host, String input) {
        if (network == SctpNetwork.SCTP4 && address instanceof Inet6Address) {
            throw fail("IPv6 address %s not allowed for sctp4 (IPv4 only) in \"%s\": use sctp or sctp6",
                    host, input);
        }
        if (network == SctpNetwork.SCTP6 && address instanceof Inet4Address) {
            throw fail("IPv4 address %s not allowed for sctp6 (IPv6 only) in \"%s\": use sctp or sctp4",
                    host, input);
        }
        return address;
    }

    // Parsed by hand because InetAddress.getByName accepts legacy forms such as "127.1" and "1234".
    private static InetAddress ipv4Literal(String host, String input) {
        String[] parts = host.split("\\.", -1);
        byte[] bytes = new byte[4];
        boolean valid = parts.length == 4;
        for (int i = 0; valid && i < 4; i++) {
            valid = DIGITS.matcher(parts[i]).matches() && parts[i].length() <= 3 && Integer.parseInt(parts[i]) <= 255;
            bytes[i] = valid ? (byte) Integer.parseInt(parts[i]) : 0;
        }
        if (!valid) {
            throw fail("invalid IPv4 address \"%s\" in \"%s\": write a dotted quad such as 192.0.2.1", host, input);
        }
        return byAddress(bytes);
    }

    private static InetAddress ipv6Literal(String host, String inner, String input) {
        int percent = inner.indexOf('%');
        String literal = percent < 0 ? inner : inner.substring(0, percent);
        if (!IPV6_CHARS.matcher(literal).matches() || literal.indexOf(':') < 0) {
            throw fail("brackets hold only IPv6 addresses, not \"%s\", in \"%s\"", literal, input);
        }
        InetAddress address;
        try {
            // Bracketed text is parsed as an IPv6 literal only, never looked up in DNS.
            address = InetAddress.getByName("[" + literal + "]");
        } catch (UnknownHostException e) {
            throw fail("invalid IPv6 address %s in \"%s\"", host, input);
        }
        if (percent < 0) {
            return address;
        }
        String zone = inner.substring(percent + 1);
        if (zone.isEmpty()) {
            throw fail("empty zone after '%%' in %s in \"%s\": write [fe80::1%%eth0]", host, input);
        }
        if (address instanceof Inet4Address) {
            throw fail("zone not allowed on v4-mapped address %s in \"%s\"", host, input);
        }
        try {
            if (DIGITS.matcher(zone).matches()) {
                return Inet6Address.getByAddress(null, address.getAddress(), Integer.parseInt(zone));
            }
            NetworkInterface nif = NetworkInterface.getByName(zone);
            if (nif == null) {
                throw fail("unknown network interface \"%s\" in zone of %s in \"%s\"", zone, host, input);
            }
            try {
                return Inet6Address.getByAddress(null, address.getAddress(), nif);
            } catch (UnknownHostException e) {
                // Java derives the scope from an address of the same scope on the interface and fails when there
                // is none (fe80:: on lo); the interface index is what sin6_scope_id needs anyway.
                return Inet6Address.getByAddress(null, address.getAddress(), nif.getIndex());
            }
        } catch (SocketException | UnknownHostException e) {
            throw new IllegalArgumentException(String.format("invalid zone \"%s\" of %s in \"%s\": %s",
                    zone, host, input, e.getMessage()), e);
        }
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
        return byAddress(Arrays.copyOfRange(bytes, 12, 16));
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always a valid IPv4 address", e);
        }
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

    private static IllegalArgumentException fail(String format, Object... args) {
        return new IllegalArgumentException(String.format(format, args));
    }
}
