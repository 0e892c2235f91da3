package dev.sctp.internal.linux;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sctp.notification.SctpNotification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Notifications as the x86_64 kernel lays them out, built field by field at the offsets of
 * {@code /usr/include/linux/sctp.h}, and the gcc-generated fixtures of {@code notifications/x86_64-linux.hex}: the
 * shared ground of the decoder tests.
 */
final class NotificationBytes {

    private NotificationBytes() {
    }

    // sn_header (linux/sctp.h union sctp_notification): sn_type u16@0, sn_flags u16@2, sn_length u32@4.
    static final int SN_HEADER_SIZE = 8;

    // enum sctp_sn_type (linux/sctp.h).
    static final int SCTP_DATA_IO_EVENT = 0x8000;
    static final int SCTP_ASSOC_CHANGE = 0x8001;
    static final int SCTP_PEER_ADDR_CHANGE = 0x8002;
    static final int SCTP_SEND_FAILED = 0x8003;
    static final int SCTP_REMOTE_ERROR = 0x8004;
    static final int SCTP_SHUTDOWN_EVENT = 0x8005;
    static final int SCTP_PARTIAL_DELIVERY_EVENT = 0x8006;
    static final int SCTP_ADAPTATION_INDICATION = 0x8007;
    static final int SCTP_AUTHENTICATION_EVENT = 0x8008;
    static final int SCTP_SENDER_DRY_EVENT = 0x8009;
    static final int SCTP_STREAM_RESET_EVENT = 0x800a;
    static final int SCTP_ASSOC_RESET_EVENT = 0x800b;
    static final int SCTP_STREAM_CHANGE_EVENT = 0x800c;
    static final int SCTP_SEND_FAILED_EVENT = 0x800d;

    // enum sctp_ssf_flags (linux/sctp.h): numbered from 0 on Linux.
    static final int SCTP_DATA_UNSENT = 0;
    static final int SCTP_DATA_SENT = 1;

    // sac_info feature values of RFC 6458 section 6.1.1. linux/sctp.h does not define them and Linux never sends
    // them (net/sctp/ulpevent.c puts only ABORT causes in sac_info); the values are FreeBSD's netinet/sctp_uio.h.
    static final int SCTP_ASSOC_SUPPORTS_PR = 0x01;
    static final int SCTP_ASSOC_SUPPORTS_AUTH = 0x02;
    static final int SCTP_ASSOC_SUPPORTS_ASCONF = 0x03;
    static final int SCTP_ASSOC_SUPPORTS_MULTIBUF = 0x04;

    // linux/socket.h address families.
    static final int AF_UNSPEC = 0;
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final Map<String, byte[]> FIXTURES = loadFixtures();

    // ---------------------------------------------------------------------------------------------------------
    // Builders: one per notification, at the header's offsets, little-endian (x86_64).
    // ---------------------------------------------------------------------------------------------------------

    /** struct sctp_assoc_change: state@8, error@10 (network order), outbound@12, inbound@14, assoc_id@16, info@20. */
    static byte[] assocChange(int state, int error, int outbound, int inbound, int assocId, byte[] info) {
        return new Layout(SCTP_ASSOC_CHANGE, 0, 20 + info.length)
                .u16(8, state).be16(10, error).u16(12, outbound).u16(14, inbound).s32(16, assocId).bytes(20, info)
                .array();
    }

    /** struct sctp_paddr_change (packed): spc_aaddr@8 (128 bytes), state@136, error@140, assoc_id@144; 148. */
    static byte[] paddrChange(Layout sockaddrAt8, int state, int error, int assocId) {
        return sockaddrAt8.s32(136, state).s32(140, error).s32(144, assocId).array();
    }

    static Layout paddrIpv4(String dottedQuad, int port) {
        Layout l = new Layout(SCTP_PEER_ADDR_CHANGE, 0, 148);
        // struct sockaddr_in: family@0 (host order), port@2 (network order), addr@4
        l.u16(8, AF_INET).be16(8 + 2, port);
        String[] parts = dottedQuad.split("\\.");
        for (int i = 0; i < 4; i++) {
            l.u8(8 + 4 + i, Integer.parseInt(parts[i]));
        }
        return l;
    }

    static Layout paddrIpv6(byte[] in6Addr, int port) {
        // struct sockaddr_in6: family@0, port@2 (network order), flowinfo@4, addr@8, scope_id@24
        return new Layout(SCTP_PEER_ADDR_CHANGE, 0, 148).u16(8, AF_INET6).be16(8 + 2, port).bytes(8 + 8, in6Addr);
    }

    /** struct sctp_remote_error: sre_error@8 (__be16), assoc_id@12, sre_data@16. */
    static byte[] remoteError(int cause, int assocId, byte[] data) {
        return new Layout(SCTP_REMOTE_ERROR, 0, 16 + data.length)
                .be16(8, cause).s32(12, assocId).bytes(16, data).array();
    }

    /**
     * struct sctp_send_failed_event: ssf_error@8 (a __be16 cause in a __u32), ssfe_info@12 (sctp_sndinfo: sid@0 flags@2 ppid@4 context@8
     * assoc_id@12), ssf_assoc_id@28, ssf_data@32.
     */
    static byte[] sendFailedEvent(int flags, int error, int sid, int sndFlags, int ppid, int context,
            int sndAssocId, int assocId, byte[] data) {
        return new Layout(SCTP_SEND_FAILED_EVENT, flags, 32 + data.length)
                .be16(8, error) // as the kernel leaves it: a __be16 cause in the low bytes of the __u32
                .u16(12, sid).u16(12 + 2, sndFlags).be32(12 + 4, ppid).s32(12 + 8, context).s32(12 + 12, sndAssocId)
                .s32(28, assocId).bytes(32, data).array();
    }

