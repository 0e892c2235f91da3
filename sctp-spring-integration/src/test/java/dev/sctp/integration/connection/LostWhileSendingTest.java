package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.SctpAddress;
import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.event.SctpAssociationLostEvent;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An association whose loss a send noticed before the reader still ends. The kernel reports a one-to-one socket's
 * loss once, in its socket error (ECONNRESET after an ABORT, ETIMEDOUT after retransmissions ran out), and a sendmsg
 * after the loss takes that error (sctp_error in net/sctp/socket.c): the reader then finds COMM_LOST and after it
 * only EAGAIN. Seen in StarterPeerCrashTests: SctpAssociationLostEvent published (from COMM_LOST), but the client
 * stayed "connected" and its health UP, because the association's sender thread had taken the error.
 */
@RequiresSctp
class LostWhileSendingTest {

    /**
     * A peer in another process: it accepts one association, sends "hold", and aborts the association when it reads
     * a message.
     */
    private static final String ABORTING_PEER = String.join("\n",
            "import socket, struct",
            "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 132)",
            "s.bind(('127.0.0.1', 0))",
            "s.listen(1)",
            "print('port %d' % s.getsockname()[1], flush=True)",
            "c, _ = s.accept()",
            "c.send(b'hold')",
            "c.recv(1000)",
            "c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))",
            "c.close()",
            "print('aborted', flush=True)");

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void anAssociationEndsAsLostWhenASendTookTheLossBeforeTheReader() throws Exception {
        try (ExternalPeer peer = ExternalPeer.start("python3", "-c", ABORTING_PEER)) {
            String output = peer.awaitOutput(out -> out.contains("port "), Harness.TIMEOUT.multipliedBy(3));
            Matcher port = Pattern.compile("port (\\d+)").matcher(output);
            assertThat(port.find()).as("peer output: %s", output).isTrue();
            CountDownLatch readerHeld = new CountDownLatch(1);
            CountDownLatch releaseReader = new CountDownLatch(1);
            SctpClientAssociationFactory client = harness.client(f -> f.setReconnect(false),
                    SctpAddress.parse("127.0.0.1:" + port.group(1)));
            // holds the reader (it reports each message on its own thread) while the peer aborts and a send runs
            client.addObserver(new SctpAssociationObserver() {
                @Override
                public void messageReceived(SctpAssociation association, int streamId, int bytes) {
                    readerHeld.countDown();
                    try {
                        releaseReader.await(Harness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            Harness.started(client);
            SctpTestUtils.waitConnected(client, Harness.TIMEOUT);
            SctpAssociation association = client.getAssociation();
            assertThat(readerHeld.await(Harness.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the peer's message")
                    .isTrue();

            association.send("abort now".getBytes(StandardCharsets.UTF_8), SendInfo.stream(0));
            peer.awaitOutput(out -> out.contains("aborted"), Harness.TIMEOUT);
            // the kernel freed the association (SCTP_STATUS fails): its loss is in the socket error, unread
            await().atMost(Harness.TIMEOUT).until(() -> {
                try {
                    association.status();
                    return false;
                } catch (IOException e) {
                    return true;
                }
            });
            Exception sendFailure = null;
            try {
                association.send(new byte[16], SendInfo.stream(0));
            } catch (SctpAssociationException e) {
                sendFailure = e;
            }
            assertThat(sendFailure).as("the send after the loss").isNotNull();
            assertThat(sendFailure.getMessage()).as("the send took the loss").contains("ECONNRESET");
            releaseReader.countDown();

            // before the fix the reader waited for ever for the error the send had taken
            CloseReason reason = association.closeFuture().get(Harness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(reason).isEqualTo(CloseReason.LOST);
            assertThat(client.isConnected()).as("the client after the loss").isFalse();
            await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(
                    harness.events(SctpAssociationLostEvent.class)).as("lost events").hasSize(1));
        } finally {
            harness.close();
        }
    }
}
