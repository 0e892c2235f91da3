package dev.sctp;

import java.time.Duration;
import java.util.Objects;

/**
 * The default partial-reliability policy of {@link SctpOptions#DEFAULT_PRINFO} ({@code SCTP_DEFAULT_PRINFO}, RFC 6458
 * section 8.1.32; RFC 7496): applied to messages sent without their own policy. It takes effect only when both ends
 * support PR-SCTP ({@link SctpOptions#PR_SUPPORTED}); otherwise messages stay fully reliable.
 *
 * @param policy the policy; {@link SendInfo.PrPolicy#NONE} for fully reliable
 * @param value the policy's parameter, 0..2^32-1: the lifetime in milliseconds for {@code TTL}, the number of
 *     retransmissions for {@code RTX}, the priority for {@code PRIORITY} (0 is the most important: queued
 *     messages with a higher value are abandoned to make room for one with a lower value); 0 for {@code NONE}
 */
public record PrInfo(SendInfo.PrPolicy policy, long value) {

    /** Fully reliable, the kernel's default. */
    public static final PrInfo NONE = new PrInfo(SendInfo.PrPolicy.NONE, 0);

    /**
     * Validates the value.
     *
     * @throws IllegalArgumentException if the value does not fit 32 bits, or is not 0 for {@code NONE}
     */
    public PrInfo {
        Objects.requireNonNull(policy, "policy");
        OptionChecks.u32("PR-SCTP value", value);
        if (policy == SendInfo.PrPolicy.NONE && value != 0) {
            throw new IllegalArgumentException("PR-SCTP value " + value
                    + " has no meaning without a policy; use 0 with NONE, or choose TTL, RTX or PRIORITY");
        }
    }

    /** Returns a policy that abandons messages not sent within {@code lifetime} (whole milliseconds). */
    public static PrInfo ttl(Duration lifetime) {
        return new PrInfo(SendInfo.PrPolicy.TTL, OptionChecks.millis("PR-SCTP lifetime", lifetime,
                OptionChecks.U32_MAX));
    }

    /** Returns a policy that abandons messages after {@code retransmissions} retransmissions. */
    public static PrInfo retransmissions(long retransmissions) {
        return new PrInfo(SendInfo.PrPolicy.RTX, retransmissions);
    }

    /**
     * Returns a policy that, when the send buffer is full, abandons queued messages with a higher {@code priority}
     * value (0 is the most important).
     */
    public static PrInfo priority(long priority) {
        return new PrInfo(SendInfo.PrPolicy.PRIORITY, priority);
    }
}
