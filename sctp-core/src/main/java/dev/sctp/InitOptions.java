package dev.sctp;

import java.time.Duration;

/**
 * The INIT parameters of new associations ({@code SCTP_INITMSG}, RFC 6458 section 8.1.3): streams asked for, and
 * how hard to try. A value of 0 (or {@link Duration#ZERO}) leaves the kernel's default.
 *
 * @param outboundStreams outbound streams to ask for (0..65535; the peer may grant fewer)
 * @param maxInboundStreams inbound streams this side accepts at most (0..65535)
 * @param maxAttempts INIT retransmissions before giving up (0..65535)
 * @param maxInitTimeout the largest RTO used while retransmitting INIT (0..65535 ms)
 */
public record InitOptions(int outboundStreams, int maxInboundStreams, int maxAttempts, Duration maxInitTimeout) {

    /** The kernel's defaults (10 outbound streams, 65535 inbound on Linux). */
    public static final InitOptions DEFAULT = new InitOptions(0, 0, 0, Duration.ZERO);

    /** Validates the ranges, naming the field and the limit. */
    public InitOptions {
        check("outboundStreams", outboundStreams);
        check("maxInboundStreams", maxInboundStreams);
        check("maxAttempts", maxAttempts);
        long ms = maxInitTimeout.toMillis();
        if (ms < 0 || ms > 0xffff) {
            throw new IllegalArgumentException("maxInitTimeout " + maxInitTimeout + " is outside 0..65535 ms");
        }
    }

    /** Returns options that ask for {@code outbound} streams and accept up to {@code inbound}. */
    public static InitOptions streams(int outbound, int inbound) {
        return new InitOptions(outbound, inbound, 0, Duration.ZERO);
    }

    /** Returns a copy with {@code maxAttempts} INIT attempts. */
    public InitOptions withMaxAttempts(int maxAttempts) {
        return new InitOptions(outboundStreams, maxInboundStreams, maxAttempts, maxInitTimeout);
    }

    /** Returns a copy with {@code maxInitTimeout} as the largest INIT RTO. */
    public InitOptions withMaxInitTimeout(Duration maxInitTimeout) {
        return new InitOptions(outboundStreams, maxInboundStreams, maxAttempts, maxInitTimeout);
    }

    private static void check(String name, int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(name + " " + value + " is outside 0..65535");
        }
    }
}
