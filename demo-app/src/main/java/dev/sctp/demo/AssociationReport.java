package dev.sctp.demo;

import dev.sctp.AssociationStats;
import dev.sctp.PeerAddressInfo;
import dev.sctp.SctpStatus;
import dev.sctp.integration.connection.SctpAssociation;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The state of the load client's association at the end of a run, as the kernel reports it: paths (peer addresses)
 * with their state, congestion window and RTO, the smoothed RTT, and DATA chunks retransmitted.
 *
 * @param local the local addresses
 * @param remote the peer's addresses
 * @param state the association's state ({@code SCTP_STATUS})
 * @param outboundStreams negotiated outbound streams
 * @param inboundStreams negotiated inbound streams
 * @param primary the primary path
 * @param paths every path ({@code SCTP_GET_PEER_ADDR_INFO})
 * @param srttMillis smoothed RTT of the primary path in milliseconds (the {@code sctp.srtt} meter), or -1 if
 *     unknown
 * @param retransmittedChunks DATA chunks retransmitted since the association started ({@code SCTP_GET_ASSOC_STATS})
 * @param error why the state could not be read, or {@code null}
 */
public record AssociationReport(String local, String remote, String state, int outboundStreams,
        int inboundStreams, @Nullable PeerAddressInfo primary, List<PeerAddressInfo> paths, double srttMillis,
        long retransmittedChunks, @Nullable String error) {

    /**
     * Reads the state of {@code association}.
     *
     * @param association the association
     * @param srttMillis the smoothed RTT to report, or -1
     * @return the report; on a read failure one whose {@code error} says why
     */
    static AssociationReport of(SctpAssociation association, double srttMillis) {
        String local = String.valueOf(association.getLocalAddress());
        String remote = String.valueOf(association.getRemoteAddress());
        try {
            SctpStatus status = association.status();
            List<PeerAddressInfo> paths = association.paths();
            AssociationStats stats = association.associationStats();
            return new AssociationReport(local, remote, status.state().name(), status.outboundStreams(),
                    status.inboundStreams(), status.primary(), paths, srttMillis, stats.retransmittedChunks(), null);
        } catch (IOException | RuntimeException e) {
            return unavailable(local, remote, e.toString());
        }
    }

    /**
     * A report of an association whose state could not be read.
     *
     * @param local the local addresses
     * @param remote the peer's addresses
     * @param error why
     * @return the report
     */
    static AssociationReport unavailable(String local, String remote, String error) {
        return new AssociationReport(local, remote, "UNKNOWN", 0, 0, null, List.of(), -1, -1, error);
    }

    /** Returns how many paths the kernel reports as active. */
    public long activePaths() {
        return paths.stream().filter(p -> p.state() == dev.sctp.PathState.ACTIVE).count();
    }
}
