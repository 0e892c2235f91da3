package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.NotificationBytes.*;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.notification.AdaptationIndication;
import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.AssociationReset;
import dev.sctp.notification.Authentication;
import dev.sctp.notification.LegacySendFailed.SendReceiveInfo;
import dev.sctp.notification.LegacySendFailed;
import dev.sctp.notification.NotificationType;
import dev.sctp.notification.PartialDelivery;
import dev.sctp.notification.PeerAddressChange;
import dev.sctp.notification.RemoteError;
import dev.sctp.notification.SctpNotification;
import dev.sctp.notification.SendFailed.SendFailedInfo;
import dev.sctp.notification.SendFailed;
import dev.sctp.notification.SenderDry;
import dev.sctp.notification.Shutdown;
import dev.sctp.notification.StreamChange;
import dev.sctp.notification.StreamReset;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes notifications laid out as the x86_64 kernel emits them.
 *
 * <p>Each notification is built here at the offsets of {@code /usr/include/linux/sctp.h}, and the same bytes are
 * also in {@code notifications/x86_64-linux.hex}, produced by gcc from that header with {@code gen-fixtures.c};
 * {@link #builtBytesMatchGccFixture} checks that both agree, so a wrong offset on either side shows up.
 */
class NotificationDecoderTest {

    /** The notifications of the gcc fixture file, built here, with the record each must decode to. */
    static Stream<Arguments> samples() throws Exception {
        return Stream.of(
                Arguments.of("assoc_change_comm_up", assocChange(0, 0, 10, 10, 3, new byte[0]),
                        new AssociationChange(0, AssociationChange.State.COMM_UP, 0, 10, 10, 3, new byte[0])),
                Arguments.of("assoc_change_comm_lost_abort", assocChange(1, 12, 0, 0, 3, USER_ABORT_CAUSE),
                        new AssociationChange(0, AssociationChange.State.COMM_LOST, 12, 0, 0, 3, USER_ABORT_CAUSE)),
                Arguments.of("paddr_change_ipv4", paddrChange(paddrIpv4("127.0.0.2", 5000), 5, 0, 3),
                        new PeerAddressChange(0, new InetSocketAddress(Inet4Address.getByName("127.0.0.2"), 5000),
                                PeerAddressChange.State.ADDR_CONFIRMED, 0, 3)),
                Arguments.of("paddr_change_ipv6", paddrChange(paddrIpv6(LOOPBACK_V6, 5000), 4, 0, 3),
                        new PeerAddressChange(0, new InetSocketAddress(Inet6Address.getByName("::1"), 5000),
                                PeerAddressChange.State.ADDR_MADE_PRIM, 0, 3)),
                Arguments.of("paddr_change_v4mapped", paddrChange(paddrIpv6(V4_MAPPED_127_0_0_2, 5000), 1, 110, 3),
                        new PeerAddressChange(0, new InetSocketAddress(Inet4Address.getByName("127.0.0.2"), 5000),
                                PeerAddressChange.State.ADDR_UNREACHABLE, 110, 3)),
                Arguments.of("remote_error", remoteError(1, 3, new byte[] {0, 5, 0, 0}),
                        new RemoteError(0, 1, 3, new byte[] {0, 5, 0, 0})),
                Arguments.of("send_failed_event",
                        sendFailedEvent(SCTP_DATA_UNSENT, 0, 1, 0x03, 46, 7, 0, 3, HELLO),
                        new SendFailed(SCTP_DATA_UNSENT, 0, new SendFailedInfo(1, 0x03, 46, 7, 0), 3, HELLO)),
                Arguments.of("send_failed",
                        legacySendFailed(SCTP_DATA_SENT, 0, 2, 9, 0x03, 46, 7, 1000, 0xfffffff0L, 0x12345678L, 3, 3,
                                HELLO),
                        new LegacySendFailed(SCTP_DATA_SENT, 0,
                                new SendReceiveInfo(2, 9, 0x03, 46, 7, 1000, 0xfffffff0L, 0x12345678L, 3), 3, HELLO)),
                Arguments.of("shutdown_event", shutdownEvent(3), new Shutdown(0, 3)),
                Arguments.of("adaptation_event", adaptationEvent(0x01020304, 3),
                        new AdaptationIndication(0, 0x01020304, 3)),
                Arguments.of("pdapi_event", pdapiEvent(0, 3, 4, 0xfffffffeL),
                        new PartialDelivery(0, PartialDelivery.Indication.ABORTED, 3, 4, 0xfffffffe)),
                Arguments.of("authkey_event", authkeyEvent(1, 0, 2, 3),
                        new Authentication(0, 1, 0, Authentication.Indication.NO_AUTH, 3)),
                Arguments.of("sender_dry_event", senderDryEvent(3), new SenderDry(0, 3)),
                Arguments.of("stream_reset_event",
                        streamResetEvent(StreamReset.OUTGOING_SSN | StreamReset.DENIED, 3, 1, 2, 65535),
                        new StreamReset(StreamReset.OUTGOING_SSN | StreamReset.DENIED, 3, new int[] {1, 2, 65535})),
                Arguments.of("assoc_reset_event", assocResetEvent(0, 3, 0xfffffff0L, 1),
                        new AssociationReset(0, 3, 0xfffffff0L, 1)),
                Arguments.of("stream_change_event", streamChangeEvent(StreamChange.DENIED, 3, 12, 14),
                        new StreamChange(StreamChange.DENIED, 3, 12, 14)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Layout and every type
    // ---------------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void builtBytesMatchGccFixture(String name, byte[] built, SctpNotification expected) {
        assertThat(FIXTURES).containsKey(name);
        assertThat(hex(built)).as(name).isEqualTo(hex(FIXTURES.get(name)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesEveryType(String name, byte[] built, SctpNotification expected) {
        SctpNotification decoded = decode(built);

        assertThat(decoded).isEqualTo(expected);
        assertThat(decoded.type().code()).isEqualTo(u16le(built, 0));
        assertThat(decoded.type()).isEqualTo(NotificationType.ofCode(u16le(built, 0)));
        assertThat(decoded.associationId()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesFixtureInsideLargerBufferWithGuardBytes(String name, byte[] built, SctpNotification expected) {
        byte[] bytes = FIXTURES.get(name);
        for (int offset : new int[] {0, 1, 3, 37}) {
            for (byte guard : new byte[] {0, (byte) 0xff, 0x5a}) {
                assertThat(decodeAt(bytes, offset, guard, false)).as("%s at %d", name, offset).isEqualTo(expected);
                assertThat(decodeAt(bytes, offset, guard, true)).as("%s direct at %d", name, offset)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void allThirteenNotificationTypesAreCovered() throws Exception {
        assertThat(samples().map(a -> ((SctpNotification) a.get()[2]).type()).distinct())
                .containsExactlyInAnyOrder(Arrays.stream(NotificationType.values())
                        .filter(t -> !t.isSubscriptionOnly()).toArray(NotificationType[]::new));
    }

    // ---------------------------------------------------------------------------------------------------------
    // ASSOC_CHANGE
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void commUpAsLinuxSendsItHasNoInfo() {
        // Linux 6.1 (net/sctp/ulpevent.c) sends a bare 20-byte sctp_assoc_change for COMM_UP.
        byte[] bytes = HexFormat.of().parseHex("0180000014000000000000000a000a0003000000");

        AssociationChange up = (AssociationChange) decode(bytes);

        assertThat(up.state()).isEqualTo(AssociationChange.State.COMM_UP);
        assertThat(up.stateCode()).isZero();
        assertThat(up.outboundStreams()).isEqualTo(10);
        assertThat(up.inboundStreams()).isEqualTo(10);
        assertThat(up.associationId()).isEqualTo(3);
        assertThat(up.info()).isEmpty();
    }

    @Test
    void commUpWithRfc6458SupportedFeatureBytes() {
        byte[] features = {
            SCTP_ASSOC_SUPPORTS_PR, SCTP_ASSOC_SUPPORTS_AUTH, SCTP_ASSOC_SUPPORTS_ASCONF, SCTP_ASSOC_SUPPORTS_MULTIBUF,
        };

        AssociationChange up = (AssociationChange) decode(assocChange(0, 0, 5, 7, 42, features));

        assertThat(up).isEqualTo(new AssociationChange(0, AssociationChange.State.COMM_UP, 0, 5, 7, 42, features));
        assertThat(up.info()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void commLostCarriesTheAbortCauses() {
        AssociationChange lost = (AssociationChange) decode(FIXTURES.get("assoc_change_comm_lost_abort"));

        assertThat(lost.state()).isEqualTo(AssociationChange.State.COMM_LOST);
        assertThat(lost.error()).isEqualTo(12);
        byte[] info = lost.info();
        assertThat(info).hasSize(8);
        assertThat(((info[0] & 0xff) << 8) | (info[1] & 0xff)).as("cause code").isEqualTo(12);
        assertThat(((info[2] & 0xff) << 8) | (info[3] & 0xff)).as("cause length").isEqualTo(8);
        assertThat(new String(info, 4, 4, US_ASCII)).isEqualTo("bye!");
    }

    @Test
    void assocChangeStatesAndUnknownState() {
        for (AssociationChange.State state : AssociationChange.State.values()) {
            if (state == AssociationChange.State.UNKNOWN) {
                continue;
            }
            AssociationChange decoded = (AssociationChange) decode(assocChange(state.code(), 0, 1, 1, 3, new byte[0]));
            assertThat(decoded.state()).isEqualTo(state);
        }
        AssociationChange future = (AssociationChange) decode(assocChange(9, 0, 1, 1, 3, new byte[0]));
        assertThat(future.state()).isEqualTo(AssociationChange.State.UNKNOWN);
        assertThat(future.stateCode()).isEqualTo(9);
        assertThat(AssociationChange.State.of(5)).isEqualTo(AssociationChange.State.UNKNOWN);
        assertThat(AssociationChange.State.CANT_STR_ASSOC.code()).isEqualTo(4);
    }

    @Test
    void unsignedSixteenBitFieldsStayPositive() {
        AssociationChange change = (AssociationChange) decode(assocChange(0, 0xffff, 65535, 65534, -7, new byte[0]));

        assertThat(change.error()).isEqualTo(65535);
        assertThat(change.outboundStreams()).isEqualTo(65535);
        assertThat(change.inboundStreams()).isEqualTo(65534);
        assertThat(change.associationId()).isEqualTo(-7);
    }

    @Test
    void recordRejectsStateThatDoesNotMatchItsCode() {
        assertThatThrownBy(() -> new AssociationChange(0, AssociationChange.State.COMM_UP, 1, 0, 0, 0, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PeerAddressChange(0, null, PeerAddressChange.State.UNKNOWN, 3, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartialDelivery(0, PartialDelivery.Indication.ABORTED, 1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Authentication(0, 0, 0, Authentication.Indication.NEW_KEY, 2, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------------------------------------------------
    // PEER_ADDR_CHANGE
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void peerAddrChangeIpv4() {
        PeerAddressChange change = (PeerAddressChange) decode(FIXTURES.get("paddr_change_ipv4"));

        assertThat(change.address()).isEqualTo(new InetSocketAddress("127.0.0.2", 5000));
        assertThat(change.address().getAddress()).isInstanceOf(Inet4Address.class);
        assertThat(change.state()).isEqualTo(PeerAddressChange.State.ADDR_CONFIRMED);
        assertThat(change.associationId()).isEqualTo(3);
    }

    @Test
    void peerAddrChangeIpv6() {
        PeerAddressChange change = (PeerAddressChange) decode(FIXTURES.get("paddr_change_ipv6"));

        assertThat(change.address().getAddress()).isInstanceOf(Inet6Address.class);
        assertThat(change.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(change.address().getPort()).isEqualTo(5000);
        assertThat(change.state()).isEqualTo(PeerAddressChange.State.ADDR_MADE_PRIM);
    }

    @Test
    void peerAddrChangeV4MappedComesBackAsIpv4() {
        PeerAddressChange change = (PeerAddressChange) decode(FIXTURES.get("paddr_change_v4mapped"));

        assertThat(change.address()).isEqualTo(new InetSocketAddress("127.0.0.2", 5000));
        assertThat(change.address().getAddress()).isInstanceOf(Inet4Address.class);
        assertThat(change.state()).isEqualTo(PeerAddressChange.State.ADDR_UNREACHABLE);
        assertThat(change.error()).isEqualTo(110);
    }

    @Test
    void peerAddrChangeReadsThePackedTrailingFields() {
        // Distinct values at 136/140/144: an aligned (unpacked) reading would be off by the padding.
        PeerAddressChange change = (PeerAddressChange) decode(
                paddrChange(paddrIpv4("10.1.2.3", 65535), 6, -22, 0x7fff0001));

        assertThat(change.address()).isEqualTo(new InetSocketAddress("10.1.2.3", 65535));
        assertThat(change.state()).isEqualTo(PeerAddressChange.State.ADDR_POTENTIALLY_FAILED);
        assertThat(change.stateCode()).isEqualTo(6);
        assertThat(change.error()).isEqualTo(-22);
        assertThat(change.associationId()).isEqualTo(0x7fff0001);
    }

    @Test
    void peerAddrChangeUnknownStateAndUnspecifiedAddress() {
        Layout unspec = new Layout(SCTP_PEER_ADDR_CHANGE, 0, 148).u16(8, AF_UNSPEC);
        PeerAddressChange change = (PeerAddressChange) decode(paddrChange(unspec, 42, 0, 3));

        assertThat(change.address()).isNull();
        assertThat(change.state()).isEqualTo(PeerAddressChange.State.UNKNOWN);
        assertThat(change.stateCode()).isEqualTo(42);
    }

    @Test
    void peerAddrChangeWithUnknownFamilyIsRejected() {
        Layout unix = new Layout(SCTP_PEER_ADDR_CHANGE, 0, 148).u16(8, AF_UNIX);

        assertThatThrownBy(() -> decode(paddrChange(unix, 0, 0, 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SCTP_PEER_ADDR_CHANGE")
                .hasMessageContaining("family");
    }

    // ---------------------------------------------------------------------------------------------------------
    // REMOTE_ERROR, SEND_FAILED_EVENT, SEND_FAILED
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void remoteErrorCauseIsConvertedFromNetworkOrder() {
        RemoteError error = (RemoteError) decode(remoteError(0x0102, 3, new byte[] {9, 8, 7, 6}));

        assertThat(error.errorCause()).isEqualTo(0x0102);
        assertThat(error.data()).containsExactly(9, 8, 7, 6);
        assertThat(((RemoteError) decode(remoteError(0xfffe, 3, new byte[0]))).errorCause()).isEqualTo(0xfffe);
    }

    @Test
    void sendFailedEventCarriesPayloadAndHostOrderPpid() {
        byte[] bytes = FIXTURES.get("send_failed_event");
        assertThat(Arrays.copyOfRange(bytes, 16, 20)).as("ppid on the wire").containsExactly(0, 0, 0, 46);

        SendFailed failed = (SendFailed) decode(bytes);

        assertThat(failed.payload()).isEqualTo(HELLO);
        assertThat(new String(failed.payload(), UTF_8)).isEqualTo("hello");
        assertThat(failed.info().ppid()).isEqualTo(46);
        assertThat(failed.info().streamId()).isEqualTo(1);
        assertThat(failed.info().sendFlags()).isEqualTo(0x03);
        assertThat(failed.info().context()).isEqualTo(7);
        assertThat(failed.wasUnsent()).isTrue();
        assertThat(failed.wasSent()).isFalse();
        assertThat(failed.type()).isEqualTo(NotificationType.SEND_FAILED_EVENT);
    }

    @Test
    void sendFailedEventSentFlagAndLargePpid() {
        SendFailed failed = (SendFailed) decode(
                sendFailedEvent(SCTP_DATA_SENT, 0x0c, 65535, 0, 0xfedcba98, -1, 3, 3, new byte[0]));

        assertThat(failed.wasSent()).isTrue();
        assertThat(failed.wasUnsent()).isFalse();
        assertThat(failed.error()).isEqualTo(0x0c);
        assertThat(failed.info().ppid()).isEqualTo(0xfedcba98);
        assertThat(failed.info().streamId()).isEqualTo(65535);
        assertThat(failed.info().associationId()).isEqualTo(3);
        assertThat(failed.payload()).isEmpty();
    }

    @Test
    void legacySendFailedDecodesTheSndrcvinfo() {
        LegacySendFailed failed = (LegacySendFailed) decode(FIXTURES.get("send_failed"));

        assertThat(failed.wasSent()).isTrue();
        assertThat(failed.info().ppid()).isEqualTo(46);
        assertThat(failed.info().streamSequence()).isEqualTo(9);
        assertThat(failed.info().timeToLive()).isEqualTo(1000);
        assertThat(failed.info().tsn()).isEqualTo(0xfffffff0L);
        assertThat(failed.info().cumulativeTsn()).isEqualTo(0x12345678L);
        assertThat(failed.payload()).isEqualTo(HELLO);
        assertThat(failed.type()).isEqualTo(NotificationType.SEND_FAILED);
    }

    @Test
    void bytesPastSnLengthAreIgnored() {
        byte[] exact = FIXTURES.get("send_failed_event");
        byte[] padded = Arrays.copyOf(exact, exact.length + 11);
        Arrays.fill(padded, exact.length, padded.length, (byte) 0x77);

        SendFailed failed = (SendFailed) decode(padded);

        assertThat(failed.payload()).isEqualTo(HELLO);
    }

    @Test
    void networkOrderFieldsAreHonouredWhateverTheBufferOrder() {
        // The same notifications as a big-endian host would lay them out: only host-order fields change.
        byte[] error = new Layout(SCTP_REMOTE_ERROR, 0, 16, ByteOrder.BIG_ENDIAN).be16(8, 1).s32(12, 3).array();
        byte[] failed = new Layout(SCTP_SEND_FAILED_EVENT, 0, 32, ByteOrder.BIG_ENDIAN)
                .u16(12, 1).be32(12 + 4, 46).s32(28, 3).array();

        ByteBuffer errorBuf = ByteBuffer.wrap(error).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer failedBuf = ByteBuffer.wrap(failed).order(ByteOrder.BIG_ENDIAN);

        assertThat(NotificationDecoder.decode(errorBuf, 0, error.length))
                .isEqualTo(new RemoteError(0, 1, 3, new byte[0]));
        assertThat(((SendFailed) NotificationDecoder.decode(failedBuf, 0, failed.length)).info().ppid()).isEqualTo(46);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The small fixed-size events
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void partialDeliveryStreamAndSequenceAreThirtyTwoBits() {
        PartialDelivery pd = (PartialDelivery) decode(pdapiEvent(0, 3, 70000, 0xfffffffeL));

        assertThat(pd.indication()).isEqualTo(PartialDelivery.Indication.ABORTED);
        assertThat(pd.stream()).isEqualTo(70000);
        assertThat(Integer.toUnsignedLong(pd.sequence())).isEqualTo(0xfffffffeL);

        PartialDelivery future = (PartialDelivery) decode(pdapiEvent(5, 3, 1, 1));
        assertThat(future.indication()).isEqualTo(PartialDelivery.Indication.UNKNOWN);
        assertThat(future.indicationCode()).isEqualTo(5);
    }

    @Test
    void authenticationIndications() {
        Authentication newKey = (Authentication) decode(authkeyEvent(7, 6, 0, 3));
        Authentication freeKey = (Authentication) decode(authkeyEvent(65535, 0, 1, 3));
        Authentication future = (Authentication) decode(authkeyEvent(1, 0, 99, 3));

        assertThat(newKey.indication()).isEqualTo(Authentication.Indication.NEW_KEY);
        assertThat(newKey.keyNumber()).isEqualTo(7);
        assertThat(newKey.altKeyNumber()).isEqualTo(6);
        assertThat(freeKey.indication()).isEqualTo(Authentication.Indication.FREE_KEY);
        assertThat(freeKey.keyNumber()).isEqualTo(65535);
        assertThat(future.indication()).isEqualTo(Authentication.Indication.UNKNOWN);
        assertThat(future.indicationCode()).isEqualTo(99);
    }

    @Test
    void streamResetFlagsAndList() {
        StreamReset reset = (StreamReset) decode(FIXTURES.get("stream_reset_event"));

        assertThat(reset.streams()).containsExactly(1, 2, 65535);
        assertThat(reset.isOutgoing()).isTrue();
        assertThat(reset.isDenied()).isTrue();
        assertThat(reset.isIncoming()).isFalse();
        assertThat(reset.isFailed()).isFalse();

        StreamReset all = (StreamReset) decode(streamResetEvent(StreamReset.INCOMING_SSN | StreamReset.FAILED, 3));
        assertThat(all.streams()).isEmpty();
        assertThat(all.isIncoming()).isTrue();
        assertThat(all.isFailed()).isTrue();
    }

    @Test
    void streamResetIgnoresAnOddTrailingByte() {
        byte[] bytes = new Layout(SCTP_STREAM_RESET_EVENT, 0, 15).s32(8, 3).u16(12, 9).u8(14, 0xee).array();

        assertThat(((StreamReset) decode(bytes)).streams()).containsExactly(9);
    }

    @Test
    void assocResetTsnsAreUnsigned() {
        AssociationReset reset = (AssociationReset) decode(assocResetEvent(AssociationReset.FAILED, 3, 0xffffffffL, 0));

        assertThat(reset.localTsn()).isEqualTo(0xffffffffL);
        assertThat(reset.remoteTsn()).isZero();
        assertThat(reset.isFailed()).isTrue();
        assertThat(reset.isDenied()).isFalse();
    }

    @Test
    void streamChangeFlags() {
        StreamChange change = (StreamChange) decode(FIXTURES.get("stream_change_event"));

        assertThat(change.inboundStreams()).isEqualTo(12);
        assertThat(change.outboundStreams()).isEqualTo(14);
        assertThat(change.isDenied()).isTrue();
        assertThat(change.isFailed()).isFalse();
    }

    @Test
    void flagsAreUnsignedSixteenBits() {
        assertThat(decode(new Layout(SCTP_SHUTDOWN_EVENT, 0xffff, 12).s32(8, 3).array()).flags()).isEqualTo(0xffff);
    }
}
