package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.NotificationBytes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.notification.SctpNotification;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad notification bytes: a header shorter than eight bytes, an sn_length beyond what was received or below the
 * type's fixed size, an unknown type, and a range outside the buffer all fail with a message that names the type
 * and the sizes, and nothing is read outside the range given.
 */
class NotificationDecoderBoundsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 7})
    void headerShorterThanEightBytesIsRejected(int length) {
        byte[] bytes = shutdownEvent(3);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        assertThatThrownBy(() -> NotificationDecoder.decode(buf, 0, length))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("received " + length + " bytes")
                .hasMessageContaining(String.valueOf(SN_HEADER_SIZE));
    }

    @Test
    void snLengthBeyondTheBytesReceivedIsRejected() {
        byte[] bytes = FIXTURES.get("assoc_change_comm_lost_abort"); // sn_length 28
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        assertThatThrownBy(() -> NotificationDecoder.decode(buf, 0, 20))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SCTP_ASSOC_CHANGE")
                .hasMessageContaining("sn_length 28")
                .hasMessageContaining("20 bytes received")
                .hasMessageContaining("fixed size 20");
    }

    @Test
    void hugeSnLengthIsTreatedAsUnsigned() {
        byte[] bytes = new Layout(SCTP_SENDER_DRY_EVENT, 0, 12).u32(4, 0xffffffffL).array();

        assertThatThrownBy(() -> decode(bytes))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sn_length 4294967295");
    }

    static Stream<Arguments> fixedSizes() {
        return Stream.of(
                Arguments.of(SCTP_ASSOC_CHANGE, "SCTP_ASSOC_CHANGE", 20),
                Arguments.of(SCTP_PEER_ADDR_CHANGE, "SCTP_PEER_ADDR_CHANGE", 148),
                Arguments.of(SCTP_SEND_FAILED, "SCTP_SEND_FAILED", 48),
                Arguments.of(SCTP_REMOTE_ERROR, "SCTP_REMOTE_ERROR", 16),
                Arguments.of(SCTP_SHUTDOWN_EVENT, "SCTP_SHUTDOWN_EVENT", 12),
                Arguments.of(SCTP_PARTIAL_DELIVERY_EVENT, "SCTP_PARTIAL_DELIVERY_EVENT", 24),
                Arguments.of(SCTP_ADAPTATION_INDICATION, "SCTP_ADAPTATION_INDICATION", 16),
                Arguments.of(SCTP_AUTHENTICATION_EVENT, "SCTP_AUTHENTICATION_EVENT", 20),
                Arguments.of(SCTP_SENDER_DRY_EVENT, "SCTP_SENDER_DRY_EVENT", 12),
                Arguments.of(SCTP_STREAM_RESET_EVENT, "SCTP_STREAM_RESET_EVENT", 12),
                Arguments.of(SCTP_ASSOC_RESET_EVENT, "SCTP_ASSOC_RESET_EVENT", 20),
                Arguments.of(SCTP_STREAM_CHANGE_EVENT, "SCTP_STREAM_CHANGE_EVENT", 16),
                Arguments.of(SCTP_SEND_FAILED_EVENT, "SCTP_SEND_FAILED_EVENT", 32));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("fixedSizes")
    void snLengthBelowTheFixedSizeIsRejected(int type, String name, int fixedSize) {
        for (int snLength : new int[] {0, SN_HEADER_SIZE, fixedSize - 1}) {
            // A buffer of exactly sn_length bytes: any read of the fixed part past it would throw on its own.
            int received = Math.max(snLength, SN_HEADER_SIZE);
            byte[] bytes = new Layout(type, 0, received).u32(4, snLength).array();
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

            assertThatThrownBy(() -> NotificationDecoder.decode(buf, 0, received))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(name)
                    .hasMessageContaining("sn_length " + snLength)
                    .hasMessageContaining(fixedSize + " bytes");
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("fixedSizes")
    void exactlyTheFixedSizeDecodes(int type, String name, int fixedSize) {
        Layout layout = new Layout(type, 0, fixedSize);
        if (type == SCTP_PEER_ADDR_CHANGE) {
            layout.u16(8, AF_INET);
        }
        byte[] bytes = layout.array();

        SctpNotification decoded = decodeAt(bytes, 5, (byte) 0xa5, true);

        assertThat(decoded.type().code()).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(ints = {SCTP_DATA_IO_EVENT, 0x800e, 0x0001, 0xffff})
    void unknownTypeIsRejectedNamingTheCode(int type) {
        byte[] bytes = new Layout(type, 0, 16).array();

        assertThatThrownBy(() -> decode(bytes))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0x" + Integer.toHexString(type));
    }

    @Test
    void rangeOutsideTheBufferIsRejected() {
        ByteBuffer buf = ByteBuffer.wrap(shutdownEvent(3)).order(ByteOrder.LITTLE_ENDIAN);

        assertThatThrownBy(() -> NotificationDecoder.decode(buf, 4, 12)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> NotificationDecoder.decode(buf, -1, 12)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> NotificationDecoder.decode(buf, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void decodingLeavesPositionAndLimitAlone() {
        byte[] bytes = FIXTURES.get("send_failed_event");
        ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length + 10).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(10, bytes).position(3).limit(bytes.length + 10);

        NotificationDecoder.decode(buf, 10, bytes.length);

        assertThat(buf.position()).isEqualTo(3);
        assertThat(buf.limit()).isEqualTo(bytes.length + 10);
    }
}
