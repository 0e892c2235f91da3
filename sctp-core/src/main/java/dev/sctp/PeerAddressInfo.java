package dev.sctp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The state of one path to the peer ({@code SCTP_GET_PEER_ADDR_INFO} and the primary path of {@code SCTP_STATUS},
 * RFC 6458 section 8.2.2; linux/sctp.h {@code struct sctp_paddrinfo}).
 *
 * @param address the peer address (a v4-mapped address is reported as IPv4)
 * @param state whether the path is usable
 * @param congestionWindow the congestion window in bytes ({@code spinfo_cwnd})
 * @param smoothedRttTicks the smoothed round-trip time ({@code spinfo_srtt}) in kernel clock ticks, not
 *     milliseconds: Linux copies the transport's {@code srtt}, kept in jiffies, without the conversion it applies to
 *     {@code rto} (net/sctp/socket.c). It equals milliseconds only on kernels built with {@code CONFIG_HZ=1000}
 *     (Debian uses 250, where one tick is 4 ms); 0 until the first measurement
 * @param rto the current retransmission timeout ({@code spinfo_rto}, converted to ms by the kernel)
 * @param mtu the path MTU in bytes ({@code spinfo_mtu})
 */
public record PeerAddressInfo(InetSocketAddress address, PathState state, long congestionWindow,
        long smoothedRttTicks, Duration rto, int mtu) {

    /** Checks that the references are present. */
    public PeerAddressInfo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(rto, "rto");
    }
}
