package dev.sctp.integration.connection;

import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.backoff.BackOffExecution;

/**
 * A client factory's connecting in the background: the first connect after start, reconnects after a loss with the
 * back-off of the factory's retry policy, and the periodic failback to its first peer. The timer only schedules; each
 * attempt blocks up to the connect timeout per peer, so it runs on a thread of its own, not the timer's.
 */
final class ClientReconnects {

    private final SctpClientAssociationFactory factory;
    private final LogAccessor logger;
    private volatile boolean reconnecting;
    private volatile @Nullable ScheduledFuture<?> failback;

    ClientReconnects(SctpClientAssociationFactory factory, LogAccessor logger) {
        this.factory = factory;
        this.logger = logger;
    }

    /** Connects after {@code delayMillis}, and again as {@code backOff} says while attempts fail. */
    void connect(BackOffExecution backOff, long delayMillis) {
        TaskScheduler scheduler = factory.getActiveTaskScheduler();
        if (scheduler == null || !factory.isRunning() || delayMillis == BackOffExecution.STOP) {
            if (delayMillis == BackOffExecution.STOP) {
                logger.error(() -> "Factory '" + factory.getComponentName() + "' gave up reconnecting to "
                        + factory.getPeers());
            }
            return;
        }
        reconnecting = true;
        try {
            scheduler.schedule(() -> factory.readerThreads().newThread(() -> attempt(backOff)).start(),
                    Instant.now().plusMillis(delayMillis));
        } catch (RejectedExecutionException | IllegalStateException e) {
            reconnecting = false; // stopping
        }
    }

    private void attempt(BackOffExecution backOff) {
        if (!factory.isRunning() || !reconnecting) {
            return;
        }
        try {
            factory.getAssociation();
            reconnecting = false;
        } catch (Exception e) {
            if (!factory.getReconnectPolicy().shouldRetry(e)) {
                logger.error(e, () -> "Factory '" + factory.getComponentName() + "' stops reconnecting");
                return;
            }
            long next = backOff.nextBackOff();
            logger.debug(() -> "Factory '" + factory.getComponentName() + "' reconnect failed (" + e.getMessage()
                    + "); next attempt in " + next + " ms");
            connect(backOff, next);
        }
    }

    /** Tries to go back to the first peer after the failback interval, unless that is off or already scheduled. */
    void failBackLater() {
        TaskScheduler scheduler = factory.getActiveTaskScheduler();
        ScheduledFuture<?> pending = failback;
        if (factory.getFailbackInterval().isZero() || scheduler == null || (pending != null && !pending.isDone())) {
            return;
        }
        try {
            failback = scheduler.schedule(() -> factory.readerThreads().newThread(this::failBack).start(),
                    Instant.now().plus(factory.getFailbackInterval()));
        } catch (RejectedExecutionException | IllegalStateException e) {
            // stopping
        }
    }

    private void failBack() {
        if (!factory.failBack()) {
            logger.debug(() -> "Factory '" + factory.getComponentName() + "' cannot fail back to its first peer "
                    + "yet; next attempt in " + factory.getFailbackInterval());
            failback = null;
            failBackLater();
        }
    }

    /** Cancels what is scheduled; called as the factory stops (holding its connect monitor). */
    void cancel() {
        ScheduledFuture<?> pending = failback;
        if (pending != null) {
            pending.cancel(false);
            failback = null;
        }
        reconnecting = false;
    }
}
