package dev.sctp.integration.event;

import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.notification.PeerAddressChange;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * One of the peer's addresses changed state (SCTP_PEER_ADDR_CHANGE): a path became unreachable or available again,
 * was added, removed or made primary. Path failover within the association is native to SCTP; this reports it.
 *
 * @since 0.1.0
 */
public class SctpPeerAddressChangeEvent extends SctpAssociationEvent {

    private static final long serialVersionUID = 1L;

    private final @Nullable InetSocketAddress address;
    private final PeerAddressChange.State state;
    private final int error;

    /**
     * Creates the event.
     *
     * @param association the association
     * @param change the notification
     */
    public SctpPeerAddressChangeEvent(SctpAssociation association, PeerAddressChange change) {
        super(association, null);
        this.address = change.address();
        this.state = change.state();
        this.error = change.error();
    }

    /** Returns the peer address concerned, or {@code null} if the kernel gave none. */
    public @Nullable InetSocketAddress getAddress() {
        return address;
    }

    /** Returns what happened to the address. */
    public PeerAddressChange.State getState() {
        return state;
    }

    /** Returns the error code the kernel reported with the change, or 0. */
    public int getError() {
        return error;
    }

    @Override
    protected String moreDetails() {
        return ", address=" + address + ", state=" + state;
    }
}
