package dev.sctp.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition instead of sleeping a fixed time, so tests hold on slow machines and finish quickly on fast
 * ones: an association up, a server listening, a message counted.
 *
 * <pre>{@code
 * SctpAwait.until(() -> server.getOpenAssociationCount() == 2, Duration.ofSeconds(10),
 *         () -> "open associations: " + server.getOpenAssociationIds());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SctpAwait {

    private static final long POLL_MILLIS = 10;

    private SctpAwait() {
    }

    /**
     * Waits until {@code condition} holds, at most {@code timeout}.
     *
     * @param condition the condition, polled every 10 ms
     * @param timeout how long to wait
     * @param state what to report if it does not hold in time (evaluated only then)
     * @throws AssertionError if the condition does not hold in time, with {@code state} and the timeout
     */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Condition not met within " + timeout + ": " + state.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting: " + state.get(), e);
            }
        }
    }
}
