package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.SOL_SCTP;

import dev.sctp.SctpException;
import java.io.IOException;

/**
 * SCTP-AUTH (RFC 4895; RFC 6458 sections 8.1.20 to 8.1.23): offering it ({@code SCTP_AUTH_SUPPORTED}), chunk types
 * that must be authenticated ({@code SCTP_AUTH_CHUNK}) and the shared keys ({@code SCTP_AUTH_KEY},
 * {@code SCTP_AUTH_ACTIVE_KEY}, {@code SCTP_AUTH_DEACTIVATE_KEY}, {@code SCTP_AUTH_DELETE_KEY}).
 *
 * <p>Internal usage only. Key bytes are copied into the socket's option buffer for the one setsockopt call, which
 * zeroes it afterwards; they never appear in a message or log line.
 */
public final class AuthenticationCodec {

    // linux/sctp.h socket option names.
    static final int SCTP_AUTH_CHUNK = 21;
    static final int SCTP_AUTH_KEY = 23;
    static final int SCTP_AUTH_ACTIVE_KEY = 24;
    static final int SCTP_AUTH_DELETE_KEY = 25;
    static final int SCTP_AUTH_DEACTIVATE_KEY = 35;
    static final int SCTP_AUTH_SUPPORTED = 129;

    // linux/sctp.h struct sctp_authkey: sca_assoc_id @0, sca_keynumber @4 (u16), sca_keylength @6 (u16), sca_key[] @8.
    static final int AUTHKEY_NUMBER = 4;
    static final int AUTHKEY_LENGTH = 6;
    static final int AUTHKEY_KEY = 8;
    // linux/sctp.h struct sctp_authkeyid: scact_assoc_id @0, scact_keynumber @4 (u16); size 8 with padding.
    static final int AUTHKEYID_SIZE = 8;
    static final int AUTHKEYID_NUMBER = 4;
    // linux/sctp.h struct sctp_authchunk: sauth_chunk @0 (u8).
    static final int AUTHCHUNK_SIZE = 1;

    /**
     * The longest key this library sets: what fits the socket's option buffer with room to spare. The kernel takes
     * up to 65535 bytes, but RFC 4895's HMACs gain nothing from keys longer than their block size (64 bytes).
     */
    public static final int MAX_KEY_LENGTH = 256;

    private static final String NOT_AUTH = "SCTP-AUTH is not in use: before connect (or listen), set"
            + " SctpOptions.AUTH_SUPPORTED to true on this socket (or for all sockets the sysctl"
            + " net.sctp.auth_enable=1), and on a connected socket the peer must have offered it too";

    private AuthenticationCodec() {
    }

    /** Sets {@code SCTP_AUTH_SUPPORTED}. */
    static void setSupported(LinuxSctpSocket socket, boolean on) throws IOException {
        OptionCodec.setAssocValue(socket, SCTP_AUTH_SUPPORTED, "SCTP_AUTH_SUPPORTED", on ? 1 : 0);
    }

    /** Reads {@code SCTP_AUTH_SUPPORTED}: the association's negotiated support once connected. */
    static boolean supported(LinuxSctpSocket socket) throws IOException {
        return OptionCodec.getAssocValue(socket, SCTP_AUTH_SUPPORTED, "SCTP_AUTH_SUPPORTED") != 0;
    }

    /** Adds {@code chunkType} to the chunks the peer must authenticate ({@code SCTP_AUTH_CHUNK}). */
    static void addChunk(LinuxSctpSocket socket, int chunkType) throws IOException {
        // net/sctp/auth.c: INIT, INIT-ACK, SHUTDOWN-COMPLETE and AUTH itself can never be authenticated.
        if (chunkType < 0 || chunkType > 255 || chunkType == 1 || chunkType == 2 || chunkType == 14
                || chunkType == 15) {
            throw new IllegalArgumentException("AUTH_CHUNK " + chunkType + " is not a chunk type that can be"
                    + " authenticated: give a type 0..255 other than INIT (1), INIT-ACK (2), SHUTDOWN-COMPLETE (14)"
                    + " and AUTH (15), such as DATA (0)");
        }
        try {
            socket.set(SOL_SCTP, SCTP_AUTH_CHUNK, "SCTP_AUTH_CHUNK", b -> {
                b.put(0, (byte) chunkType);
                return AUTHCHUNK_SIZE;
            });
        } catch (SctpException e) {
            throw notAuth(e, "AUTH_CHUNK " + chunkType);
        }
    }

