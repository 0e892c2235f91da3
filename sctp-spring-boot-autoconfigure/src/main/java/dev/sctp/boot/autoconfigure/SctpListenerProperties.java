package dev.sctp.boot.autoconfigure;

import dev.sctp.SctpAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Settings of one SCTP listener: a server association factory, an inbound channel adapter that sends every received
 * message to the inbound channel, and an outbound channel adapter that sends the messages of the outbound channel
 * back on the association and stream their SCTP headers name.
 */
public class SctpListenerProperties extends SctpEndpointProperties {

    /**
     * Local addresses and port to listen on, as host1/host2/...:port (multi-homed), or a list of hosts with port;
     * :port listens on every local address, and port 0 picks a free port.
     */
    private List<@Nullable SctpHostAddress> addresses = new ArrayList<>();

    /** Port to listen on when addresses is a list of hosts without a port; 0 picks a free port. */
    private @Nullable Integer port;

    /** Length of the accept queue; zero uses the system's net.core.somaxconn. */
    private int backlog;

    /** Most associations open at once; further ones are aborted when accepted. Unset means no limit. */
    private @Nullable Integer maxAssociations;

    /**
     * Peers that may associate, as IPv4 or IPv6 CIDR ranges or single literal addresses (10.0.0.0/8, 192.0.2.7,
     * fd00::/8). Every address a peer lists must be in a range, not only the one it connects from; others are
     * aborted as they come up. Empty allows every peer.
     */
    private List<String> allowedPeers = new ArrayList<>();

    /**
     * Most associations open at once initiated from one peer address (the address a peer's INIT came from); further
     * ones are aborted when accepted. Unset means no limit.
     */
    private @Nullable Integer maxAssociationsPerPeer;

    /** Lifetime of the state cookie sent in INIT-ACK (SCTP_ASSOCINFO). Unset keeps the kernel's default. */
    private @Nullable Duration cookieLife;

    public List<@Nullable SctpHostAddress> getAddresses() {
        return addresses;
    }

    public void setAddresses(List<@Nullable SctpHostAddress> addresses) {
        this.addresses = addresses;
    }

    public @Nullable Integer getPort() {
        return port;
    }

    public void setPort(@Nullable Integer port) {
        this.port = port;
    }

    /**
     * Returns whether addresses are set, which creates the listener.
     *
     * @return whether any address is given
     */
    public boolean hasAddresses() {
        return SctpAddresses.any(addresses);
    }

    @Override
    public SctpAddress address() {
        return SctpAddresses.resolve(getNetwork(), addresses, port);
    }

    public int getBacklog() {
        return backlog;
    }

    public void setBacklog(int backlog) {
        this.backlog = backlog;
    }

    public @Nullable Integer getMaxAssociations() {
        return maxAssociations;
    }

    public void setMaxAssociations(@Nullable Integer maxAssociations) {
        this.maxAssociations = maxAssociations;
    }

    public List<String> getAllowedPeers() {
        return allowedPeers;
    }

    public void setAllowedPeers(List<String> allowedPeers) {
        this.allowedPeers = allowedPeers;
    }

    public @Nullable Integer getMaxAssociationsPerPeer() {
        return maxAssociationsPerPeer;
    }

    public void setMaxAssociationsPerPeer(@Nullable Integer maxAssociationsPerPeer) {
        this.maxAssociationsPerPeer = maxAssociationsPerPeer;
    }

    public @Nullable Duration getCookieLife() {
        return cookieLife;
    }

    public void setCookieLife(@Nullable Duration cookieLife) {
        this.cookieLife = cookieLife;
    }
}
