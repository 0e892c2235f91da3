package dev.sctp;

import java.time.Duration;
import java.util.Objects;

/** Range checks shared by the option records, so every bad value fails the same way: value, limit and fix. */
final class OptionChecks {

    /** The largest value of a {@code __u32} field. */
    static final long U32_MAX = 0xffff_ffffL;
    /** The largest value of a {@code __u16} field. */
    static final int U16_MAX = 0xffff;

    private OptionChecks() {
    }

    /**
     * Returns {@code value} in whole milliseconds, checked against {@code 0..maxMillis}. Sub-millisecond parts are
     * refused rather than dropped, because a truncated 0 would silently mean "keep the current value".
     */
    static long millis(String name, Duration value, long maxMillis) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.compareTo(Duration.ofMillis(maxMillis)) > 0) {
            throw new IllegalArgumentException(name + " " + value + " is outside 0.." + maxMillis
                    + " ms; give a duration in that range");
        }
        if (value.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(name + " " + value
                    + " is not a whole number of milliseconds; the kernel counts this option in ms");
        }
        return value.toMillis();
    }

    /** Checks that {@code value} is within {@code min..max}. */
    static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    /** Checks that {@code value} fits an unsigned 32-bit field. */
    static long u32(String name, long value) {
        if (value < 0 || value > U32_MAX) {
            throw new IllegalArgumentException(name + " " + value + " is outside 0.." + U32_MAX
                    + " (an unsigned 32-bit field)");
        }
        return value;
    }
}
