package dev.sctp;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Heartbeat, retransmission, path-MTU and delayed-SACK settings of one peer address or of all of them
 * ({@link SctpOptions#PEER_ADDR_PARAMS}, {@code SCTP_PEER_ADDR_PARAMS}, RFC 6458 section 8.1.12).
 *
 * <p>Change one setting by reading, modifying and writing back, so the others keep their values:
 * <pre>{@code
 * socket.setPeerAddressParameters(
 *         socket.getPeerAddressParameters(null).withHeartbeatInterval(Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>The kernel applies some values only together with a mode, and this record follows it: the heartbeat interval
 * only while heartbeats are enabled, the path MTU only while path-MTU discovery is off (it is the discovered MTU,
 * and ignored on set, while discovery is on), and the SACK delay only while delayed SACK is on.
 *
 * @param address the peer address these settings are for; {@code null} for the whole association (on set: every
 *     path, and the default of paths added later) or, on a listener or unconnected socket, for future associations
 * @param heartbeatInterval the heartbeat interval added to the path's RTO ({@code spp_hbinterval}, 0..2^32-1 ms;
 *     default {@code net.sctp.hb_interval}, 30 s); 0 sends a heartbeat every RTO
 * @param heartbeatEnabled whether idle paths are probed with heartbeats ({@code SPP_HB_ENABLE}/{@code _DISABLE})
 * @param pathMaxRetransmissions retransmissions on this path before it is marked inactive ({@code spp_pathmaxrxt},
 *     0..65535; default {@code net.sctp.path_max_retrans}, 5); 0 keeps the current value on set
 * @param pathMtu the path MTU in bytes ({@code spp_pathmtu}); with {@code pmtuDiscovery} off, 0 keeps the current
 *     MTU and any other value must be at least 512 (the kernel's {@code SCTP_DEFAULT_MINSEGMENT})
 * @param pmtuDiscovery whether path-MTU discovery runs ({@code SPP_PMTUD_ENABLE}/{@code _DISABLE})
 * @param sackDelay how long the receiver waits before acknowledging ({@code spp_sackdelay}, 0..500 ms, RFC 4960
 *     section 6.2; default {@code net.sctp.sack_timeout}, 200 ms); 0 keeps the current value on set
 * @param delayedSack whether acknowledgements are delayed ({@code SPP_SACKDELAY_ENABLE}/{@code _DISABLE})
 * @param ipv6FlowLabel the IPv6 flow label (0..0xfffff, {@code SPP_IPV6_FLOWLABEL}); -1 when none was set, and
 *     on set -1 leaves it alone; only IPv6 paths use it
 * @param dscp the DiffServ code point (0..63, {@code SPP_DSCP}), which the kernel keeps in the upper six bits of
 *     the TOS / traffic-class byte; -1 when none was set, and on set -1 leaves it alone
 */
public record PeerAddressParameters(@Nullable InetSocketAddress address, Duration heartbeatInterval,
        boolean heartbeatEnabled, int pathMaxRetransmissions, int pathMtu, boolean pmtuDiscovery, Duration sackDelay,
        boolean delayedSack, int ipv6FlowLabel, int dscp) {

    /** The kernel's lowest accepted fixed path MTU: {@code SCTP_DEFAULT_MINSEGMENT} (include/net/sctp/constants.h). */
    public static final int MIN_PATH_MTU = 512;
    /** The kernel's largest accepted SACK delay (net/sctp/socket.c; RFC 4960 section 6.2). */
    public static final Duration MAX_SACK_DELAY = Duration.ofMillis(500);

    /**
     * Validates the ranges and the combinations the kernel would refuse with a bare EINVAL.
     *
     * @throws IllegalArgumentException naming the value, its limit and the fix
     */
    public PeerAddressParameters {
        if (address != null && address.isUnresolved()) {
            throw new IllegalArgumentException("peer address " + address + " is unresolved; give an IP address");
        }
        OptionChecks.millis("heartbeatInterval", heartbeatInterval, OptionChecks.U32_MAX);
        OptionChecks.range("pathMaxRetransmissions", pathMaxRetransmissions, 0, OptionChecks.U16_MAX);
        if (pathMtu < 0) {
            throw new IllegalArgumentException("pathMtu " + pathMtu + " must not be negative");
        }
        if (!pmtuDiscovery && pathMtu != 0 && pathMtu < MIN_PATH_MTU) {
            throw new IllegalArgumentException("pathMtu " + pathMtu + " is below the kernel's minimum of "
                    + MIN_PATH_MTU + " bytes; use " + MIN_PATH_MTU + " or more, or 0 to keep the current MTU");
        }
        if (sackDelay.compareTo(MAX_SACK_DELAY) > 0) {
            throw new IllegalArgumentException("sackDelay " + sackDelay + " exceeds the kernel's limit of 500 ms"
                    + " (RFC 4960 section 6.2); use 500 ms or less, or turn delayed SACK off");
        }
        OptionChecks.millis("sackDelay", sackDelay, MAX_SACK_DELAY.toMillis());
        if (ipv6FlowLabel != -1) {
            OptionChecks.range("ipv6FlowLabel (-1 for none)", ipv6FlowLabel, 0, 0xfffff);
        }
        if (dscp != -1) {
            OptionChecks.range("dscp (-1 for none)", dscp, 0, 63);
        }
    }

    /** Returns a copy for {@code address}, or for the whole association when null. */
    public PeerAddressParameters withAddress(@Nullable InetSocketAddress address) {
        return new PeerAddressParameters(address, heartbeatInterval, heartbeatEnabled, pathMaxRetransmissions,
                pathMtu, pmtuDiscovery, sackDelay, delayedSack, ipv6FlowLabel, dscp);
    }

    /** Returns a copy that enables heartbeats every {@code interval} plus the RTO. */
    public PeerAddressParameters withHeartbeatInterval(Duration interval) {
        return new PeerAddressParameters(address, interval, true, pathMaxRetransmissions, pathMtu, pmtuDiscovery,
                sackDelay, delayedSack, ipv6FlowLabel, dscp);
    }

    /** Returns a copy with heartbeats on or off, keeping the interval. */
    public PeerAddressParameters withHeartbeatEnabled(boolean enabled) {
        return new PeerAddressParameters(address, heartbeatInterval, enabled, pathMaxRetransmissions, pathMtu,
                pmtuDiscovery, sackDelay, delayedSack, ipv6FlowLabel, dscp);
    }

    /** Returns a copy with {@code retransmissions} as the per-path limit. */
    public PeerAddressParameters withPathMaxRetransmissions(int retransmissions) {
        return new PeerAddressParameters(address, heartbeatInterval, heartbeatEnabled, retransmissions, pathMtu,
                pmtuDiscovery, sackDelay, delayedSack, ipv6FlowLabel, dscp);
    }

    /** Returns a copy that turns path-MTU discovery off and fixes the MTU at {@code mtu} bytes (at least 512). */
    public PeerAddressParameters withFixedPathMtu(int mtu) {
        return new PeerAddressParameters(address, heartbeatInterval, heartbeatEnabled, pathMaxRetransmissions, mtu,
                false, sackDelay, delayedSack, ipv6FlowLabel, dscp);
    }

    /** Returns a copy that turns path-MTU discovery back on. */
    public PeerAddressParameters withPmtuDiscovery() {
        return new PeerAddressParameters(address, heartbeatInterval, heartbeatEnabled, pathMaxRetransmissions,
                pathMtu, true, sackDelay, delayedSack, ipv6FlowLabel, dscp);
    }

    /** Returns a copy that delays acknowledgements by up to {@code delay} (at most 500 ms). */
    public PeerAddressParameters withSackDelay(Duration delay) {
        return new PeerAddressParameters(address, heartbeatInterval, heartbeatEnabled, pathMaxRetransmissions,
                pathMtu, pmtuDiscovery, delay, true, ipv6FlowLabel, dscp);
    }

    /** Returns a copy with delayed acknowledgement on or off, keeping the delay. */
    public PeerAddressParameters withDelayedSack(boolean enabled) {
        return new PeerAddressParameters(address, heartbeatInterval, heartbeatEnabled, pathMaxRetransmissions,
                pathMtu, pmtuDiscovery, sackDelay, enabled, ipv6FlowLabel, dscp);
    }

    /** Returns a copy with IPv6 flow label {@code label} (0..0xfffff, or -1 for none). */
    public PeerAddressParameters withIpv6FlowLabel(int label) {
        return new PeerAddressParameters(address, heartbeatInterval, heartbeatEnabled, pathMaxRetransmissions,
                pathMtu, pmtuDiscovery, sackDelay, delayedSack, label, dscp);
    }

    /** Returns a copy with DiffServ code point {@code dscp} (0..63, or -1 for none). */
    public PeerAddressParameters withDscp(int dscp) {
        return new PeerAddressParameters(address, heartbeatInterval, heartbeatEnabled, pathMaxRetransmissions,
                pathMtu, pmtuDiscovery, sackDelay, delayedSack, ipv6FlowLabel, dscp);
    }
}
