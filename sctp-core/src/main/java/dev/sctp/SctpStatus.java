package dev.sctp;

import java.util.Objects;

/**
 * A snapshot of an association from {@link SctpSocket#status()} ({@code SCTP_STATUS}, RFC 6458 section 8.2.1;
 * linux/sctp.h {@code struct sctp_status}).
 *
 * @param associationId the association id ({@code sstat_assoc_id})
 * @param state the association's state
 * @param receiveWindow the peer's current receive window in bytes ({@code sstat_rwnd})
 * @param unackedData DATA chunks sent and not yet acknowledged ({@code sstat_unackdata})
 * @param pendingData DATA chunks received and waiting to be delivered ({@code sstat_penddata})
 * @param inboundStreams the negotiated number of streams the peer may send on ({@code sstat_instrms})
 * @param outboundStreams the negotiated number of streams this side may send on ({@code sstat_outstrms})
 * @param fragmentationPoint the largest user message sent without fragmentation, in bytes
 *     ({@code sstat_fragmentation_point})
 * @param primary the primary path ({@code sstat_primary})
 */
public record SctpStatus(int associationId, AssociationState state, long receiveWindow, int unackedData,
        int pendingData, int inboundStreams, int outboundStreams, int fragmentationPoint, PeerAddressInfo primary) {

    /** Checks that the references are present. */
    public SctpStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(primary, "primary");
    }
}
