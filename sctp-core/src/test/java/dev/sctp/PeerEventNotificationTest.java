package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.notification.AdaptationIndication;
import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.NotificationType;
import dev.sctp.notification.PartialDelivery;
import dev.sctp.notification.PeerAddressChange;
import dev.sctp.notification.SctpNotification;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.Blackhole;
import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The notifications that need something to happen to a path or to the peer, made by the real kernel: a path that
 * goes down and comes back, a partial delivery cut off by an abort, and the peer's adaptation layer.
 * {@link NotificationTest} covers COMM_UP, COMM_LOST and SHUTDOWN_COMP, the peer's shutdown, sender dry and send
 * failures with their payload.
 */
@RequiresSctp
class PeerEventNotificationTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;

    @Test
    void aSecondPathIsConfirmedThenReportedUnreachableAndAvailableAgain() throws Exception {
        // Loopback addresses that are not configured on lo, so black-holing one leaves every other address alone.
        String primary = "127.0.0.1";
        String second = "127.0.0.12";
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse(primary + "/" + second + ":0"));
                SctpSocket client = SctpSocket.open(SctpNetwork.SCTP, server.localAddress())) {
            client.bind(SctpAddress.parse(primary + ":0"));
            client.subscribe(NotificationType.PEER_ADDR_CHANGE);
            // Fast path supervision: RTO 100..400 ms, a heartbeat every 100 ms plus RTO, and a path is declared down
            // after one unanswered retransmission (error_count > pathmaxrxt).
            client.setOption(SctpOptions.RTO_INFO,
                    new RtoInfo(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(400)));
            client.setPeerAddressParameters(client.getPeerAddressParameters(null)
                    .withHeartbeatInterval(Duration.ofMillis(100)).withPathMaxRetransmissions(1));
            client.connect(SctpAddress.parse(primary + ":" + server.localAddress().port()), TIMEOUT);
            InetSocketAddress secondPath = new InetSocketAddress(InetAddress.getByName(second),
                    server.localAddress().port());
            try (SctpSocket accepted = server.accept(TIMEOUT)) {
                // The INIT-ACK lists the second address unconfirmed; a HEARTBEAT-ACK on it reports ADDR_CONFIRMED
                // (sctp_assoc_control_transport, net/sctp/associola.c: UNCONFIRMED + SCTP_HEARTBEAT_SUCCESS).
                awaitPathState(client, secondPath, PeerAddressChange.State.ADDR_CONFIRMED);
                try (AutoCloseable cut = Blackhole.drop(second)) {
                    // Unanswered heartbeats take a confirmed path to SCTP_TRANSPORT_DOWN: ADDR_UNREACHABLE.
                    PeerAddressChange down = awaitPathState(client, secondPath,
                            PeerAddressChange.State.ADDR_UNREACHABLE);
                    assertThat(down.associationId()).isEqualTo(client.status().associationId());
                    assertThat(client.status().state()).isEqualTo(AssociationState.ESTABLISHED);
                }
                // Heartbeats go on to the inactive path; the first answer brings it back: INACTIVE -> ACTIVE is
                // ADDR_AVAILABLE (ADDR_CONFIRMED is only for a path never confirmed before).
                awaitPathState(client, secondPath, PeerAddressChange.State.ADDR_AVAILABLE);
                assertThat(client.peerAddressInfo(secondPath).state()).isEqualTo(PathState.ACTIVE);
            }
        }
    }

    /**
     * Reads notifications until {@code path} reaches {@code state}; other states on the way (for example
     * ADDR_POTENTIALLY_FAILED where {@code net.sctp.pf_expose} is on) are passed over, other paths' events too.
     */
    private static PeerAddressChange awaitPathState(SctpSocket socket, InetSocketAddress path,
            PeerAddressChange.State state) throws IOException {
        List<SctpNotification> seen = new ArrayList<>();
        SctpNotification found = next(socket, seen, n -> n instanceof PeerAddressChange c
                && path.equals(c.address()) && c.state() == state);
        return (PeerAddressChange) found;
    }

    @Test
    void anAbortDuringPartialDeliveryReportsThePartialDeliveryAborted() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            // A small receive window, so the sender cannot get the whole message across before the abort.
            server.setOption(SctpOptions.SO_RCVBUF, 4096);
            server.subscribe(NotificationType.PARTIAL_DELIVERY_EVENT, NotificationType.ASSOC_CHANGE);
            try (SctpSocket client = SctpSocket.dial(server.localAddress(), TIMEOUT);
                    SctpSocket accepted = server.accept(TIMEOUT)) {
                assertThat(next(accepted, new ArrayList<>(), n -> n instanceof AssociationChange))
                        .isInstanceOfSatisfying(AssociationChange.class,
                                c -> assertThat(c.state()).isEqualTo(AssociationChange.State.COMM_UP));
                accepted.setOption(SctpOptions.PARTIAL_DELIVERY_POINT, 1000);
                client.send(new byte[64 * 1024], SendInfo.of(0, 9));

                // The first part arrives without MSG_EOR: the kernel has entered partial delivery.
                byte[] buf = new byte[1000];
                ReceiveInfo info = new ReceiveInfo();
                accepted.setReadTimeout(TIMEOUT);
                int n = accepted.receive(buf, 0, buf.length, info);
                assertThat(info.isNotification()).isFalse();
                assertThat(n).isPositive();
                assertThat(info.isComplete()).as("a part of a 64 KiB message").isFalse();

                client.abort();
                // sctp_cmd_assoc_failed (net/sctp/sm_sideeffect.c) calls sctp_ulpq_abort_pd, which queues
                // SCTP_PARTIAL_DELIVERY_ABORTED (net/sctp/ulpqueue.c; stream and sequence are 0 without interleaving)
                // before the COMM_LOST it queues itself.
                List<SctpNotification> seen = new ArrayList<>();
                SctpNotification aborted = next(accepted, seen, x -> x instanceof PartialDelivery);
                assertThat(aborted).isInstanceOfSatisfying(PartialDelivery.class, p -> {
                    assertThat(p.indication()).isEqualTo(PartialDelivery.Indication.ABORTED);
                    assertThat(p.associationId()).isEqualTo(info.associationId());
                    assertThat(p.stream()).isZero();
                });
                SctpNotification lost = next(accepted, seen, x -> x instanceof AssociationChange);
                assertThat(lost).isInstanceOfSatisfying(AssociationChange.class,
                        c -> assertThat(c.state()).isEqualTo(AssociationChange.State.COMM_LOST));
            }
        }
    }

    @Test
    void eachSideIsToldThePeersAdaptationLayerIndication() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
                SctpSocket client = SctpSocket.open(SctpNetwork.SCTP, server.localAddress())) {
            server.setOption(SctpOptions.ADAPTATION_LAYER, 0xa0b0c0d0);
            server.subscribe(NotificationType.ADAPTATION_INDICATION);
            client.setOption(SctpOptions.ADAPTATION_LAYER, 0x01020304);
            client.subscribe(NotificationType.ADAPTATION_INDICATION);
            client.connect(server.localAddress(), TIMEOUT);
            int associationId = client.status().associationId();
            try (SctpSocket accepted = server.accept(TIMEOUT)) {
                // The Adaptation Layer Indication parameter of INIT / INIT-ACK (RFC 5061 section 4.2.6) is reported
                // once the association is up: sctp_sf_do_5_1E_ca and sctp_sf_do_5_1D_ce, net/sctp/sm_statefuns.c.
                assertThat(next(client, new ArrayList<>(), n -> true)).isInstanceOfSatisfying(
                        AdaptationIndication.class, a -> {
                            assertThat(a.adaptationIndication()).isEqualTo(0xa0b0c0d0);
                            assertThat(a.associationId()).isEqualTo(associationId);
                        });
                assertThat(next(accepted, new ArrayList<>(), n -> true)).isInstanceOfSatisfying(
                        AdaptationIndication.class, a -> assertThat(a.adaptationIndication()).isEqualTo(0x01020304));
            }
        }
    }

    /** Receives until a notification matches {@code wanted}; everything received before it is added to seen. */
    private static SctpNotification next(SctpSocket socket, List<SctpNotification> seen,
            Predicate<SctpNotification> wanted) throws IOException {
        ReceiveInfo info = new ReceiveInfo();
        socket.setReadTimeout(TIMEOUT);
        byte[] buf = new byte[65536];
        while (true) {
            int n = socket.receive(buf, 0, buf.length, info);
            if (info.isNotification()) {
                SctpNotification notification = info.notification();
                if (wanted.test(notification)) {
                    return notification;
                }
                seen.add(notification);
            } else if (n < 0) {
                throw new AssertionError("end of stream before the notification; seen " + seen);
            }
        }
    }
}
