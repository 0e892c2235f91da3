package dev.sctp;

import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * Counters of an association from {@link SctpSocket#associationStats()} ({@code SCTP_GET_ASSOC_STATS}, Linux only;
 * linux/sctp.h {@code struct sctp_assoc_stats}). Every counter is an unsigned 64-bit value that counts from the
 * start of the association, except the maximum RTO.
 *
 * <p><b>Reading resets {@code maxObservedRtoTicks}:</b> the kernel starts a new observation period on every read
 * (it sets the maximum back to the RTO minimum), so two readers of the same association each see only the
 * maximum since the other's last read.
 *
 * @param maxObservedRtoTicks the largest RTO seen since the previous read ({@code sas_maxrto}), in kernel clock
 *     ticks (jiffies) like {@link PeerAddressInfo#smoothedRttTicks()}; 0 when no RTO was computed yet
 * @param maxObservedRtoAddress the path that had that RTO ({@code sas_obs_rto_ipaddr}), or {@code null} when none
 * @param sacksReceived SACK chunks received ({@code sas_isacks})
 * @param sacksSent SACK chunks sent ({@code sas_osacks})
 * @param packetsSent SCTP packets sent ({@code sas_opackets})
 * @param packetsReceived SCTP packets received ({@code sas_ipackets})
 * @param retransmittedChunks chunks retransmitted ({@code sas_rtxchunks})
 * @param outOfSequenceTsns DATA chunks received with a TSN beyond the next expected ({@code sas_outofseqtsns})
 * @param duplicateChunksReceived duplicate DATA chunks received ({@code sas_idupchunks})
 * @param gapAcksReceived gap acknowledgement blocks received ({@code sas_gapcnt})
 * @param unorderedChunksSent unordered DATA chunks sent ({@code sas_ouodchunks})
 * @param unorderedChunksReceived unordered DATA chunks received ({@code sas_iuodchunks})
 * @param orderedChunksSent ordered DATA chunks sent ({@code sas_oodchunks})
 * @param orderedChunksReceived ordered DATA chunks received ({@code sas_iodchunks})
 * @param controlChunksSent control chunks sent ({@code sas_octrlchunks})
 * @param controlChunksReceived control chunks received ({@code sas_ictrlchunks})
 */
public record AssociationStats(long maxObservedRtoTicks, @Nullable InetSocketAddress maxObservedRtoAddress,
        long sacksReceived, long sacksSent, long packetsSent, long packetsReceived, long retransmittedChunks,
        long outOfSequenceTsns, long duplicateChunksReceived, long gapAcksReceived, long unorderedChunksSent,
        long unorderedChunksReceived, long orderedChunksSent, long orderedChunksReceived, long controlChunksSent,
        long controlChunksReceived) {
}
