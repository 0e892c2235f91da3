package dev.sctp.internal.linux;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.notification.AdaptationIndication;
import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.AssociationReset;
import dev.sctp.notification.Authentication;
import dev.sctp.notification.LegacySendFailed;
import dev.sctp.notification.LegacySendFailed.SendReceiveInfo;
import dev.sctp.notification.NotificationType;
import dev.sctp.notification.PartialDelivery;
import dev.sctp.notification.PeerAddressChange;
import dev.sctp.notification.RemoteError;
import dev.sctp.notification.SctpNotification;
import dev.sctp.notification.SendFailed;
import dev.sctp.notification.SendFailed.SendFailedInfo;
import dev.sctp.notification.SenderDry;
import dev.sctp.notification.Shutdown;
import dev.sctp.notification.StreamChange;
import dev.sctp.notification.StreamReset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decodes notifications laid out as the x86_64 kernel emits them.
 *
 * <p>Each notification is built here at the offsets of {@code /usr/include/linux/sctp.h}, and the same bytes are
 * also in {@code notifications/x86_64-linux.hex}, produced by gcc from that header with {@code gen-fixtures.c};
 * {@link #builtBytesMatchGccFixture} checks that both agree, so a wrong offset on either side shows up.
 */
class NotificationDecoderTest {

    // sn_header (linux/sctp.h union sctp_notification): sn_type u16@0, sn_flags u16@2, sn_length u32@4.
    private static final int SN_HEADER_SIZE = 8;

    // enum sctp_sn_type (linux/sctp.h).
    private static final int SCTP_DATA_IO_EVENT = 0x8000;
    private static final int SCTP_ASSOC_CHANGE = 0x8001;
    private static final int SCTP_PEER_ADDR_CHANGE = 0x8002;
    private static final int SCTP_SEND_FAILED = 0x8003;
    private static final int SCTP_REMOTE_ERROR = 0x8004;
    private static final int SCTP_SHUTDOWN_EVENT = 0x8005;
    private static final int SCTP_PARTIAL_DELIVERY_EVENT = 0x8006;
    private static final int SCTP_ADAPTATION_INDICATION = 0x8007;
    private static final int SCTP_AUTHENTICATION_EVENT = 0x8008;
    private static final int SCTP_SENDER_DRY_EVENT = 0x8009;
    private static final int SCTP_STREAM_RESET_EVENT = 0x800a;
    private static final int SCTP_ASSOC_RESET_EVENT = 0x800b;
    private static final int SCTP_STREAM_CHANGE_EVENT = 0x800c;
    private static final int SCTP_SEND_FAILED_EVENT = 0x800d;

    // enum sctp_ssf_flags (linux/sctp.h): numbered from 0 on Linux.
    private static final int SCTP_DATA_UNSENT = 0;
    private static final int SCTP_DATA_SENT = 1;

    // sac_info feature values of RFC 6458 section 6.1.1. linux/sctp.h does not define them and Linux never sends
    // them (net/sctp/ulpevent.c puts only ABORT causes in sac_info); the values are FreeBSD's netinet/sctp_uio.h.
    private static final int SCTP_ASSOC_SUPPORTS_PR = 0x01;
    private static final int SCTP_ASSOC_SUPPORTS_AUTH = 0x02;
    private static final int SCTP_ASSOC_SUPPORTS_ASCONF = 0x03;
    private static final int SCTP_ASSOC_SUPPORTS_MULTIBUF = 0x04;

    // linux/socket.h address families.
    private static final int AF_UNSPEC = 0;
    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private static final Map<String, byte[]> FIXTURES = loadFixtures();

    // ---------------------------------------------------------------------------------------------------------
    // Builders: one per notification, at the header's offsets, little-endian (x86_64).
    // ---------------------------------------------------------------------------------------------------------

    /** struct sctp_assoc_change: state@8 error@10 outbound@12 inbound@14 (u16), assoc_id@16, sac_info@20. */
    private static byte[] assocChange(int state, int error, int outbound, int inbound, int assocId, byte[] info) {
        return new Layout(SCTP_ASSOC_CHANGE, 0, 20 + info.length)
                .u16(8, state).u16(10, error).u16(12, outbound).u16(14, inbound).s32(16, assocId).bytes(20, info)
                .array();
    }

    /** struct sctp_paddr_change (packed): spc_aaddr@8 (128 bytes), state@136, error@140, assoc_id@144; 148. */
    private static byte[] paddrChange(Layout sockaddrAt8, int state, int error, int assocId) {
        return sockaddrAt8.s32(136, state).s32(140, error).s32(144, assocId).array();
    }

    private static Layout paddrIpv4(String dottedQuad, int port) {
        Layout l = new Layout(SCTP_PEER_ADDR_CHANGE, 0, 148);
        // struct sockaddr_in: family@0 (host order), port@2 (network order), addr@4
        l.u16(8, AF_INET).be16(8 + 2, port);
        String[] parts = dottedQuad.split("\\.");
        for (int i = 0; i < 4; i++) {
            l.u8(8 + 4 + i, Integer.parseInt(parts[i]));
        }
        return l;
    }

    private static Layout paddrIpv6(byte[] in6Addr, int port) {
        // struct sockaddr_in6: family@0, port@2 (network order), flowinfo@4, addr@8, scope_id@24
        return new Layout(SCTP_PEER_ADDR_CHANGE, 0, 148).u16(8, AF_INET6).be16(8 + 2, port).bytes(8 + 8, in6Addr);
    }

    /** struct sctp_remote_error: sre_error@8 (__be16), assoc_id@12, sre_data@16. */
    private static byte[] remoteError(int cause, int assocId, byte[] data) {
        return new Layout(SCTP_REMOTE_ERROR, 0, 16 + data.length)
                .be16(8, cause).s32(12, assocId).bytes(16, data).array();
    }

    /**
     * struct sctp_send_failed_event: ssf_error@8, ssfe_info@12 (sctp_sndinfo: sid@0 flags@2 ppid@4 context@8
     * assoc_id@12), ssf_assoc_id@28, ssf_data@32.
     */
    private static byte[] sendFailedEvent(int flags, int error, int sid, int sndFlags, int ppid, int context,
            int sndAssocId, int assocId, byte[] data) {
        return new Layout(SCTP_SEND_FAILED_EVENT, flags, 32 + data.length)
                .s32(8, error)
                .u16(12, sid).u16(12 + 2, sndFlags).be32(12 + 4, ppid).s32(12 + 8, context).s32(12 + 12, sndAssocId)
                .s32(28, assocId).bytes(32, data).array();
    }

    /**
     * struct sctp_send_failed: ssf_error@8, ssf_info@12 (sctp_sndrcvinfo: stream@0 ssn@2 flags@4 ppid@8 context@12
     * timetolive@16 tsn@20 cumtsn@24 assoc_id@28), ssf_assoc_id@44, ssf_data@48.
     */
    private static byte[] legacySendFailed(int flags, int error, int stream, int ssn, int sinfoFlags, int ppid,
            int context, long ttl, long tsn, long cumTsn, int sinfoAssocId, int assocId, byte[] data) {
        return new Layout(SCTP_SEND_FAILED, flags, 48 + data.length)
                .s32(8, error)
                .u16(12, stream).u16(12 + 2, ssn).u16(12 + 4, sinfoFlags).be32(12 + 8, ppid).s32(12 + 12, context)
                .u32(12 + 16, ttl).u32(12 + 20, tsn).u32(12 + 24, cumTsn).s32(12 + 28, sinfoAssocId)
                .s32(44, assocId).bytes(48, data).array();
    }

    /** struct sctp_shutdown_event: assoc_id@8; 12 bytes. */
    private static byte[] shutdownEvent(int assocId) {
        return new Layout(SCTP_SHUTDOWN_EVENT, 0, 12).s32(8, assocId).array();
    }

    /** struct sctp_adaptation_event: adaptation_ind@8, assoc_id@12; 16 bytes. */
    private static byte[] adaptationEvent(int indication, int assocId) {
        return new Layout(SCTP_ADAPTATION_INDICATION, 0, 16).s32(8, indication).s32(12, assocId).array();
    }

    /** struct sctp_pdapi_event: indication@8, assoc_id@12, stream@16, seq@20 (all 32-bit); 24 bytes. */
    private static byte[] pdapiEvent(int indication, int assocId, int stream, long seq) {
        return new Layout(SCTP_PARTIAL_DELIVERY_EVENT, 0, 24)
                .s32(8, indication).s32(12, assocId).s32(16, stream).u32(20, seq).array();
    }

    /** struct sctp_authkey_event: keynumber@8 altkeynumber@10 (u16), indication@12, assoc_id@16; 20 bytes. */
    private static byte[] authkeyEvent(int key, int altKey, int indication, int assocId) {
        return new Layout(SCTP_AUTHENTICATION_EVENT, 0, 20)
                .u16(8, key).u16(10, altKey).s32(12, indication).s32(16, assocId).array();
    }

    /** struct sctp_sender_dry_event: assoc_id@8; 12 bytes. */
    private static byte[] senderDryEvent(int assocId) {
        return new Layout(SCTP_SENDER_DRY_EVENT, 0, 12).s32(8, assocId).array();
    }

    /** struct sctp_stream_reset_event: assoc_id@8, stream_list@12 (u16 each). */
    private static byte[] streamResetEvent(int flags, int assocId, int... streams) {
        Layout l = new Layout(SCTP_STREAM_RESET_EVENT, flags, 12 + 2 * streams.length).s32(8, assocId);
        for (int i = 0; i < streams.length; i++) {
            l.u16(12 + 2 * i, streams[i]);
        }
        return l.array();
    }

    /** struct sctp_assoc_reset_event: assoc_id@8, local_tsn@12, remote_tsn@16; 20 bytes. */
    private static byte[] assocResetEvent(int flags, int assocId, long localTsn, long remoteTsn) {
        return new Layout(SCTP_ASSOC_RESET_EVENT, flags, 20)
                .s32(8, assocId).u32(12, localTsn).u32(16, remoteTsn).array();
    }

    /** struct sctp_stream_change_event: assoc_id@8, instrms@12, outstrms@14 (u16); 16 bytes. */
    private static byte[] streamChangeEvent(int flags, int assocId, int in, int out) {
        return new Layout(SCTP_STREAM_CHANGE_EVENT, flags, 16).s32(8, assocId).u16(12, in).u16(14, out).array();
    }

    private static final byte[] USER_ABORT_CAUSE = {
        // User-Initiated Abort (RFC 9260 section 3.3.10.12): code 12, length 8, reason "bye!", all big-endian
        0x00, 0x0c, 0x00, 0x08, 'b', 'y', 'e', '!',
    };
    private static final byte[] HELLO = "hello".getBytes(US_ASCII);
    private static final byte[] V4_MAPPED_127_0_0_2 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 2};
    private static final byte[] LOOPBACK_V6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

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

    // ---------------------------------------------------------------------------------------------------------
    // Validation
    // ---------------------------------------------------------------------------------------------------------

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

    // ---------------------------------------------------------------------------------------------------------
    // The records
    // ---------------------------------------------------------------------------------------------------------

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

    // ---------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------

    /** Decodes {@code bytes} from a buffer of exactly their size (x86_64 layout, so little-endian). */
    private static SctpNotification decode(byte[] bytes) {
        return NotificationDecoder.decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), 0, bytes.length);
    }

    /**
     * Decodes {@code bytes} placed at {@code offset} after {@code guard} bytes, in a buffer whose limit is exactly
     * {@code offset + bytes.length}: a read past the end throws, and a read before {@code offset} would see the
     * guard bytes, which the callers vary.
     */
    private static SctpNotification decodeAt(byte[] bytes, int offset, byte guard, boolean direct) {
        int capacity = offset + bytes.length + 64;
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        for (int i = 0; i < capacity; i++) {
            buf.put(i, guard);
        }
        buf.put(offset, bytes);
        buf.limit(offset + bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        return NotificationDecoder.decode(buf, offset, bytes.length);
    }

    private static int u16le(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static Map<String, byte[]> loadFixtures() {
        Map<String, byte[]> fixtures = new LinkedHashMap<>();
        try (InputStream in = NotificationDecoderTest.class.getResourceAsStream("/notifications/x86_64-linux.hex")) {
            if (in == null) {
                throw new IllegalStateException("notifications/x86_64-linux.hex is missing from the test resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                fixtures.put(parts[0], HexFormat.of().parseHex(parts[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixtures;
    }

    /** A notification under construction: the sn_header is written, the rest is set field by field. */
    private static final class Layout {
        private final ByteBuffer buf;

        Layout(int type, int flags, int length) {
            this(type, flags, length, ByteOrder.LITTLE_ENDIAN);
        }

        Layout(int type, int flags, int length, ByteOrder order) {
            buf = ByteBuffer.allocate(length).order(order);
            u16(0, type).u16(2, flags).u32(4, length);
        }

        Layout u8(int at, int value) {
            buf.put(at, (byte) value);
            return this;
        }

        Layout u16(int at, int value) {
            buf.putShort(at, (short) value);
            return this;
        }

        Layout u32(int at, long value) {
            buf.putInt(at, (int) value);
            return this;
        }

        Layout s32(int at, int value) {
            buf.putInt(at, value);
            return this;
        }

        /** A 16-bit field in network byte order, whatever the host order. */
        Layout be16(int at, int value) {
            buf.put(at, (byte) (value >>> 8)).put(at + 1, (byte) value);
            return this;
        }

        /** A 32-bit field in network byte order, whatever the host order. */
        Layout be32(int at, int value) {
            buf.put(at, (byte) (value >>> 24)).put(at + 1, (byte) (value >>> 16))
                    .put(at + 2, (byte) (value >>> 8)).put(at + 3, (byte) value);
            return this;
        }

        Layout bytes(int at, byte[] bytes) {
            buf.put(at, bytes);
            return this;
        }

        byte[] array() {
            return buf.array();
        }
    }
}
