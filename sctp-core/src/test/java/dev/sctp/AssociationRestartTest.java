package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.NotificationType;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.Blackhole;
import dev.sctp.test.CProgram;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SCTP_ASSOC_CHANGE with SCTP_RESTART from a real kernel peer: a peer process ({@code src/test/c/restart_peer.c})
 * aborts its association while its ABORT is black-holed, so this side still holds the association; a new process
 * then connects from the same address and port, and the kernel restarts the association (RFC 4960 section 5.2.4).
 */
@RequiresSctp
class AssociationRestartTest {

    private static final String SERVER_IP = "127.0.0.2";
    private static final String PEER_IP = "127.0.0.5";
    private static final Pattern CONNECTED = Pattern.compile("connected (\\d+)");

    @Test
    void aPeerThatVanishedAndConnectsAgainFromTheSamePortRestartsTheAssociation() throws Exception {
        Path program = CProgram.compile("restart_peer");
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse(SERVER_IP + ":0"))) {
            String serverPort = String.valueOf(server.localAddress().port());
            String peerPort;
            try (ExternalPeer first = ExternalPeer.start(program.toString(), PEER_IP, "0", SERVER_IP, serverPort);
                    SctpSocket accepted = server.accept(AssociationPair.TIMEOUT)) {
                Matcher m = CONNECTED.matcher(first.awaitOutput(CONNECTED.asPredicate(), AssociationPair.TIMEOUT));
                assertThat(m.find()).isTrue();
                peerPort = m.group(1);
                accepted.subscribe(NotificationType.ASSOC_CHANGE);
                // No heartbeat may reach the vanished peer, whose kernel would answer it with an ABORT.
                accepted.setPeerAddressParameters(
                        accepted.getPeerAddressParameters(null).withHeartbeatEnabled(false));

                try (AutoCloseable dropped = Blackhole.drop(SERVER_IP)) {
                    first.write("abort\n");
                    first.awaitOutput(out -> out.contains("aborted"), AssociationPair.TIMEOUT);
                }
                assertThat(accepted.status().state()).as("the ABORT was lost: this side still has the association")
                        .isEqualTo(AssociationState.ESTABLISHED);

                try (ExternalPeer second = ExternalPeer.start(program.toString(), PEER_IP, peerPort, SERVER_IP,
                        serverPort)) {
                    second.awaitOutput(out -> out.contains("connected " + peerPort), AssociationPair.TIMEOUT);
                    accepted.setReadTimeout(AssociationPair.TIMEOUT);
                    ReceiveInfo info = new ReceiveInfo();
                    assertThat(accepted.receive(ByteBuffer.allocate(256), info)).isZero();
                    assertThat(info.notification()).isInstanceOfSatisfying(AssociationChange.class,
                            change -> assertThat(change.state()).isEqualTo(AssociationChange.State.RESTART));
                    assertThat(accepted.status().state()).isEqualTo(AssociationState.ESTABLISHED);
                    second.write("abort\n");
                }
            }
        }
    }
}
