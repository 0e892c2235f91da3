package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.NotificationBytes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.LegacySendFailed.SendReceiveInfo;
import dev.sctp.notification.LegacySendFailed;
import dev.sctp.notification.NotificationType;
import dev.sctp.notification.RemoteError;
import dev.sctp.notification.SendFailed.SendFailedInfo;
import dev.sctp.notification.SendFailed;
import dev.sctp.notification.StreamReset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The notification records as decoded values: their arrays are defensive copies that never share the receive
 * buffer, equality compares array contents, toString stays short, and type codes round-trip.
 */
class NotificationRecordsTest {

    @Test
    void byteArrayComponentsAreDefensiveCopies() {
        byte[] info = {1, 2, 3};
        AssociationChange change = new AssociationChange(0, AssociationChange.State.COMM_UP, 0, 1, 1, 3, info);
        info[0] = 9;
        assertThat(change.info()).containsExactly(1, 2, 3);
        change.info()[1] = 9;
        assertThat(change.info()).containsExactly(1, 2, 3);

        byte[] data = {4, 5};
        RemoteError error = new RemoteError(0, 1, 3, data);
        data[0] = 0;
        error.data()[1] = 0;
        assertThat(error.data()).containsExactly(4, 5);

        byte[] payload = HELLO.clone();
        SendFailed failed = new SendFailed(0, 0, new SendFailedInfo(0, 0, 0, 0, 0), 3, payload);
        payload[0] = 'j';
        failed.payload()[1] = 'a';
        assertThat(failed.payload()).isEqualTo(HELLO);

        byte[] legacyPayload = HELLO.clone();
        LegacySendFailed legacy = new LegacySendFailed(0, 0, new SendReceiveInfo(0, 0, 0, 0, 0, 0, 0, 0, 0), 3,
                legacyPayload);
        legacyPayload[0] = 'j';
        legacy.payload()[1] = 'a';
        assertThat(legacy.payload()).isEqualTo(HELLO);

        int[] streams = {1, 2};
        StreamReset reset = new StreamReset(0, 3, streams);
        streams[0] = 7;
        reset.streams()[1] = 7;
        assertThat(reset.streams()).containsExactly(1, 2);
    }

    @Test
    void decodedRecordsDoNotShareTheReceiveBuffer() {
        byte[] bytes = FIXTURES.get("send_failed_event").clone();
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        SendFailed failed = (SendFailed) NotificationDecoder.decode(buf, 0, bytes.length);

        Arrays.fill(bytes, (byte) 0);

        assertThat(failed.payload()).isEqualTo(HELLO);
    }

    @Test
    void equalsAndHashCodeCompareArrayContents() {
        AssociationChange a = new AssociationChange(0, AssociationChange.State.COMM_LOST, 12, 0, 0, 3, new byte[] {1});
        AssociationChange b = new AssociationChange(0, AssociationChange.State.COMM_LOST, 12, 0, 0, 3, new byte[] {1});
        AssociationChange c = new AssociationChange(0, AssociationChange.State.COMM_LOST, 12, 0, 0, 3, new byte[] {2});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);

        SendFailedInfo info = new SendFailedInfo(1, 0, 46, 0, 3);
        assertThat(new SendFailed(0, 0, info, 3, HELLO)).isEqualTo(new SendFailed(0, 0, info, 3, HELLO.clone()))
                .hasSameHashCodeAs(new SendFailed(0, 0, info, 3, HELLO.clone()))
                .isNotEqualTo(new SendFailed(1, 0, info, 3, HELLO));
        assertThat(new RemoteError(0, 1, 3, new byte[] {1, 2})).isEqualTo(new RemoteError(0, 1, 3, new byte[] {1, 2}))
                .isNotEqualTo(new RemoteError(0, 1, 3, new byte[] {1, 3}));
        assertThat(new StreamReset(0, 3, new int[] {1})).isEqualTo(new StreamReset(0, 3, new int[] {1}))
                .hasSameHashCodeAs(new StreamReset(0, 3, new int[] {1}))
                .isNotEqualTo(new StreamReset(0, 3, new int[] {2}));
        LegacySendFailed legacy = (LegacySendFailed) decode(FIXTURES.get("send_failed"));
        assertThat(legacy).isEqualTo(decode(FIXTURES.get("send_failed")))
                .hasSameHashCodeAs(decode(FIXTURES.get("send_failed")));
    }

    @Test
    void toStringPrintsShortArraysAsHex() {
        assertThat(decode(FIXTURES.get("send_failed_event")).toString())
                .startsWith("SendFailed[")
                .contains("ppid=46")
                .contains("5 bytes: 68656c6c6f");
        assertThat(decode(FIXTURES.get("assoc_change_comm_lost_abort")).toString())
                .contains("state=COMM_LOST")
                .contains("000c000862796521");
        assertThat(new StreamReset(0, 3, new int[] {1, 2}).toString()).contains("[1, 2]");

        byte[] big = new byte[100];
        Arrays.fill(big, (byte) 0xab);
        String text = new RemoteError(0, 1, 3, big).toString();
        assertThat(text).contains("100 bytes").contains("...").doesNotContain("ab".repeat(33));
        assertThat(new RemoteError(0, 1, 3, new byte[0]).toString()).contains("data=[0 bytes]");
    }

    @Test
    void notificationTypeCodes() {
        assertThat(NotificationType.values()).hasSize(14);
        for (NotificationType type : NotificationType.values()) {
            assertThat(NotificationType.ofCode(type.code())).isSameAs(type);
        }
        assertThat(NotificationType.DATA_IO.code()).isEqualTo(SCTP_DATA_IO_EVENT);
        assertThat(NotificationType.DATA_IO.isSubscriptionOnly()).isTrue();
        assertThat(NotificationType.SEND_FAILED_EVENT.code()).isEqualTo(SCTP_SEND_FAILED_EVENT);
        assertThat(NotificationType.SEND_FAILED_EVENT.isSubscriptionOnly()).isFalse();
        assertThatThrownBy(() -> NotificationType.ofCode(0x800e)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x800e");
        assertThatThrownBy(() -> NotificationType.ofCode(0x7fff)).isInstanceOf(IllegalArgumentException.class);
    }
}
