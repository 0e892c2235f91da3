package dev.sctp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The parser behind {@link SctpAddress#parse(String)} and {@link SctpAddress#parseHosts(String)}: the port, the
 * host list, IPv4 and bracketed IPv6 literals with zones, host names, and errors that quote the text and say what
 * to write instead.
 */
final class AddressParser {

    static final int MAX_PORT = 65_535;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*)");
    private static final Pattern SIGNED_NUMBER = Pattern.compile("-?[0-9]+");

    private AddressParser() {
    }

    // Index of the ':' before the port; the port is mandatory so that "1.2.3.4" is not silently port 0.
    static int portColon(String input) {
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

    static int parsePort(String text, String input) {
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

    static List<InetAddress> hosts(SctpNetwork network, String hosts, String input, boolean hostsOnly) {
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

    /** Returns the IPv4 address of four bytes. */
    static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always a valid IPv4 address", e);
        }
    }

    /** Returns the error for bad input, its message formatted from {@code format}. */
    static IllegalArgumentException fail(String format, Object... args) {
        return new IllegalArgumentException(String.format(format, args));
    }
}
