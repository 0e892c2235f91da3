package dev.sctp;

import java.util.Locale;
import java.util.Objects;

/**
 * The address family an SCTP socket is opened with, named as in go-sctp ({@code "sctp"}, {@code "sctp4"},
 * {@code "sctp6"}).
 */
public enum SctpNetwork {

    /**
     * Dual-stack: an {@code AF_INET6} socket with {@code IPV6_V6ONLY} off when it must hold IPv6 or wildcard
     * addresses, an {@code AF_INET} socket when every address is IPv4.
     */
    SCTP("sctp"),

    /** IPv4 only: an {@code AF_INET} socket; IPv6 addresses are rejected. */
    SCTP4("sctp4"),

    /**
     * IPv6 only: an {@code AF_INET6} socket with {@code IPV6_V6ONLY} on; IPv4 addresses are rejected, including
     * v4-mapped IPv6 literals such as {@code [::ffff:127.0.0.1]}.
     */
    SCTP6("sctp6");

    private final String networkName;

    SctpNetwork(String networkName) {
        this.networkName = networkName;
    }

    /** Returns the network name used in configuration: {@code "sctp"}, {@code "sctp4"} or {@code "sctp6"}. */
    public String networkName() {
        return networkName;
    }

    /**
     * Returns the network with the given name, ignoring case.
     *
     * @throws IllegalArgumentException if {@code name} is not {@code sctp}, {@code sctp4} or {@code sctp6}
     */
    public static SctpNetwork of(String name) {
        Objects.requireNonNull(name, "name");
        String lower = name.toLowerCase(Locale.ROOT);
        for (SctpNetwork network : values()) {
            if (network.networkName.equals(lower)) {
                return network;
            }
        }
        throw new IllegalArgumentException("unknown SCTP network \"" + name + "\": use sctp, sctp4 or sctp6");
    }
}