    /**
     * struct sctp_send_failed: ssf_error@8 (a __be16 cause in a __u32), ssf_info@12 (sctp_sndrcvinfo: stream@0 ssn@2 flags@4 ppid@8 context@12
     * timetolive@16 tsn@20 cumtsn@24 assoc_id@28), ssf_assoc_id@44, ssf_data@48.
     */
    static byte[] legacySendFailed(int flags, int error, int stream, int ssn, int sinfoFlags, int ppid,
            int context, long ttl, long tsn, long cumTsn, int sinfoAssocId, int assocId, byte[] data) {
        return new Layout(SCTP_SEND_FAILED, flags, 48 + data.length)
                .be16(8, error) // as the kernel leaves it: a __be16 cause in the low bytes of the __u32
                .u16(12, stream).u16(12 + 2, ssn).u16(12 + 4, sinfoFlags).be32(12 + 8, ppid).s32(12 + 12, context)
                .u32(12 + 16, ttl).u32(12 + 20, tsn).u32(12 + 24, cumTsn).s32(12 + 28, sinfoAssocId)
                .s32(44, assocId).bytes(48, data).array();
    }

    /** struct sctp_shutdown_event: assoc_id@8; 12 bytes. */
    static byte[] shutdownEvent(int assocId) {
        return new Layout(SCTP_SHUTDOWN_EVENT, 0, 12).s32(8, assocId).array();
    }

    /** struct sctp_adaptation_event: adaptation_ind@8, assoc_id@12; 16 bytes. */
    static byte[] adaptationEvent(int indication, int assocId) {
        return new Layout(SCTP_ADAPTATION_INDICATION, 0, 16).s32(8, indication).s32(12, assocId).array();
    }

    /** struct sctp_pdapi_event: indication@8, assoc_id@12, stream@16, seq@20 (all 32-bit); 24 bytes. */
    static byte[] pdapiEvent(int indication, int assocId, int stream, long seq) {
        return new Layout(SCTP_PARTIAL_DELIVERY_EVENT, 0, 24)
                .s32(8, indication).s32(12, assocId).s32(16, stream).u32(20, seq).array();
    }

    /** struct sctp_authkey_event: keynumber@8 altkeynumber@10 (u16), indication@12, assoc_id@16; 20 bytes. */
    static byte[] authkeyEvent(int key, int altKey, int indication, int assocId) {
        return new Layout(SCTP_AUTHENTICATION_EVENT, 0, 20)
                .u16(8, key).u16(10, altKey).s32(12, indication).s32(16, assocId).array();
    }

    /** struct sctp_sender_dry_event: assoc_id@8; 12 bytes. */
    static byte[] senderDryEvent(int assocId) {
        return new Layout(SCTP_SENDER_DRY_EVENT, 0, 12).s32(8, assocId).array();
    }

    /** struct sctp_stream_reset_event: assoc_id@8, stream_list@12 (u16 each). */
    static byte[] streamResetEvent(int flags, int assocId, int... streams) {
        Layout l = new Layout(SCTP_STREAM_RESET_EVENT, flags, 12 + 2 * streams.length).s32(8, assocId);
        for (int i = 0; i < streams.length; i++) {
            l.u16(12 + 2 * i, streams[i]);
        }
        return l.array();
    }

    /** struct sctp_assoc_reset_event: assoc_id@8, local_tsn@12, remote_tsn@16; 20 bytes. */
    static byte[] assocResetEvent(int flags, int assocId, long localTsn, long remoteTsn) {
        return new Layout(SCTP_ASSOC_RESET_EVENT, flags, 20)
                .s32(8, assocId).u32(12, localTsn).u32(16, remoteTsn).array();
    }

    /** struct sctp_stream_change_event: assoc_id@8, instrms@12, outstrms@14 (u16); 16 bytes. */
    static byte[] streamChangeEvent(int flags, int assocId, int in, int out) {
        return new Layout(SCTP_STREAM_CHANGE_EVENT, flags, 16).s32(8, assocId).u16(12, in).u16(14, out).array();
    }

    static final byte[] USER_ABORT_CAUSE = {
        // User-Initiated Abort (RFC 9260 section 3.3.10.12): code 12, length 8, reason "bye!", all big-endian
        0x00, 0x0c, 0x00, 0x08, 'b', 'y', 'e', '!',
    };
    static final byte[] HELLO = "hello".getBytes(US_ASCII);
    static final byte[] V4_MAPPED_127_0_0_2 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 2};
    static final byte[] LOOPBACK_V6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    /** Decodes {@code bytes} from a buffer of exactly their size (x86_64 layout, so little-endian). */
    static SctpNotification decode(byte[] bytes) {
        return NotificationDecoder.decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), 0, bytes.length);
    }

    /**
     * Decodes {@code bytes} placed at {@code offset} after {@code guard} bytes, in a buffer whose limit is exactly
     * {@code offset + bytes.length}: a read past the end throws, and a read before {@code offset} would see the
     * guard bytes, which the callers vary.
     */
    static SctpNotification decodeAt(byte[] bytes, int offset, byte guard, boolean direct) {
        int capacity = offset + bytes.length + 64;
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        for (int i = 0; i < capacity; i++) {
            buf.put(i, guard);
        }
        buf.put(offset, bytes);
        buf.limit(offset + bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        return NotificationDecoder.decode(buf, offset, bytes.length);
    }

    static int u16le(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static Map<String, byte[]> loadFixtures() {
        Map<String, byte[]> fixtures = new LinkedHashMap<>();
        try (InputStream in = NotificationBytes.class.getResourceAsStream("/notifications/x86_64-linux.hex")) {
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
    static final class Layout {
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
