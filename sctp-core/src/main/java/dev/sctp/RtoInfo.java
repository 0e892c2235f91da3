package dev.sctp;

import java.time.Duration;

/**
 * The retransmission timeout bounds of {@link SctpOptions#RTO_INFO} ({@code SCTP_RTOINFO}, RFC 6458 section 8.1.1;
 * RFC 4960 section 6.3.1). Linux counts them in whole milliseconds; its defaults come from the sysctls
 * {@code net.sctp.rto_initial} (3 s), {@code rto_min} (1 s) and {@code rto_max} (60 s).
 *
 * <p>On set, {@link Duration#ZERO} leaves a bound unchanged, so {@code new RtoInfo(ZERO, ofMillis(200), ZERO)}
 * lowers only the minimum. The kernel refuses a minimum above the maximum, counting an unchanged bound at its
 * current value.
 *
 * @param initial the RTO before the first round-trip measurement (0..2^32-1 ms; 0 keeps it)
 * @param min the lower bound of the RTO (0..2^32-1 ms; 0 keeps it)
 * @param max the upper bound of the RTO (0..2^32-1 ms; 0 keeps it)
 */
public record RtoInfo(Duration initial, Duration min, Duration max) {

    /**
     * Validates the ranges.
     *
     * @throws IllegalArgumentException if a value is negative, too large, finer than a millisecond, or the minimum
     *     exceeds the maximum
     */
    public RtoInfo {
        OptionChecks.millis("RTO initial", initial, OptionChecks.U32_MAX);
        long minMs = OptionChecks.millis("RTO min", min, OptionChecks.U32_MAX);
        long maxMs = OptionChecks.millis("RTO max", max, OptionChecks.U32_MAX);
        if (minMs != 0 && maxMs != 0 && minMs > maxMs) {
            throw new IllegalArgumentException("RTO min " + min + " exceeds RTO max " + max
                    + "; lower the minimum or raise the maximum");
        }
    }

    /** Returns a copy with {@code initial} as the initial RTO. */
    public RtoInfo withInitial(Duration initial) {
        return new RtoInfo(initial, min, max);
    }

    /** Returns a copy with {@code min} as the lower bound. */
    public RtoInfo withMin(Duration min) {
        return new RtoInfo(initial, min, max);
    }

    /** Returns a copy with {@code max} as the upper bound. */
    public RtoInfo withMax(Duration max) {
        return new RtoInfo(initial, min, max);
    }
}
