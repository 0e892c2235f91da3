package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.AssociationPair;
import dev.sctp.test.Blackhole;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.SctpCounters;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Options checked by what the kernel then does, not by reading the value back: the RTO in the association's status,
 * packets and timer expiries counted in {@code /proc/net/sctp/snmp}, fragments made and reassembled. The counters
 * are global to the VM, so each check is an inequality that a wrong setting would break by a wide margin. (The INIT
 * stream counts seen in the peer's status are checked by {@link SctpOptionsTest}.)
 */
@RequiresSctp
class OptionEffectsTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;
    private static final byte[] SMALL = new byte[8];

    @Test
    void rtoMinBoundsTheRtoOnceARoundTripIsMeasured() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
                SctpSocket client = SctpSocket.open(SctpNetwork.SCTP, server.localAddress())) {
            client.setOption(SctpOptions.RTO_INFO,
                    new RtoInfo(Duration.ofMillis(2000), Duration.ofMillis(300), Duration.ofMillis(5000)));
            client.connect(server.localAddress(), TIMEOUT);
            try (SctpSocket accepted = server.accept(TIMEOUT)) {
                // Before any measurement the RTO is the initial value (RFC 4960 section 6.3.1 C1).
                assertThat(client.status().primary().rto()).isEqualTo(Duration.ofMillis(2000));
                // An immediate SACK, so the measured RTT is the loopback's (a delayed one would add up to 200 ms).
                accepted.setOption(SctpOptions.DELAYED_SACK, DelayedSack.OFF);
                client.send(SMALL, SendInfo.DEFAULT);
                awaitAcknowledged(client);
                // RTO = SRTT + 4 * RTTVAR is a few ms on loopback; sctp_transport_update_rto (net/sctp/transport.c)
                // raises it to rto_min. The kernel default minimum is 1 s, so 300 ms shows the option at work.
                assertThat(client.status().primary().rto()).isEqualTo(Duration.ofMillis(300));
            }
        }
    }

    @Test
    void rtoMaxCapsTheBackOffOfRetransmissionsToASilentPeer() throws Exception {
        String peerHost = "127.0.0.13";
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse(peerHost + ":0"));
                SctpSocket client = SctpSocket.open(SctpNetwork.SCTP, server.localAddress())) {
            client.setOption(SctpOptions.RTO_INFO,
                    new RtoInfo(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(400)));
            // Enough retransmissions that the association outlives the check.
            client.setOption(SctpOptions.ASSOC_INFO, AssociationParameters.of(30, Duration.ZERO));
            client.connect(server.localAddress(), TIMEOUT);
            try (SctpSocket accepted = server.accept(TIMEOUT);
                    AutoCloseable cut = Blackhole.drop(peerHost)) {
                SctpCounters before = SctpCounters.read();
                client.send(SMALL, SendInfo.DEFAULT);
                // Each T3 expiry doubles the RTO, "rto << 1" capped at rto_max (sctp_do_8_2_transport_strike,
                // net/sctp/sm_sideeffect.c): 200 -> 400 -> 400 ... Without the cap it would reach 800, 1600, ...
                Duration highest = Duration.ZERO;
                long expiries = 0;
                long until = System.nanoTime() + TIMEOUT.toNanos();
                while (expiries < 4 && System.nanoTime() < until) {
                    Duration rto = client.status().primary().rto();
                    highest = rto.compareTo(highest) > 0 ? rto : highest;
                    expiries = SctpCounters.read().since(before, "SctpT3RtxExpireds");
                    Thread.sleep(10);
                }
                assertThat(expiries).as("T3 expiries while the peer is black-holed").isGreaterThanOrEqualTo(4);
                assertThat(highest).isEqualTo(Duration.ofMillis(400));
            }
        }
    }

    @Test
    void withoutNoDelaySmallMessagesWaitForTheAckAndShareAPacket() throws Exception {
        int messages = 100;
        long nagle = packetsFor(messages, false);
        long noDelay = packetsFor(messages, true);
        // Nagle (sctp_packet_can_append_data, net/sctp/output.c) holds small DATA while any is unacknowledged:
        // the first message goes alone, the rest are bundled once its (delayed) SACK arrives.
        assertThat(nagle).as("packets without NODELAY").isLessThan(messages / 2);
        // With NODELAY each send leaves at once in its own packet, plus the peer's SACKs.
        assertThat(noDelay).as("packets with NODELAY").isGreaterThanOrEqualTo(messages);
    }

    private static long packetsFor(int messages, boolean noDelay) throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().setOption(SctpOptions.NODELAY, noDelay);
            // The longest SACK delay, so even a slow sender queues many messages behind each unacknowledged one.
            pair.accepted().setOption(SctpOptions.DELAYED_SACK, new DelayedSack(Duration.ofMillis(500), 0));
            SctpCounters before = SctpCounters.read();
            for (int i = 0; i < messages; i++) {
                pair.client().send(SMALL, SendInfo.DEFAULT);
            }
            byte[] buf = new byte[64];
            ReceiveInfo info = new ReceiveInfo();
            pair.accepted().setReadTimeout(TIMEOUT);
            for (int i = 0; i < messages; i++) {
                assertThat(pair.accepted().receive(buf, 0, buf.length, info)).isEqualTo(SMALL.length);
            }
            awaitAcknowledged(pair.client());
            return SctpCounters.read().since(before, "SctpOutSCTPPacks");
        }
    }

    @Test
    void delayedSackAcknowledgesALonePacketWhenItsTimerExpires() throws Exception {
        int rounds = 5;
        long delayed = sackTimerExpiries(rounds, new DelayedSack(Duration.ofMillis(50), 2));
        long immediate = sackTimerExpiries(rounds, DelayedSack.OFF);
        // A lone DATA packet is acknowledged by the SACK timer (sctp_sf_do_6_2_sack counts
        // SCTP_MIB_DELAY_SACK_EXPIREDS, net/sctp/sm_statefuns.c); with delayed SACK off it is acknowledged at once.
        assertThat(delayed).as("SACK timer expiries with delayed SACK").isGreaterThanOrEqualTo(rounds);
        assertThat(immediate).as("SACK timer expiries with delayed SACK off").isLessThan(rounds);
    }

    private static long sackTimerExpiries(int rounds, DelayedSack sack) throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().setOption(SctpOptions.NODELAY, true);
            pair.accepted().setOption(SctpOptions.DELAYED_SACK, sack);
            // The first DATA of an association is acknowledged at once whatever the setting (RFC 4960 section 6.2;
            // sctp_association_init sets peer.sack_needed, net/sctp/associola.c), so it is sent before counting.
            pair.client().send(SMALL, SendInfo.DEFAULT);
            awaitAcknowledged(pair.client());
            SctpCounters before = SctpCounters.read();
            for (int i = 0; i < rounds; i++) {
                pair.client().send(SMALL, SendInfo.DEFAULT);
                awaitAcknowledged(pair.client());
            }
            return SctpCounters.read().since(before, "SctpDelaySackExpireds");
        }
    }

    @Test
    void maxsegSplitsAMessageIntoFragmentsThatThePeerReassembles() throws Exception {
        byte[] message = new byte[5000];
        Arrays.fill(message, (byte) 0x5a);
        message[message.length - 1] = 1;
        // The loopback MTU is 65536: without MAXSEG the message goes whole (sctp_datamsg_from_user, net/sctp/chunk.c,
        // counts SCTP_MIB_FRAGUSRMSGS only for a message longer than the fragmentation point).
        assertThat(fragmentsOf(message, 0)).containsExactly(0L, 0L);
        assertThat(fragmentsOf(message, 1000)).containsExactly(1L, 1L);
    }

    /** Sends {@code message} with {@code maxseg} (0: the default) and returns {fragmented, reassembled} deltas. */
    private static long[] fragmentsOf(byte[] message, int maxseg) throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
                SctpSocket client = SctpSocket.open(SctpNetwork.SCTP, server.localAddress())) {
            if (maxseg > 0) {
                client.setOption(SctpOptions.MAXSEG, maxseg);
            }
            client.connect(server.localAddress(), TIMEOUT);
            try (SctpSocket accepted = server.accept(TIMEOUT)) {
                if (maxseg > 0) {
                    assertThat(client.status().fragmentationPoint()).isLessThanOrEqualTo(maxseg);
                }
                SctpCounters before = SctpCounters.read();
                client.send(message, SendInfo.DEFAULT);
                byte[] buf = new byte[message.length * 2];
                ReceiveInfo info = new ReceiveInfo();
                accepted.setReadTimeout(TIMEOUT);
                int n = accepted.receive(buf, 0, buf.length, info);
                assertThat(info.isComplete()).isTrue();
                assertThat(Arrays.copyOf(buf, n)).isEqualTo(message);
                SctpCounters after = SctpCounters.read();
                return new long[] {after.since(before, "SctpFragUsrMsgs"), after.since(before, "SctpReasmUsrMsgs")};
            }
        }
    }

    /** Waits until every DATA chunk the socket sent has been acknowledged. */
    private static void awaitAcknowledged(SctpSocket socket) throws IOException, InterruptedException {
        long until = System.nanoTime() + TIMEOUT.toNanos();
        while (socket.status().unackedData() > 0) {
            if (System.nanoTime() > until) {
                throw new AssertionError("data still unacknowledged after " + TIMEOUT + ": " + socket.status());
            }
            Thread.sleep(2);
        }
    }
}
