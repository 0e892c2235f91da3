package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.internal.linux.Errno;
import dev.sctp.test.RequiresSctp;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every option of {@link SctpOptions} and the read-only reports, round-tripped through a real kernel. */
@RequiresSctp
class SctpOptionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A listener, a client connected to it and the accepted end; closes all three. */
    private record Association(SctpServerSocket server, SctpSocket client, SctpSocket accepted)
            implements AutoCloseable {

        static Association open(String listenOn) throws Exception {
            SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse(listenOn));
            try {
                SctpSocket client = SctpSocket.dial(server.localAddress(), TIMEOUT);
                return new Association(server, client, server.accept(TIMEOUT));
            } catch (Exception | Error e) {
                server.close();
                throw e;
            }
        }

        InetSocketAddress serverPath(String host) throws Exception {
            return new InetSocketAddress(InetAddress.getByName(host), server.localAddress().port());
        }

        @Override
        public void close() {
            client.close();
            accepted.close();
            server.close();
        }
    }

    private static SctpSocket unconnected() throws Exception {
        return SctpSocket.open(SctpNetwork.SCTP, SctpAddress.parse("127.0.0.1:0"));
    }

    @Test
    void simpleOptionsRoundTripOnAnUnconnectedSocket() throws Exception {
        try (SctpSocket s = unconnected()) {
            assertThat(s.setOption(SctpOptions.NODELAY, false).getOption(SctpOptions.NODELAY)).isFalse();
            assertThat(s.setOption(SctpOptions.NODELAY, true).getOption(SctpOptions.NODELAY)).isTrue();
            assertThat(s.setOption(SctpOptions.DISABLE_FRAGMENTS, true).getOption(SctpOptions.DISABLE_FRAGMENTS))
                    .isTrue();
            assertThat(s.setOption(SctpOptions.MAXSEG, 1000).getOption(SctpOptions.MAXSEG)).isEqualTo(1000);
            assertThat(s.setOption(SctpOptions.MAXSEG, 0).getOption(SctpOptions.MAXSEG)).isZero();
            assertThat(s.setOption(SctpOptions.ADAPTATION_LAYER, 0x12345678).getOption(SctpOptions.ADAPTATION_LAYER))
                    .isEqualTo(0x12345678);
            assertThat(s.setOption(SctpOptions.ADAPTATION_LAYER, -1).getOption(SctpOptions.ADAPTATION_LAYER))
                    .as("the full unsigned 32-bit range").isEqualTo(-1);
            assertThat(s.setOption(SctpOptions.FRAGMENT_INTERLEAVE, 1).getOption(SctpOptions.FRAGMENT_INTERLEAVE))
                    .isEqualTo(1);
            assertThat(s.setOption(SctpOptions.FRAGMENT_INTERLEAVE, 2).getOption(SctpOptions.FRAGMENT_INTERLEAVE))
                    .as("Linux stores interleave as on/off").isEqualTo(1);
            assertThat(s.setOption(SctpOptions.FRAGMENT_INTERLEAVE, 0).getOption(SctpOptions.FRAGMENT_INTERLEAVE))
                    .isZero();
            assertThat(s.setOption(SctpOptions.PARTIAL_DELIVERY_POINT, 1000)
                    .getOption(SctpOptions.PARTIAL_DELIVERY_POINT)).isEqualTo(1000);
            assertThat(s.setOption(SctpOptions.PR_SUPPORTED, false).getOption(SctpOptions.PR_SUPPORTED)).isFalse();
            assertThat(s.setOption(SctpOptions.PR_SUPPORTED, true).getOption(SctpOptions.PR_SUPPORTED)).isTrue();
            assertThat(s.setOption(SctpOptions.MAX_BURST, 8).getOption(SctpOptions.MAX_BURST)).isEqualTo(8);
            assertThat(s.setOption(SctpOptions.MAX_BURST, 0).getOption(SctpOptions.MAX_BURST)).isZero();
            assertThat(s.setOption(SctpOptions.SO_LINGER, 5).getOption(SctpOptions.SO_LINGER)).isEqualTo(5);
            assertThat(s.setOption(SctpOptions.SO_LINGER, -1).getOption(SctpOptions.SO_LINGER)).isEqualTo(-1);
            InitOptions init = s.setOption(SctpOptions.INIT_MSG, InitOptions.streams(11, 9))
                    .getOption(SctpOptions.INIT_MSG);
            assertThat(init.outboundStreams()).isEqualTo(11);
            assertThat(init.maxInboundStreams()).isEqualTo(9);
        }
    }

    @Test
    void bufferSizesAreDoubledByTheKernel() throws Exception {
        try (SctpSocket s = unconnected()) {
            assertThat(s.setOption(SctpOptions.SO_SNDBUF, 65536).getOption(SctpOptions.SO_SNDBUF)).isEqualTo(131072);
            assertThat(s.setOption(SctpOptions.SO_RCVBUF, 65536).getOption(SctpOptions.SO_RCVBUF)).isEqualTo(131072);
        }
    }

    @Test
    void structOptionsRoundTripOnAnUnconnectedSocket() throws Exception {
        try (SctpSocket s = unconnected()) {
            RtoInfo rto = new RtoInfo(Duration.ofMillis(2000), Duration.ofMillis(500), Duration.ofMillis(30000));
            assertThat(s.setOption(SctpOptions.RTO_INFO, rto).getOption(SctpOptions.RTO_INFO)).isEqualTo(rto);
            RtoInfo unchanged = new RtoInfo(Duration.ZERO, Duration.ZERO, Duration.ZERO);
            assertThat(s.setOption(SctpOptions.RTO_INFO, unchanged).getOption(SctpOptions.RTO_INFO))
                    .as("0 keeps every bound").isEqualTo(rto);

            DelayedSack sack = new DelayedSack(Duration.ofMillis(300), 3);
            assertThat(s.setOption(SctpOptions.DELAYED_SACK, sack).getOption(SctpOptions.DELAYED_SACK))
                    .isEqualTo(sack);

            AssociationParameters assoc = s.setOption(SctpOptions.ASSOC_INFO,
                    AssociationParameters.of(7, Duration.ofMillis(45000))).getOption(SctpOptions.ASSOC_INFO);
            assertThat(assoc.maxRetransmissions()).isEqualTo(7);
            assertThat(assoc.cookieLife()).isEqualTo(Duration.ofMillis(45000));

            SendInfo defaults = SendInfo.of(3, 46).withUnordered(true).withContext(7);
            assertThat(s.setOption(SctpOptions.DEFAULT_SNDINFO, defaults).getOption(SctpOptions.DEFAULT_SNDINFO))
                    .isEqualTo(defaults);

            PrInfo ttl = PrInfo.ttl(Duration.ofMillis(1500));
            assertThat(s.setOption(SctpOptions.DEFAULT_PRINFO, ttl).getOption(SctpOptions.DEFAULT_PRINFO))
                    .isEqualTo(ttl);
            assertThat(s.setOption(SctpOptions.DEFAULT_PRINFO, PrInfo.retransmissions(3))
                    .getOption(SctpOptions.DEFAULT_PRINFO)).isEqualTo(PrInfo.retransmissions(3));
            assertThat(s.setOption(SctpOptions.DEFAULT_PRINFO, PrInfo.NONE).getOption(SctpOptions.DEFAULT_PRINFO))
                    .isEqualTo(PrInfo.NONE);

            PeerAddressParameters defaultsForFuture = s.getOption(SctpOptions.PEER_ADDR_PARAMS);
            assertThat(defaultsForFuture.address()).isNull();
            assertThat(defaultsForFuture.heartbeatEnabled()).isTrue();
            PeerAddressParameters changed = defaultsForFuture.withHeartbeatInterval(Duration.ofSeconds(5))
                    .withPathMaxRetransmissions(4).withSackDelay(Duration.ofMillis(100));
            assertThat(s.setOption(SctpOptions.PEER_ADDR_PARAMS, changed).getOption(SctpOptions.PEER_ADDR_PARAMS))
                    .isEqualTo(changed);
        }
    }

    @Test
    void badValuesAreRefusedWithTheLimitAndTheFix() throws Exception {
        assertThatThrownBy(() -> new RtoInfo(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds RTO max");
        assertThatThrownBy(() -> new DelayedSack(Duration.ofMillis(600), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("500 ms");
        assertThatThrownBy(() -> new PrInfo(SendInfo.PrPolicy.NONE, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use 0 with NONE");
        assertThatThrownBy(() -> AssociationParameters.of(70000, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..65535");
        try (SctpSocket s = unconnected()) {
            PeerAddressParameters p = s.getOption(SctpOptions.PEER_ADDR_PARAMS);
            assertThatThrownBy(() -> p.withFixedPathMtu(400))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimum of 512");
            assertThatThrownBy(() -> p.withSackDelay(Duration.ofMillis(600)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("500 ms");
            assertThatThrownBy(() -> s.setOption(SctpOptions.MAXSEG, 70000))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..65516");
            assertThatThrownBy(() -> s.setOption(SctpOptions.MAXSEG, 100))
                    .as("the kernel's minimum, translated").isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("minimum segment");
            assertThatThrownBy(() -> s.setOption(SctpOptions.FRAGMENT_INTERLEAVE, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..2");
            int half = s.getOption(SctpOptions.SO_RCVBUF) / 2;
            assertThatThrownBy(() -> s.setOption(SctpOptions.PARTIAL_DELIVERY_POINT, half + 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.." + half)
                    .hasMessageContaining("raise SO_RCVBUF");
            assertThatThrownBy(() -> s.setOption(SctpOptions.DEFAULT_SNDINFO,
                    SendInfo.of(1, 46).withLifetime(Duration.ofSeconds(1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DEFAULT_PRINFO");
            assertThatThrownBy(() -> s.setOption(SctpOptions.MAX_BURST, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 for no limit");
            assertThatThrownBy(() -> s.setOption(SctpOptions.SO_SNDBUF, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
            assertThatThrownBy(s::status).isInstanceOf(SctpException.class).hasMessageContaining("no association");
        }
    }

    @Test
    void reusePortSharesAPortAndMustBeSetBeforeBind() throws Exception {
        SctpAddress local = SctpAddress.parse("127.0.0.1:0");
        try (SctpSocket first = SctpSocket.open(SctpNetwork.SCTP, local);
                SctpSocket second = SctpSocket.open(SctpNetwork.SCTP, local);
                SctpSocket third = SctpSocket.open(SctpNetwork.SCTP, local)) {
            assertThat(first.setOption(SctpOptions.REUSE_PORT, true).getOption(SctpOptions.REUSE_PORT)).isTrue();
            first.bind(local);
            SctpAddress bound = first.localAddress();
            second.setOption(SctpOptions.REUSE_PORT, true).bind(bound);
            assertThat(second.localAddress().port()).as("both sockets share the port").isEqualTo(bound.port());
            assertThatThrownBy(() -> third.bind(bound)).as("a socket without REUSE_PORT")
                    .isInstanceOf(BindException.class);
            assertThatThrownBy(() -> first.setOption(SctpOptions.REUSE_PORT, false))
                    .isInstanceOfSatisfying(SctpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFAULT))
                    .hasMessageContaining("must be set before bind");
        }
    }

    @Test
    void statusShowsTheNegotiatedStreams() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
                SctpSocket client = SctpSocket.open(SctpNetwork.SCTP, server.localAddress())) {
            client.setOption(SctpOptions.INIT_MSG, InitOptions.streams(11, 9));
            client.connect(server.localAddress(), TIMEOUT);
            try (SctpSocket accepted = server.accept(TIMEOUT)) {
                SctpStatus mine = client.status();
                assertThat(mine.state()).isEqualTo(AssociationState.ESTABLISHED);
                assertThat(mine.outboundStreams()).as("11 asked, server takes up to 65535").isEqualTo(11);
                assertThat(mine.inboundStreams()).as("server offers 10, client takes 9").isEqualTo(9);
                assertThat(mine.receiveWindow()).isPositive();
                assertThat(mine.fragmentationPoint()).isPositive();
                assertThat(mine.primary().address()).isEqualTo(
                        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.localAddress().port()));
                assertThat(mine.primary().state()).isEqualTo(PathState.ACTIVE);

                SctpStatus theirs = accepted.status();
                assertThat(theirs.state()).isEqualTo(AssociationState.ESTABLISHED);
                assertThat(theirs.inboundStreams()).isEqualTo(11);
                assertThat(theirs.outboundStreams()).isEqualTo(9);
            }
        }
    }

    @Test
    void cookieLifeRoundTripsOnTheListener() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            server.setOption(SctpOptions.ASSOC_INFO, AssociationParameters.of(0, Duration.ofMillis(61111)));
            AssociationParameters read = server.getOption(SctpOptions.ASSOC_INFO);
            assertThat(read.cookieLife()).isEqualTo(Duration.ofMillis(61111));
            assertThat(read.maxRetransmissions()).as("0 kept the default").isPositive();
            try (SctpSocket client = SctpSocket.dial(server.localAddress(), TIMEOUT);
                    SctpSocket accepted = server.accept(TIMEOUT)) {
                for (SctpSocket end : List.of(client, accepted)) {
                    AssociationParameters live = end.getOption(SctpOptions.ASSOC_INFO);
                    assertThat(live.peerDestinations()).isEqualTo(end.remoteAddress().addresses().size());
                    assertThat(live.peerReceiveWindow()).isPositive();
                    assertThat(live.localReceiveWindow()).isPositive();
                }
            }
        }
    }

    @Test
    void peerAddressInfoOfThePrimaryPath() throws Exception {
        try (Association a = Association.open("127.0.0.1:0")) {
            InetSocketAddress primary = a.serverPath("127.0.0.1");
            PeerAddressInfo info = a.client().peerAddressInfo(primary);
            assertThat(info.address()).isEqualTo(primary);
            assertThat(info.state()).isEqualTo(PathState.ACTIVE);
            assertThat(info.rto()).isPositive();
            assertThat(info.mtu()).isPositive();
            assertThat(info.congestionWindow()).isPositive();
            assertThat(a.client().paths()).extracting(PeerAddressInfo::address).containsExactly(primary);
            assertThat(a.client().getOption(SctpOptions.PRIMARY_ADDR)).isEqualTo(primary);
            assertThatThrownBy(() -> a.client().peerAddressInfo(a.serverPath("127.0.0.3")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a path");
        }
    }

    @Test
    void primaryAddressMovesBetweenPeerAddresses() throws Exception {
        try (Association a = Association.open("127.0.0.1/127.0.0.2:0")) {
            InetSocketAddress second = a.serverPath("127.0.0.2");
            assertThat(a.client().paths()).extracting(PeerAddressInfo::address)
                    .containsExactlyInAnyOrder(a.serverPath("127.0.0.1"), second);
            a.client().setOption(SctpOptions.PRIMARY_ADDR, second);
            assertThat(a.client().getOption(SctpOptions.PRIMARY_ADDR)).isEqualTo(second);
            assertThat(a.client().status().primary().address()).isEqualTo(second);
            assertThatThrownBy(() -> a.client().setOption(SctpOptions.PRIMARY_ADDR, a.serverPath("127.0.0.3")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a peer address");
        }
    }

    @Test
    void associationStatsCountSentMessages() throws Exception {
        try (Association a = Association.open("127.0.0.1:0")) {
            byte[] buf = new byte[64];
            ReceiveInfo info = new ReceiveInfo();
            for (int i = 0; i < 10; i++) {
                a.client().send(new byte[] {(byte) i}, SendInfo.of(0, 46));
                assertThat(a.accepted().receive(buf, 0, buf.length, info)).isEqualTo(1);
            }
            AssociationStats sent = a.client().associationStats();
            assertThat(sent.packetsSent()).isGreaterThanOrEqualTo(10);
            assertThat(sent.orderedChunksSent()).isGreaterThanOrEqualTo(10);
            AssociationStats received = a.accepted().associationStats();
            assertThat(received.packetsReceived()).isGreaterThanOrEqualTo(10);
            assertThat(received.orderedChunksReceived()).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void peerAddressParametersPerPathAndForAll() throws Exception {
        try (Association a = Association.open("127.0.0.1/127.0.0.2:0")) {
            SctpSocket c = a.client();
            InetSocketAddress first = a.serverPath("127.0.0.1");
            InetSocketAddress second = a.serverPath("127.0.0.2");

            c.setPeerAddressParameters(c.getPeerAddressParameters(first).withHeartbeatInterval(Duration.ofSeconds(7)));
            assertThat(c.getPeerAddressParameters(first).heartbeatInterval()).isEqualTo(Duration.ofSeconds(7));
            assertThat(c.getPeerAddressParameters(second).heartbeatInterval())
                    .as("only the first path changed").isNotEqualTo(Duration.ofSeconds(7));

            c.setPeerAddressParameters(c.getPeerAddressParameters(null).withHeartbeatInterval(Duration.ofSeconds(9)));
            for (InetSocketAddress path : List.of(first, second)) {
                assertThat(c.getPeerAddressParameters(path).heartbeatInterval()).isEqualTo(Duration.ofSeconds(9));
            }
            assertThat(c.getOption(SctpOptions.PEER_ADDR_PARAMS).heartbeatInterval()).isEqualTo(Duration.ofSeconds(9));

            c.setPeerAddressParameters(c.getPeerAddressParameters(second).withHeartbeatEnabled(false)
                    .withFixedPathMtu(1200).withDscp(10));
            PeerAddressParameters fixed = c.getPeerAddressParameters(second);
            assertThat(fixed.heartbeatEnabled()).isFalse();
            assertThat(fixed.pmtuDiscovery()).isFalse();
            assertThat(fixed.pathMtu()).isEqualTo(1200);
            assertThat(fixed.dscp()).isEqualTo(10);
            assertThat(c.getPeerAddressParameters(first).heartbeatEnabled()).isTrue();

            c.setPeerAddressParameters(fixed.withPmtuDiscovery().withHeartbeatEnabled(true));
            assertThat(c.getPeerAddressParameters(second).pmtuDiscovery()).isTrue();
            assertThatThrownBy(() -> c.getPeerAddressParameters(a.serverPath("127.0.0.3")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a path");
        }
    }

    @Test
    void associationOptionsApplyToALiveAssociation() throws Exception {
        try (Association a = Association.open("127.0.0.1:0")) {
            SctpSocket c = a.client();
            assertThat(c.getOption(SctpOptions.PR_SUPPORTED)).as("the peer's PR-SCTP support").isTrue();
            // A multiple of 4 ms, so it survives the kernel's ms -> jiffies -> ms round trip at any common HZ.
            DelayedSack sack = new DelayedSack(Duration.ofMillis(240), 4);
            assertThat(c.setOption(SctpOptions.DELAYED_SACK, sack).getOption(SctpOptions.DELAYED_SACK)).isEqualTo(sack);
            assertThat(c.setOption(SctpOptions.DELAYED_SACK, DelayedSack.OFF).getOption(SctpOptions.DELAYED_SACK))
                    .isEqualTo(DelayedSack.OFF);
            assertThat(c.setOption(SctpOptions.MAXSEG, 1000).getOption(SctpOptions.MAXSEG)).isEqualTo(1000);
            assertThat(c.status().fragmentationPoint()).isEqualTo(1000);
            PrInfo priority = PrInfo.priority(5);
            assertThat(c.setOption(SctpOptions.DEFAULT_PRINFO, priority).getOption(SctpOptions.DEFAULT_PRINFO))
                    .isEqualTo(priority);
            RtoInfo rto = new RtoInfo(Duration.ofMillis(1500), Duration.ofMillis(200), Duration.ofMillis(20000));
            assertThat(c.setOption(SctpOptions.RTO_INFO, rto).getOption(SctpOptions.RTO_INFO)).isEqualTo(rto);
            assertThatThrownBy(() -> c.setOption(SctpOptions.RTO_INFO,
                    new RtoInfo(Duration.ZERO, Duration.ofSeconds(30), Duration.ZERO)))
                    .as("a minimum above the current maximum").isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("above the maximum");
        }
    }

    @Test
    void autoAsconfNeedsAWildcardBinding() throws Exception {
        try (SctpServerSocket any = SctpServerSocket.bind(SctpAddress.wildcard(0))) {
            assertThat(any.setOption(SctpOptions.AUTO_ASCONF, true).getOption(SctpOptions.AUTO_ASCONF)).isTrue();
            assertThat(any.setOption(SctpOptions.AUTO_ASCONF, false).getOption(SctpOptions.AUTO_ASCONF)).isFalse();
        }
        try (SctpServerSocket one = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            assertThatThrownBy(() -> one.setOption(SctpOptions.AUTO_ASCONF, true))
                    .isInstanceOf(SctpException.class).hasMessageContaining("wildcard");
        }
    }
}
