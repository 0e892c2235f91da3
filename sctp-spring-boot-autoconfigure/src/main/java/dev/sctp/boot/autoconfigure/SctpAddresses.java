package dev.sctp.boot.autoconfigure;

import dev.sctp.SctpAddress;
import dev.sctp.SctpNetwork;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns the {@code addresses} and {@code port} properties into an {@link SctpAddress}. Two forms are accepted, so
 * that the plural name works as YAML users expect:
 * <ul>
 *   <li>one text as sctp-core parses it, {@code 10.0.0.1/10.0.0.2:3868}, and no {@code port};</li>
 *   <li>a list of hosts ({@code [10.0.0.1, 10.0.0.2]}, or {@code 10.0.0.1,10.0.0.2}), each without a port, and
 *       {@code port}. IPv6 literals may be written with or without brackets.</li>
 * </ul>
 * Each element is already parsed when it is bound ({@link SctpHostAddress}); this checks that they fit together.
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
     * @param addresses the {@code addresses} property; null elements (blank texts) are ignored
     * @param port the {@code port} property
     * @return the address
     * @throws IllegalArgumentException if they are empty, mix the forms or do not resolve; the message says why
     */
    static SctpAddress resolve(SctpNetwork network, List<@Nullable SctpHostAddress> addresses,
            @Nullable Integer port) {
        List<SctpHostAddress> hosts = present(addresses);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no address is given: " + HOW);
        }
        if (port == null) {
            if (hosts.size() > 1) {
                throw new IllegalArgumentException("a list of " + hosts.size() + " hosts " + hosts
                        + " needs the port property: " + HOW);
            }
            return hosts.get(0).resolve(network);
        }
        List<InetAddress> all = new ArrayList<>();
        for (SctpHostAddress host : hosts) {
            if (host.hasPort()) {
                throw new IllegalArgumentException("\"" + host + "\" carries a port, and port is set to " + port
                        + ": give the port once, either in addresses or in port; " + HOW);
            }
            all.addAll(host.resolveHosts(network));
        }
        return SctpAddress.of(all, port);
    }

    /** Returns whether any address is given. */
    static boolean any(List<@Nullable SctpHostAddress> addresses) {
        return addresses.stream().anyMatch(Objects::nonNull);
    }

    /** Returns the addresses as written, for messages. */
    static String text(List<@Nullable SctpHostAddress> addresses, @Nullable Integer port) {
        List<SctpHostAddress> hosts = present(addresses);
        String text = hosts.size() == 1 ? hosts.get(0).toString() : hosts.toString();
        return port == null ? text : text + " with port " + port;
    }

    private static List<SctpHostAddress> present(List<@Nullable SctpHostAddress> addresses) {
        List<SctpHostAddress> present = new ArrayList<>();
        for (SctpHostAddress address : addresses) {
            if (address != null) {
                present.add(address);
            }
        }
        return present;
    }
}