    /** Sets shared key {@code keyNumber} to {@code key} ({@code SCTP_AUTH_KEY}), replacing a key of that number. */
    public static void setKey(LinuxSctpSocket socket, int keyNumber, byte[] key) throws IOException {
        checkKeyNumber(keyNumber);
        if (key.length > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("an SCTP-AUTH key of " + key.length + " bytes exceeds the "
                    + MAX_KEY_LENGTH + " bytes this library sets; use a shorter key (HMAC-SHA-256 needs 32)");
        }
        try {
            socket.set(SOL_SCTP, SCTP_AUTH_KEY, "SCTP_AUTH_KEY", b -> {
                b.putShort(AUTHKEY_NUMBER, (short) keyNumber);
                b.putShort(AUTHKEY_LENGTH, (short) key.length);
                b.put(AUTHKEY_KEY, key);
                // net/sctp/socket.c wants optlen > sizeof(struct sctp_authkey), even for an empty key.
                return AUTHKEY_KEY + Math.max(1, key.length);
            });
        } catch (SctpException e) {
            // The message names the key number only; the bytes stay out of it.
            throw notAuth(e, "setting key " + keyNumber);
        }
    }

    /** Makes {@code keyNumber} the key used to send ({@code SCTP_AUTH_ACTIVE_KEY}). */
    static void setActiveKey(LinuxSctpSocket socket, int keyNumber) throws IOException {
        keyIdCall(socket, SCTP_AUTH_ACTIVE_KEY, "SCTP_AUTH_ACTIVE_KEY", keyNumber, "activating",
                "set the key first with setAuthKey");
    }

    /** Returns the number of the key used to send. */
    static int activeKey(LinuxSctpSocket socket) throws IOException {
        try {
            return socket.get(SOL_SCTP, SCTP_AUTH_ACTIVE_KEY, "SCTP_AUTH_ACTIVE_KEY", AUTHKEYID_SIZE, null,
                    (b, len) -> Short.toUnsignedInt(b.getShort(AUTHKEYID_NUMBER)));
        } catch (SctpException e) {
            throw notAuth(e, "reading the active key");
        }
    }

    /**
     * Stops using {@code keyNumber} ({@code SCTP_AUTH_DEACTIVATE_KEY}); an AUTHENTICATION_EVENT with FREE_KEY follows
     * once nothing in flight uses it.
     */
    public static void deactivateKey(LinuxSctpSocket socket, int keyNumber) throws IOException {
        keyIdCall(socket, SCTP_AUTH_DEACTIVATE_KEY, "SCTP_AUTH_DEACTIVATE_KEY", keyNumber, "deactivating",
                "it must exist and must not be the active key: activate another key first");
    }

    /** Deletes {@code keyNumber} ({@code SCTP_AUTH_DELETE_KEY}). */
    public static void deleteKey(LinuxSctpSocket socket, int keyNumber) throws IOException {
        keyIdCall(socket, SCTP_AUTH_DELETE_KEY, "SCTP_AUTH_DELETE_KEY", keyNumber, "deleting",
                "it must exist and must not be the active key: activate another key first");
    }

    private static void keyIdCall(LinuxSctpSocket socket, int name, String optionName, int keyNumber, String verb,
            String rule) throws IOException {
        checkKeyNumber(keyNumber);
        try {
            socket.set(SOL_SCTP, name, optionName, b -> {
                b.putShort(AUTHKEYID_NUMBER, (short) keyNumber);
                return AUTHKEYID_SIZE;
            });
        } catch (SctpException e) {
            if (e.errno() == Errno.EINVAL) {
                throw new IllegalArgumentException(verb + " SCTP-AUTH key " + keyNumber + " failed: " + rule, e);
            }
            throw notAuth(e, verb + " key " + keyNumber);
        }
    }

    private static void checkKeyNumber(int keyNumber) {
        if (keyNumber < 0 || keyNumber > 0xffff) {
            throw new IllegalArgumentException("SCTP-AUTH key number " + keyNumber + " is outside 0..65535");
        }
    }

    /** EACCES from net/sctp/auth.c means AUTH is off on the endpoint, or the peer did not negotiate it. */
    private static SctpException notAuth(SctpException e, String what) {
        if (e.errno() != Errno.EACCES) {
            return e;
        }
        SctpException explained = new SctpException(what + " failed: " + NOT_AUTH + " (" + e.getMessage() + ")",
                e.operation(), e.errno());
        explained.initCause(e);
        return explained;
    }
}
