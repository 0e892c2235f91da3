package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.NotificationType;
import dev.sctp.notification.SctpNotification;
import dev.sctp.test.CProgram;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.FaultLab;
import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reliability scenario 3 (peer crash and restart), against an independent C client ({@code src/test/c/labclient.c})
 * in a {@link FaultLab} namespace whose "host" crashes: its process is killed with SIGKILL while its path is cut and
 * its namespace removed, so no SHUTDOWN or ABORT reaches this side. The survivor must find out from its heartbeats
 * within the bound its settings give; a peer that comes back on the same address and port is a RESTART.
 */
@RequiresSctp
class PeerCrashTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PORT = 5303;
    private static final int CLIENT_PORT = 5304;
    /** Scheduling slack of the emulated VM on top of the kernel's own timers. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    @Test
    void aPeerHostThatVanishesIsDetectedWithinTheHeartbeatBound() throws Exception {
        RtoInfo rto = new RtoInfo(Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofMillis(500));
        Duration heartbeat = Duration.ofMillis(500);
        int maxRetransmissions = 3;
        try (FaultLab lab = FaultLab.create(1);
                SctpServerSocket server = SctpServerSocket.open(SctpNetwork.SCTP,
                        SctpAddress.parse(lab.local(1) + ":" + PORT))) {
            // on the listener, so the association starts with them (an RTO already computed is not re-clamped)
            server.setOption(SctpOptions.RTO_INFO, rto);
            server.setOption(SctpOptions.ASSOC_INFO,
                    server.getOption(SctpOptions.ASSOC_INFO).withMaxRetransmissions(maxRetransmissions));
            server.setOption(SctpOptions.PEER_ADDR_PARAMS, server.getOption(SctpOptions.PEER_ADDR_PARAMS)
                    .withHeartbeatInterval(heartbeat).withPathMaxRetransmissions(maxRetransmissions));
            server.subscribe(NotificationType.ASSOC_CHANGE);
            server.bind(SctpAddress.parse(lab.local(1) + ":" + PORT), 8);
            detectVanishedPeer(lab, server, rto, heartbeat, maxRetransmissions);
        }
    }

    private static void detectVanishedPeer(FaultLab lab, SctpServerSocket server, RtoInfo rto, Duration heartbeat,
            int maxRetransmissions) throws Exception {
        try (ExternalPeer peer = startClient(lab); SctpSocket accepted = server.accept(TIMEOUT)) {
            assertThat(receiveText(accepted)).isEqualTo("hello");

            long crashed = System.nanoTime();
            lab.crashPeerHost();
            AssociationChange.State end = awaitEnd(accepted);
            long detected = (System.nanoTime() - crashed) / 1_000_000;
            // a heartbeat goes out every interval plus an RTO jittered by up to half of it; the first one after the
            // crash only goes out, each later one counts the one before as unanswered, and the association is given
            // up when maxRetransmissions + 1 went unanswered
            long bound = (maxRetransmissions + 2) * (heartbeat.toMillis() + rto.max().toMillis() * 3 / 2)
                    + SLACK.toMillis();
            System.out.printf("PeerCrashTest: a vanished peer detected after %d ms (bound %d ms), %s%n", detected,
                    bound, end);
            assertThat(end).isEqualTo(AssociationChange.State.COMM_LOST);
            assertThat(detected).as("crash to COMM_LOST, ms").isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void aPeerThatComesBackOnTheSameAddressAndPortIsReportedAsARestart() throws Exception {
        try (FaultLab lab = FaultLab.create(1);
                SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse(lab.local(1) + ":" + PORT))) {
            ExternalPeer first = startClient(lab);
            try (first; SctpSocket accepted = server.accept(TIMEOUT)) {
                accepted.subscribe(NotificationType.ASSOC_CHANGE);
                int id = accepted.associationId();
                assertThat(receiveText(accepted)).isEqualTo("hello");

                lab.crashPeerHost();
                lab.rebootPeerHost();
                try (ExternalPeer second = startClient(lab)) {
                    List<SctpNotification> seen = new ArrayList<>();
                    assertThat(receiveText(accepted, seen)).as("the new incarnation's first message")
                            .isEqualTo("hello");
                    assertThat(seen).as("notifications before it").anySatisfy(n -> assertThat(n)
                            .isInstanceOfSatisfying(AssociationChange.class, change -> assertThat(change.state())
                                    .isEqualTo(AssociationChange.State.RESTART)));
                    assertThat(accepted.associationId()).as("the association survives its restart").isEqualTo(id);
                    accepted.send("after restart".getBytes(StandardCharsets.UTF_8), SendInfo.DEFAULT);
                    second.awaitOutput(out -> out.contains("received 13"), TIMEOUT);
                }
            }
        }
    }

    private static ExternalPeer startClient(FaultLab lab) throws IOException, InterruptedException {
        String client = CProgram.compile("labclient").toString();
        ExternalPeer peer = ExternalPeer.start(lab.inPeer(client, lab.peer(1), String.valueOf(CLIENT_PORT),
                lab.local(1), String.valueOf(PORT)));
        peer.awaitOutput(out -> out.contains("connected"), TIMEOUT);
        return peer;
    }

    private static String receiveText(SctpSocket socket) throws IOException {
        return receiveText(socket, new ArrayList<>());
    }

    /** Returns the next message as text, adding the notifications that come before it to {@code seen}. */
    private static String receiveText(SctpSocket socket, List<SctpNotification> seen) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        ReceiveInfo info = new ReceiveInfo();
        socket.setReadTimeout(TIMEOUT);
        while (true) {
            buffer.clear();
            int n = socket.receive(buffer, info);
            assertThat(n).as("end of stream").isNotNegative();
            if (!info.isNotification()) {
                return new String(buffer.array(), 0, n, StandardCharsets.UTF_8);
            }
            seen.add(info.notification());
        }
    }

    /** Reads until the association ends and returns how: the ASSOC_CHANGE state, or COMM_LOST from the error. */
    private static AssociationChange.State awaitEnd(SctpSocket socket) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        ReceiveInfo info = new ReceiveInfo();
        socket.setReadTimeout(TIMEOUT);
        try {
            while (socket.receive(buffer, info) >= 0) {
                buffer.clear();
                if (info.notification() instanceof AssociationChange change) {
                    return change.state();
                }
            }
            throw new AssertionError("end of stream without an ASSOC_CHANGE");
        } catch (SctpAssociationAbortedException e) {
            return AssociationChange.State.COMM_LOST;
        }
    }
}
