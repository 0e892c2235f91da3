package dev.sctp.integration.outbound;

import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** Key bytes taken from a payload: equal by content, shown in hex in error messages. */
final class PayloadKey {

    private final byte[] bytes;

    PayloadKey(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof PayloadKey key && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
