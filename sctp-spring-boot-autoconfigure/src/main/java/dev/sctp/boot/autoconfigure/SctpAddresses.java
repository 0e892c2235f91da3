package dev.sctp.boot.autoconfigure;

import dev.sctp.SctpAddress;
import dev.sctp.SctpNetwork;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns the {@code addresses} and {@code port} properties into an {@link SctpAddress}. Two forms are accepted, so
 * that the plural name works as YAML users expect:
 * <ul>
 *   <li>one text as sctp-core parses it, {@code 10.0.0.1/10.0.0.2:3868}, and no {@code port};</li>
 *   <li>a list of hosts ({@code [10.0.0.1, 10.0.0.2]}, or {@code 10.0.0.1,10.0.0.2}), each without a port, and
 *       {@code port}. IPv6 literals may be written with or without brackets.</li>
 * </ul>
 */
final class SctpAddresses {

    static final String HOW = "write addresses: 10.0.0.1/10.0.0.2:3868, or addresses: [10.0.0.1, 10.0.0.2] with"
            + " port: 3868";

    private SctpAddresses() {
    }

    /**
     * Resolves the addresses.
     *
     * @param network the endpoint's address family
     * @param addresses the {@code addresses} property
     * @param port the {@code port} property
     * @return the address
     * @throws IllegalArgumentException if they are empty, mix the forms or do not parse; the message says why
     */
    static SctpAddress resolve(SctpNetwork network, List<String> addresses, @Nullable Integer port) {
        List<String> hosts = addresses.stream().map(String::strip).filter(h -> !h.isEmpty()).toList();
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no address is given: " + HOW);
        }
        if (port == null) {
            if (hosts.size() > 1) {
                throw new IllegalArgumentException("a list of " + hosts.size() + " hosts " + hosts
                        + " needs the port property: " + HOW);
            }
            return SctpAddress.resolve(network, hosts.get(0));
        }
        List<InetAddress> all = new ArrayList<>();
        for (String host : hosts) {
            if (hasPort(host)) {
                throw new IllegalArgumentException("\"" + host + "\" carries a port, and port is set to " + port
                        + ": give the port once, either in addresses or in port; " + HOW);
            }
            all.addAll(SctpAddress.resolveHosts(network, bracketed(host)));
        }
        return SctpAddress.of(all, port);
    }

    /** Returns the addresses as written, for messages. */
    static String text(List<String> addresses, @Nullable Integer port) {
        String hosts = addresses.size() == 1 ? addresses.get(0) : addresses.toString();
        return port == null ? hosts : hosts + " with port " + port;
    }

    // A bare IPv6 literal such as ::1 is more natural in a YAML list than [::1]; it has two colons at least.
    private static String bracketed(String host) {
        if (!host.startsWith("[") && !host.contains("/") && host.indexOf(':') != host.lastIndexOf(':')) {
            return "[" + host + "]";
        }
        return host;
    }

    // host:port, [v6]:port, or a/b:port; a bare IPv6 literal has more than one colon and no brackets
    private static boolean hasPort(String host) {
        int colon = host.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        if (host.startsWith("[")) {
            // without its ']' the literal is malformed, which resolving reports, rather than a host with a port
            int close = host.lastIndexOf(']');
            return close >= 0 && colon > close;
        }
        if (host.contains("/")) {
            return colon > host.lastIndexOf(']');
        }
        return host.indexOf(':') == colon;
    }
}
