package dev.sctp.integration.connection;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads the error causes of a received ABORT, as Linux passes them in a COMM_LOST notification's {@code sac_info}:
 * each a big-endian 16-bit code and length (the 4-byte header included), the value, padding to 4 bytes (RFC 9260
 * section 3.3.10). Every read is bounds-checked: the bytes come from the peer.
 */
final class AbortCauses {

    /** RFC 9260 section 3.3.10.12: User-Initiated Abort, whose value is the peer application's reason. */
    static final int USER_INITIATED_ABORT = 12;

    private AbortCauses() {
    }

    /** Returns the value of the first User-Initiated Abort cause in {@code causes}, or {@code null} if none. */
    static byte @Nullable [] userAbortReason(byte[] causes) {
        int offset = 0;
        while (offset + 4 <= causes.length) {
            int code = ((causes[offset] & 0xff) << 8) | (causes[offset + 1] & 0xff);
            int length = ((causes[offset + 2] & 0xff) << 8) | (causes[offset + 3] & 0xff);
            if (length < 4 || offset + length > causes.length) {
                return null; // malformed: stop rather than read beyond what the kernel gave
            }
            if (code == USER_INITIATED_ABORT) {
                return Arrays.copyOfRange(causes, offset + 4, offset + length);
            }
            offset += (length + 3) & ~3;
        }
        return null;
    }
}
