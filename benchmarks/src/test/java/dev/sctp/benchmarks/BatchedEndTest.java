package dev.sctp.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.RequiresSctp;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The batched contender's end: echoes are queued and reach the peer in order, at the latest before the end waits
 * for input, and a message longer than a slot arrives whole and is echoed whole.
 */
@RequiresSctp
@Timeout(120)
class BatchedEndTest {

    private static final SendInfo STREAM_0 = SendInfo.of(0, 0);

    @Test
    void echoesComeBackInOrderAndWholeAndTheLastQueuedOneGoesOutBeforeTheEndWaits() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            SctpSocket client = pair.client();
            client.setReadTimeout(AssociationPair.TIMEOUT);
            pair.accepted().setReadTimeout(AssociationPair.TIMEOUT);
            // Slots of 2 KiB: the 5,000-byte message arrives in three parts and cannot be queued as one.
            BatchedEnd end = new BatchedEnd(pair.accepted(), Payloads.direct(16), 1024);
            try {
                int[] sizes = {1000, 1000, 5000, 1000};
                for (int i = 0; i < 3; i++) {
                    client.send(tagged(sizes[i], i), STREAM_0);
                }
                for (int i = 0; i < 3; i++) {
                    assertThat(end.receive()).isEqualTo(sizes[i]);
                    end.echo();
                }
                for (int i = 0; i < 3; i++) {
                    assertThat(receiveWhole(client)).isEqualTo(tagged(sizes[i], i));
                }

                client.send(tagged(sizes[3], 3), STREAM_0);
                assertThat(end.receive()).isEqualTo(1000);
                end.echo(); // queued: only the next receive, before it waits, sends it
                int[] next = new int[1];
                Thread echoer = new Thread(() -> {
                    try {
                        next[0] = end.receive();
                    } catch (Exception e) {
                        next[0] = -1;
                    }
                });
                echoer.start();
                assertThat(receiveWhole(client)).isEqualTo(tagged(sizes[3], 3));
                client.send(new byte[] {'.'}, STREAM_0); // ends the echoer's wait
                echoer.join(AssociationPair.TIMEOUT.toMillis());
                assertThat(echoer.isAlive()).isFalse();
                assertThat(next[0]).isEqualTo(1);
            } finally {
                end.close();
            }
        }
    }

    /** The benchmark's pattern bytes with {@code tag} as the first byte. */
    private static ByteBuffer tagged(int size, int tag) {
        byte[] b = Payloads.bytes(size);
        b[0] = (byte) ('0' + tag);
        return ByteBuffer.wrap(b);
    }

    private static ByteBuffer receiveWhole(SctpSocket socket) throws Exception {
        ByteBuffer in = ByteBuffer.allocate(8192);
        ReceiveInfo info = new ReceiveInfo();
        do {
            assertThat(socket.receive(in, info)).isPositive();
        } while (!info.isComplete());
        return in.flip();
    }
}
