package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.NotificationType;
import dev.sctp.notification.RemoteError;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.CProgram;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chunks no kernel SCTP peer would send, forged into a live association by a hostile raw-socket program
 * ({@code src/test/c/inject.c}, which takes the verification tag from a sniffed packet): the real kernel's reaction,
 * and what dev.sctp reports of it.
 */
@RequiresSctp
class ForgedChunkTest {

    private static Path inject;

    @BeforeAll
    static void compile() throws Exception {
        inject = CProgram.compile("inject");
    }

    @Test
    void anOperationErrorFromThePeerIsReportedAsRemoteErrorWithItsCauseAndTheAssociationCarriesOn() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.accepted().subscribe(NotificationType.REMOTE_ERROR);
            pair.accepted().setReadTimeout(AssociationPair.TIMEOUT);
            // cause 1, Invalid Stream Identifier (RFC 9260 section 3.3.10.1): stream 7, then 2 reserved bytes
            try (ExternalPeer injector = forge(pair, "error", "1", "\u0007\u0001\u0001\u0001")) {
                pair.client().send("before".getBytes(StandardCharsets.US_ASCII), SendInfo.DEFAULT);
                injector.awaitOutput(out -> out.contains("injected"), AssociationPair.TIMEOUT);
            }
            ReceiveInfo info = new ReceiveInfo();
            ByteBuffer buffer = ByteBuffer.allocate(256);
            assertThat(text(pair.accepted(), buffer, info)).isEqualTo("before");
            buffer.clear();
            assertThat(pair.accepted().receive(buffer, info)).isZero();
            assertThat(info.notification()).isInstanceOfSatisfying(RemoteError.class, error -> {
                assertThat(error.errorCause()).isEqualTo(1);
                // Linux strips the cause header and delivers the cause-specific information
                assertThat(error.data()).containsExactly(7, 1, 1, 1);
            });

            pair.client().send("after".getBytes(StandardCharsets.US_ASCII), SendInfo.DEFAULT);
            buffer.clear();
            assertThat(text(pair.accepted(), buffer, info)).isEqualTo("after");
            assertThat(pair.accepted().status().state()).isEqualTo(AssociationState.ESTABLISHED);
        }
    }

    @Test
    void aForgedAbortWithAnArbitraryCauseEndsTheAssociationWithThatCauseAndTheListenerKeepsServing()
            throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.accepted().subscribe(NotificationType.ASSOC_CHANGE);
            pair.accepted().setReadTimeout(AssociationPair.TIMEOUT);
            try (ExternalPeer injector = forge(pair, "abort", "0xBEEF", "hostile")) {
                pair.client().send("x".getBytes(StandardCharsets.US_ASCII), SendInfo.DEFAULT);
                injector.awaitOutput(out -> out.contains("injected"), AssociationPair.TIMEOUT);
            }
            ReceiveInfo info = new ReceiveInfo();
            ByteBuffer buffer = ByteBuffer.allocate(256);
            assertThat(text(pair.accepted(), buffer, info)).isEqualTo("x");
            buffer.clear();
            assertThat(pair.accepted().receive(buffer, info)).isZero();
            assertThat(info.notification()).isInstanceOfSatisfying(AssociationChange.class, change -> {
                assertThat(change.state()).isEqualTo(AssociationChange.State.COMM_LOST);
                assertThat(change.error()).isEqualTo(0xBEEF);
                // the ABORT's error causes: code 0xBEEF, length 4 + 7, then "hostile"
                assertThat(change.info()).startsWith((byte) 0xBE, (byte) 0xEF, (byte) 0, (byte) 11);
            });

            // the listener is not affected: a new association comes up and carries data
            try (SctpSocket next = SctpSocket.dial(pair.server().localAddress(), AssociationPair.TIMEOUT);
                    SctpSocket accepted = pair.server().accept(AssociationPair.TIMEOUT)) {
                next.send("next".getBytes(StandardCharsets.US_ASCII), SendInfo.DEFAULT);
                accepted.setReadTimeout(AssociationPair.TIMEOUT);
                buffer.clear();
                assertThat(text(accepted, buffer, info)).isEqualTo("next");
            }
        }
    }

    /** Starts the injector against the accepted side of {@code pair}, forging packets from the client's port. */
    private static ExternalPeer forge(AssociationPair pair, String chunk, String cause, String causeInfo)
            throws Exception {
        ExternalPeer injector = ExternalPeer.start(inject.toString(),
                String.valueOf(pair.accepted().localAddress().port()),
                String.valueOf(pair.client().localAddress().port()), chunk, cause, causeInfo);
        injector.awaitOutput(out -> out.contains("sniffing"), AssociationPair.TIMEOUT);
        return injector;
    }

    private static String text(SctpSocket socket, ByteBuffer buffer, ReceiveInfo info) throws Exception {
        int n = socket.receive(buffer, info);
        assertThat(info.notification()).as("a message, not a notification").isNull();
        return new String(buffer.array(), 0, n, StandardCharsets.US_ASCII);
    }
}
