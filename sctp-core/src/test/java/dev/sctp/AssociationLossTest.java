package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.internal.linux.Errno;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.Blackhole;
import dev.sctp.test.RequiresSctp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An association whose peer stops answering fails, and the reader is told it was lost rather than timed out. */
@RequiresSctp
class AssociationLossTest {

    /** Loopback, but not on {@code lo}: black-holing it cuts only the associations with a peer bound here. */
    private static final String PEER_HOST = "127.0.0.10";

    @Test
    void aParkedReaderIsToldTheAssociationWasLostWhenRetransmissionsRunOut() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse(PEER_HOST + ":0"));
                SctpSocket client = SctpSocket.open()) {
            // Fail fast: RTO 200..300 ms and two retransmissions, so the association is given up about a second
            // after nothing comes back.
            client.setOption(SctpOptions.RTO_INFO,
                    new RtoInfo(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(300)));
            client.setOption(SctpOptions.ASSOC_INFO, AssociationParameters.of(2, Duration.ZERO));
            client.connect(server.localAddress(), AssociationPair.TIMEOUT);
            try (SctpSocket accepted = server.accept(AssociationPair.TIMEOUT)) {
                CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
                    try {
                        byte[] buffer = new byte[64];
                        ReceiveInfo info = new ReceiveInfo();
                        while (client.receive(buffer, 0, buffer.length, info) >= 0) {
                            // notifications, if any, come first
                        }
                        return new AssertionError("end of stream instead of a failure");
                    } catch (Throwable e) {
                        return e;
                    }
                });
                Thread.sleep(200);
                assertThat(reader).isNotDone();
                try (AutoCloseable cut = Blackhole.drop(PEER_HOST)) {
                    client.send(new byte[] {1, 2, 3}, SendInfo.DEFAULT); // its retransmissions go nowhere
                    Throwable failure = reader.get(AssociationPair.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    assertThat(failure).isInstanceOf(SctpAssociationAbortedException.class)
                            .hasMessageContaining("ETIMEDOUT").hasMessageContaining("retransmissions ran out");
                    assertThat(((SctpException) failure).errno()).isEqualTo(Errno.ETIMEDOUT);
                    // and it stays failed: the kernel reports the error once, then only EAGAIN
                    assertThatThrownBy(() -> client.receive(new byte[8], 0, 8, new ReceiveInfo()))
                            .isInstanceOf(SctpAssociationAbortedException.class);
                }
            }
        }
    }
}
