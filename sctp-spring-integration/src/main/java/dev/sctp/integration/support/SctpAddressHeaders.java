package dev.sctp.integration.support;

import dev.sctp.SctpAddress;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The address headers of one association as of one reading of its addresses: the remote and local addresses as
 * literal host addresses, the ports and the primary address. Built once per change of the addresses (see
 * {@link dev.sctp.integration.connection.SctpAssociation#getAddressHeaders()}), so that mapping a received message
 * formats no address and boxes no port; the lists are immutable and shared by the messages that carry them.
 *
 * @since 0.1.0
 */
public final class SctpAddressHeaders {

    private final SctpAddress remote;
    private final SctpAddress local;
    private final @Nullable InetAddress primary;
    private final List<String> remoteHosts;
    private final Integer remotePort;
    private final List<String> localHosts;
    private final Integer localPort;
    private final @Nullable String primaryHost;

    private SctpAddressHeaders(SctpAddress remote, SctpAddress local, @Nullable InetAddress primary) {
        this.remote = remote;
        this.local = local;
        this.primary = primary;
        this.remoteHosts = hosts(remote.addresses());
        this.remotePort = remote.port();
        this.localHosts = hosts(local.addresses());
        this.localPort = local.port();
        this.primaryHost = primary == null ? null : primary.getHostAddress();
    }

    /**
     * Returns the headers of these addresses.
     *
     * @param remote the peer's addresses and port
     * @param local this side's addresses and port
     * @param primary the peer address this side sends to by default, if known
     * @return the headers
     */
    public static SctpAddressHeaders of(SctpAddress remote, SctpAddress local, @Nullable InetAddress primary) {
        return new SctpAddressHeaders(remote, local, primary);
    }

    /**
     * Returns whether these headers were built from exactly these address objects (an association replaces them when
     * its addresses change, so identity tells whether the headers are still current).
     *
     * @param remote the peer's addresses and port now
     * @param local this side's addresses and port now
     * @param primary the primary address now
     * @return whether nothing changed
     */
    public boolean describes(SctpAddress remote, SctpAddress local, @Nullable InetAddress primary) {
        return this.remote == remote && this.local == local && this.primary == primary;
    }

    /**
     * Puts the address headers into {@code headers}: {@link SctpHeaders#REMOTE_ADDRESSES},
     * {@link SctpHeaders#REMOTE_PORT}, {@link SctpHeaders#LOCAL_ADDRESSES}, {@link SctpHeaders#LOCAL_PORT} and, when
     * known, {@link SctpHeaders#PRIMARY_ADDRESS}.
     *
     * @param headers the headers to add to
     */
    public void putInto(Map<String, Object> headers) {
        headers.put(SctpHeaders.REMOTE_ADDRESSES, remoteHosts);
        headers.put(SctpHeaders.REMOTE_PORT, remotePort);
        headers.put(SctpHeaders.LOCAL_ADDRESSES, localHosts);
        headers.put(SctpHeaders.LOCAL_PORT, localPort);
        String primaryText = primaryHost;
        if (primaryText != null) {
            headers.put(SctpHeaders.PRIMARY_ADDRESS, primaryText);
        }
    }

    /** Returns the number of headers {@link #putInto} adds. */
    public int size() {
        return primaryHost == null ? 4 : 5;
    }

    private static List<String> hosts(List<InetAddress> addresses) {
        String[] hosts = new String[addresses.size()];
        for (int i = 0; i < hosts.length; i++) {
            hosts[i] = addresses.get(i).getHostAddress();
        }
        return List.of(hosts);
    }
}
