package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.notification.NotificationType;
import dev.sctp.notification.Shutdown;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.RequiresSctp;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** recvmmsg and sendmmsg through {@link SctpMessageBatch}: order, per-message stream and PPID, parts, notifications. */
@RequiresSctp
class MessageBatchTest {

    @Test
    void aSentBatchDeliversEveryMessageWithItsOwnStreamAndPpid() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0");
                SctpMessageBatch batch = new SctpMessageBatch(16, 256)) {
            for (int i = 0; i < 16; i++) {
                byte[] payload = new byte[10 + i];
                payload[0] = (byte) i;
                batch.add(payload, 0, payload.length, i % 10, 1000 + i);
            }
            assertThat(pair.client().send(batch)).isEqualTo(16);
            pair.accepted().setReadTimeout(AssociationPair.TIMEOUT);
            byte[] in = new byte[256];
            ReceiveInfo info = new ReceiveInfo();
            for (int i = 0; i < 16; i++) {
                assertThat(pair.accepted().receive(in, 0, in.length, info)).isEqualTo(10 + i);
                assertThat(in[0]).isEqualTo((byte) i);
                assertThat(info.streamId()).isEqualTo(i % 10);
                assertThat(info.ppid()).isEqualTo(1000 + i);
            }
        }
    }

    @Test
    void aReceivedBatchHoldsEveryQueuedMessageFromOneCallInOrder() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0");
                SctpMessageBatch batch = new SctpMessageBatch(64, 512)) {
            for (int i = 0; i < 10; i++) {
                ByteBuffer src = ByteBuffer.allocate(20 + i);
                src.putInt(0, i);
                pair.client().send(src, SendInfo.of(i % 3, 7 * i));
            }
            HotPathTest.awaitAllAcknowledged(pair.client()); // all ten wait in the accepted socket's queue
            pair.accepted().setReadTimeout(AssociationPair.TIMEOUT);
            assertThat(pair.accepted().receive(batch)).isEqualTo(10);
            for (int i = 0; i < 10; i++) {
                assertThat(batch.isNotification(i)).isFalse();
                assertThat(batch.isComplete(i)).isTrue();
                assertThat(batch.length(i)).isEqualTo(20 + i);
                assertThat(batch.message(i).remaining()).isEqualTo(20 + i);
                assertThat(batch.message(i).getInt(0)).isEqualTo(i);
                assertThat(batch.streamId(i)).isEqualTo(i % 3);
                assertThat(batch.ppid(i)).isEqualTo(7 * i);
            }
            assertThatThrownBy(() -> batch.length(10)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void aMessageLongerThanASlotArrivesInPartsMarkedIncompleteUntilTheLast() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0");
                SctpMessageBatch batch = new SctpMessageBatch(8, 1024)) {
            byte[] big = new byte[3000];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) i;
            }
            pair.client().send(big, SendInfo.of(2, 5));
            pair.client().send(new byte[] {42}, SendInfo.of(1, 6));
            HotPathTest.awaitAllAcknowledged(pair.client());
            pair.accepted().setReadTimeout(AssociationPair.TIMEOUT);
            int got = 0;
            byte[] whole = new byte[3000];
            int at = 0;
            while (got < 4) {
                int n = pair.accepted().receive(batch);
                for (int i = 0; i < n; i++, got++) {
                    if (got < 3) {
                        assertThat(batch.isComplete(i)).as("part %d", got).isEqualTo(got == 2);
                        assertThat(batch.streamId(i)).isEqualTo(2);
                        batch.message(i).get(whole, at, batch.length(i));
                        at += batch.length(i);
                    } else {
                        assertThat(batch.length(i)).isEqualTo(1);
                        assertThat(batch.ppid(i)).isEqualTo(6);
                        assertThat(batch.isComplete(i)).isTrue();
                    }
                }
            }
            assertThat(at).isEqualTo(3000);
            assertThat(whole).isEqualTo(big);
        }
    }

    @Test
    void notificationsTakeTheirOwnSlotInOrderWithTheDataAndTheEndOfStreamFollows() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0");
                SctpMessageBatch batch = new SctpMessageBatch(16, 512)) {
            pair.accepted().subscribe(NotificationType.SHUTDOWN_EVENT);
            pair.client().send(new byte[] {1}, SendInfo.DEFAULT);
            pair.client().send(new byte[] {2, 2}, SendInfo.DEFAULT);
            pair.client().shutdownOutput();
            pair.accepted().setReadTimeout(AssociationPair.TIMEOUT);
            StringBuilder seen = new StringBuilder();
            int n;
            while ((n = pair.accepted().receive(batch)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (batch.isNotification(i)) {
                        assertThat(batch.notification(i)).isInstanceOf(Shutdown.class);
                        seen.append("shutdown ");
                    } else {
                        seen.append("data").append(batch.length(i)).append(' ');
                    }
                }
            }
            assertThat(n).isEqualTo(-1);
            assertThat(seen.toString()).isEqualTo("data1 data2 shutdown ");
        }
    }

    @Test
    void badBatchSizesAndOverfullBatchesFailWithTheLimitNamed() {
        assertThatThrownBy(() -> new SctpMessageBatch(0, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..1024");
        assertThatThrownBy(() -> new SctpMessageBatch(1024, 1 << 22)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("smaller slots");
        try (SctpMessageBatch batch = new SctpMessageBatch(1, 4)) {
            assertThatThrownBy(() -> batch.add(new byte[5], 0, 5, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("larger maxMessageSize");
            batch.add(new byte[4], 0, 4, 0, 0);
            assertThatThrownBy(() -> batch.add(new byte[1], 0, 1, 0, 0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("full");
        }
    }
}
