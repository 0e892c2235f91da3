package dev.sctp;

import java.time.Duration;

/**
 * Delayed-acknowledgement settings of {@link SctpOptions#DELAYED_SACK} ({@code SCTP_DELAYED_SACK}, RFC 6458
 * section 8.1.19; RFC 4960 section 6.2): the receiver acknowledges after {@code frequency} packets or after
 * {@code delay}, whichever comes first.
 *
 * <p>On set, 0 keeps a field unchanged and a {@code frequency} of 1 turns delayed SACK off (every packet is
 * acknowledged at once). While it is off, get reports a delay of 0 and a frequency of 1. Linux defaults to 200 ms
 * ({@code net.sctp.sack_timeout}) and every second packet.
 *
 * @param delay the longest wait before acknowledging (0..500 ms; 0 keeps it)
 * @param frequency packets received before an acknowledgement is sent (0 keeps it; 1 disables delayed SACK)
 */
public record DelayedSack(Duration delay, int frequency) {

    /** Delayed SACK off: acknowledge every packet at once. */
    public static final DelayedSack OFF = new DelayedSack(Duration.ZERO, 1);

    /**
     * Validates the ranges.
     *
     * @throws IllegalArgumentException if the delay exceeds 500 ms or the frequency is negative
     */
    public DelayedSack {
        if (delay.compareTo(PeerAddressParameters.MAX_SACK_DELAY) > 0) {
            throw new IllegalArgumentException("SACK delay " + delay + " exceeds the kernel's limit of 500 ms"
                    + " (RFC 4960 section 6.2); use 500 ms or less");
        }
        OptionChecks.millis("SACK delay", delay, PeerAddressParameters.MAX_SACK_DELAY.toMillis());
        if (frequency < 0) {
            throw new IllegalArgumentException("SACK frequency " + frequency
                    + " must not be negative; use 0 to keep it, 1 to turn delayed SACK off, or more");
        }
    }
}
