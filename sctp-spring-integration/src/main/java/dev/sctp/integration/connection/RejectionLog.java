package dev.sctp.integration.connection;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.log.LogAccessor;

/**
 * Warns about rejected associations at most once a second and logs the rest at DEBUG, so that a flood of peers
 * refused by an allow-list or a limit neither fills the log nor slows the accept thread that logs them. Each warning
 * says how many were left out; the {@code sctp.associations.rejected} metric and the rejected events count all.
 */
final class RejectionLog {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
    private final AtomicLong leftOut = new AtomicLong();

    void log(LogAccessor log, String message) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            long more = leftOut.getAndSet(0);
            log.warn(more == 0 ? message : message + " (" + more + " further rejections since the previous warning"
                    + " were logged at DEBUG)");
        } else {
            leftOut.incrementAndGet();
            log.debug(message);
        }
    }
}
