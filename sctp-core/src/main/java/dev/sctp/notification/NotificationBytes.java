package dev.sctp.notification;

/** Shared formatting for the notification records that carry bytes. */
final class NotificationBytes {

    /** Arrays up to this size are printed in full; longer ones are abbreviated. */
    private static final int MAX_PRINTED = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private NotificationBytes() {
    }

    /** Returns {@code bytes} as hex, abbreviated after {@value #MAX_PRINTED} bytes, with the length. */
    static String toString(byte[] bytes) {
        int shown = Math.min(bytes.length, MAX_PRINTED);
        StringBuilder sb = new StringBuilder(shown * 2 + 24);
        sb.append('[').append(bytes.length).append(" bytes");
        if (bytes.length > 0) {
            sb.append(": ");
            for (int i = 0; i < shown; i++) {
                sb.append(HEX[(bytes[i] >> 4) & 0xf]).append(HEX[bytes[i] & 0xf]);
            }
            if (shown < bytes.length) {
                sb.append("...");
            }
        }
        return sb.append(']').toString();
    }
}
