package dev.sctp.integration.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.core.log.LogAccessor;

/** A factory's graceful stop of its associations. */
final class GracefulDrain {

    private GracefulDrain() {
    }

    /**
     * Ends every association gracefully within the shutdown timeout: readers pause first, so the deliveries in
     * hand can finish (and send their replies) without new ones joining them; then SHUTDOWN goes out and reading
     * resumes, so what the peer still had in flight is read and delivered until its end of stream. Only an
     * association that does not end in time is aborted.
     */
    static void drain(List<SctpAssociation> open, Duration timeout, LogAccessor logger) {
        long deadline = System.nanoTime() + timeout.toNanos();
        open.forEach(association -> association.reader().pause());
        for (SctpAssociation association : open) {
            try {
                if (!association.reader().awaitPausedAndDelivered(deadline)) {
                    logger.warn(() -> "Deliveries of association " + association.getId() + " were still running "
                            + "when shutting it down");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (SctpAssociation association : open) {
            association.shutdown();
            association.reader().resume();
        }
        for (SctpAssociation association : open) {
            long left = deadline - System.nanoTime();
            try {
                association.closeFuture().get(Math.max(0, left), TimeUnit.NANOSECONDS);
                long millisLeft = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                association.reader().awaitDelivered(millisLeft);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                association.abort();
            } catch (Exception e) {
                logger.warn(() -> "Association " + association.getId() + " did not shut down within "
                        + timeout + "; aborting it");
                association.abort();
            }
        }
    }
}
