package dev.sctp.boot.autoconfigure;

import dev.sctp.SctpAddress;
import dev.sctp.SctpNetwork;
import java.net.InetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One element of an {@code addresses} property as written: hosts with a port ({@code 10.0.0.1/10.0.0.2:3868},
 * {@code [::1]:3868}, {@code :3868}), or hosts without one ({@code 10.0.0.1}, {@code ::1}, {@code hss.example})
 * that take the endpoint's {@code port}. {@link #parse(String)} checks the syntax and resolves host names, so a bad
 * host fails when the property is bound, naming the key; whether the elements fit together (one port, a peer's
 * port, the endpoint's address family) is checked when the properties are validated.
 *
 * @see SctpHostAddressConverter
 */
public final class SctpHostAddress {

    private final String text;
    private final boolean port;

    private SctpHostAddress(String text, boolean port) {
        this.text = text;
        this.port = port;
    }

    /**
     * Parses one element of an {@code addresses} property.
     *
     * @param text hosts separated by {@code /}, with or without {@code :port}; IPv6 literals with or without
     *     brackets when there is no port
     * @return the address
     * @throws IllegalArgumentException if the text is empty or malformed, the port is outside 0..65535, or a host
     *     name does not resolve; the message quotes the text and says how to write it
     */
    public static SctpHostAddress parse(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("an address is empty: " + SctpAddresses.HOW);
        }
        SctpHostAddress address = new SctpHostAddress(stripped, hasPort(stripped));
        try {
            if (address.port) {
                SctpAddress.resolve(SctpNetwork.SCTP, stripped);
            } else {
                SctpAddress.resolveHosts(SctpNetwork.SCTP, address.bracketed());
            }
        } catch (IllegalArgumentException e) {
            // Boot's failure analysis prints the root cause, so this message carries sctp-core's, without a cause
            throw new IllegalArgumentException(e.getMessage() + " (" + SctpAddresses.HOW + ")");
        }
        return address;
    }

    /** Returns whether the text carries a port ({@code host:port}, {@code [v6]:port}, {@code a/b:port}). */
    public boolean hasPort() {
        return port;
    }

    /**
     * Resolves hosts and port, keeping to {@code network}'s family.
     *
     * @param network the endpoint's address family
     * @return the address
     * @throws IllegalArgumentException if the text has no port, or a host is not of the network's family
     */
    public SctpAddress resolve(SctpNetwork network) {
        return SctpAddress.resolve(network, text);
    }

    /**
     * Resolves the hosts of a text without a port, keeping to {@code network}'s family.
     *
     * @param network the endpoint's address family
     * @return the addresses
     * @throws IllegalArgumentException if a host is not of the network's family
     */
    List<InetAddress> resolveHosts(SctpNetwork network) {
        return SctpAddress.resolveHosts(network, bracketed());
    }

    /** Returns the text as written, without surrounding whitespace. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof SctpHostAddress that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    // A bare IPv6 literal such as ::1 is more natural in a YAML list than [::1]; it has two colons at least.
    private String bracketed() {
        if (!text.startsWith("[") && !text.contains("/") && text.indexOf(':') != text.lastIndexOf(':')) {
            return "[" + text + "]";
        }
        return text;
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
