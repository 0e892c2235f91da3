package dev.sctp.integration.connection;

import dev.sctp.SctpNetwork;
import dev.sctp.notification.NotificationType;
import dev.sctp.notification.SctpNotification;
import dev.sctp.notification.SendFailed;
import dev.sctp.integration.event.SctpAssociationIdleEvent;
import dev.sctp.integration.event.SctpAssociationOpenedEvent;
import dev.sctp.integration.support.SctpHeaderMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.context.IntegrationObjectSupport;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.messaging.Message;

/**
 * The base of SCTP association factories: configuration (through {@link SctpFactoryConfig}), the open associations,
 * event publication, and a {@link SmartLifecycle} with graceful stop.
 *
 * <p>Factories start in phase {@link #DEFAULT_PHASE}, before the inbound endpoints that use them (phase
 * {@code Integer.MAX_VALUE / 2}), and stop after them. Stopping stops accepting or reconnecting, shuts every
 * association down (SHUTDOWN, so the peer sees a graceful end), waits up to the shutdown timeout for them to end,
 * and aborts those that remain.
 *
 * <p>Without a task executor, each factory creates a cached thread pool of daemon threads named after it, and shuts
 * it down on stop. One thread per association reads it; deliveries and accepting use the same executor, so a
 * virtual-thread executor works.
 *
 * @since 0.1.0
 */
public abstract class AbstractSctpAssociationFactory extends SctpFactoryConfig
        implements SmartLifecycle, ApplicationEventPublisherAware {

    /** The default lifecycle phase: earlier than inbound endpoints, so factories start first and stop last. */
    public static final int DEFAULT_PHASE = Integer.MAX_VALUE / 2 - 1024;

    /** The notifications every association subscribes to, so that events can be published. */
    protected static final Set<NotificationType> SUBSCRIBED = EnumSet.of(NotificationType.ASSOC_CHANGE,
            NotificationType.PEER_ADDR_CHANGE, NotificationType.SEND_FAILED_EVENT, NotificationType.REMOTE_ERROR,
            NotificationType.SHUTDOWN_EVENT);

    private final Object lifecycleMonitor = new Object();
    private final Object registry = new Object();
    private final Set<SctpAssociationObserver> failedObservers = ConcurrentHashMap.newKeySet();
    private final Map<String, SctpAssociation> associations = new ConcurrentHashMap<>();
    private final List<SctpAssociationObserver> observers = new CopyOnWriteArrayList<>();
    private volatile @Nullable SctpListener listener;
    private volatile @Nullable ApplicationEventPublisher eventPublisher;
    private volatile boolean running;
    private boolean autoStartup = true;
    private int phase = DEFAULT_PHASE;
    private volatile @Nullable Executor activeExecutor;
    private @Nullable ExecutorService privateExecutor;
    private volatile @Nullable TaskScheduler scheduler;
    private @Nullable ThreadPoolTaskScheduler privateScheduler;
    private @Nullable ScheduledFuture<?> idleCheck;
    private volatile ThreadFactory readerThreads = ReaderThreads.factory("sctp-reader-");

    @Override
    public String getComponentType() {
        return "sctp:association-factory";
    }

    /** Returns the name used in ids, logs and events: the bean name, or the class name and identity. */
    @Override
    public String getComponentName() {
        String name = super.getComponentName();
        return name != null ? name : getClass().getSimpleName() + "@" + Integer.toHexString(hashCode());
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
        this.eventPublisher = applicationEventPublisher;
    }

    /** Returns the event publisher, if any. */
    public @Nullable ApplicationEventPublisher getApplicationEventPublisher() {
        return eventPublisher;
    }

    /**
     * Registers the endpoint that receives the associations' messages. A factory has one listener.
     *
     * @param listener the listener
     * @throws IllegalStateException if another listener is already registered
     */
    public void registerListener(SctpListener listener) {
        SctpListener existing = this.listener;
        if (existing != null && existing != listener) {
            throw new IllegalStateException("Factory '" + getComponentName() + "' already has listener " + existing
                    + "; use one factory per receiving endpoint");
        }
        this.listener = listener;
    }

    /** Returns the registered listener, if any. */
    public @Nullable SctpListener getListener() {
        return listener;
    }

    /**
     * Adds an observer of associations and traffic (for metrics).
     *
     * @param observer the observer
     */
    public void addObserver(SctpAssociationObserver observer) {
        observers.add(observer);
    }

    /**
     * Removes an observer.
     *
     * @param observer the observer
     */
    public void removeObserver(SctpAssociationObserver observer) {
        observers.remove(observer);
    }

    // ---- associations ----------------------------------------------------------------------------------------

    /** Returns the ids of the open associations. */
    public List<String> getOpenAssociationIds() {
        return associations.values().stream().filter(SctpAssociation::isOpen).map(SctpAssociation::getId).toList();
    }

    /** Returns the number of open associations, without listing them. */
    public int getOpenAssociationCount() {
        int count = 0;
        for (SctpAssociation association : associations.values()) {
            if (association.isOpen()) {
                count++;
            }
        }
        return count;
    }

    /** Returns the open associations, for status polling (see {@link SctpAssociation#socket()}). */
    public List<SctpAssociation> getAssociations() {
        return associations.values().stream().filter(SctpAssociation::isOpen).toList();
    }

    /**
     * Returns the open association with {@code id}.
     *
     * @param id an association id, as in the {@code sctp_associationId} header
     * @return the association, or {@code null} if none is open with that id
     */
    public @Nullable SctpAssociation getAssociation(String id) {
        SctpAssociation association = associations.get(id);
        return association != null && association.isOpen() ? association : null;
    }

    /**
     * Shuts the association with {@code id} down gracefully.
     *
     * @param id the association id
     * @return whether an open association had that id
     */
    public boolean closeAssociation(String id) {
        SctpAssociation association = getAssociation(id);
        if (association == null) {
            return false;
        }
        association.shutdown();
        return true;
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    @Override
    public final void start() {
        synchronized (lifecycleMonitor) {
            if (running) {
                return;
            }
            Executor executor = getTaskExecutor();
            if (executor == null) {
                privateExecutor = Executors.newCachedThreadPool(threads(getComponentName() + "-"));
                executor = privateExecutor;
            }
            activeExecutor = executor;
            readerThreads = ReaderThreads.factory(getComponentName() + "-reader-");
            TaskScheduler timers = resolveScheduler();
            scheduler = timers;
            Duration idle = getIdleTimeout();
            if (!idle.isZero()) {
                Duration period = Duration.ofMillis(Math.max(10, idle.toMillis() / 4));
                idleCheck = timers.scheduleWithFixedDelay(this::checkIdle, Instant.now().plus(period), period);
            }
            running = true;
            try {
                doStart();
            } catch (RuntimeException e) {
                running = false;
                shutdownThreads();
                throw e;
            }
        }
    }

    /** Starts listening or connecting; called with the executor ready. */
    protected abstract void doStart();

    /** Stops listening, connecting or reconnecting; associations are shut down afterwards. */
    protected abstract void doStop();

    /** Stops gracefully, waiting at most the shutdown timeout; see the class description. */
    @Override
    public final void stop() {
        synchronized (lifecycleMonitor) {
            if (!running) {
                return;
            }
            synchronized (registry) {
                running = false;
            }
            try {
                doStop();
            } finally {
                drainAndClose();
                shutdownThreads();
            }
        }
    }

    /** Stops gracefully on another thread and then runs {@code callback}, so phases can stop in parallel. */
    @Override
    public void stop(Runnable callback) {
        Thread stopper = new Thread(() -> {
            try {
                stop();
            } finally {
                callback.run();
            }
        }, getComponentName() + "-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /**
     * Ends every association gracefully within the shutdown timeout: readers pause first, so the deliveries in
     * hand can finish (and send their replies) without new ones joining them; then SHUTDOWN goes out and reading
     * resumes, so what the peer still had in flight is read and delivered until its end of stream. Only an
     * association that does not end in time is aborted.
     */
    private void drainAndClose() {
        List<SctpAssociation> open;
        synchronized (registry) {
            // register() checks running under this lock: nothing joins after this snapshot
            open = new ArrayList<>(associations.values());
        }
        long deadline = System.nanoTime() + getShutdownTimeout().toNanos();
        open.forEach(SctpAssociation::pauseReading);
        for (SctpAssociation association : open) {
            try {
                if (!association.awaitPausedAndDelivered(deadline)) {
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
            association.resumeReading();
        }
        for (SctpAssociation association : open) {
            long left = deadline - System.nanoTime();
            try {
                association.closeFuture().get(Math.max(0, left), TimeUnit.NANOSECONDS);
                association.awaitDeliveries(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                association.abort();
            } catch (Exception e) {
                logger.warn(() -> "Association " + association.getId() + " did not shut down within "
                        + getShutdownTimeout() + "; aborting it");
                association.abort();
            }
        }
    }

    private void shutdownThreads() {
        ScheduledFuture<?> check = idleCheck;
        if (check != null) {
            check.cancel(false);
            idleCheck = null;
        }
        scheduler = null;
        ThreadPoolTaskScheduler own = privateScheduler;
        if (own != null) {
            own.shutdown();
            privateScheduler = null;
        }
        ExecutorService pool = privateExecutor;
        if (pool != null) {
            pool.shutdown();
            privateExecutor = null;
        }
    }

    /**
     * The integration TaskScheduler (set, or the application context's {@code taskScheduler} bean) runs the timers;
     * a factory used without a context makes a one-thread scheduler of its own and shuts it down on stop.
     */
    private TaskScheduler resolveScheduler() {
        TaskScheduler shared = null;
        try {
            shared = getTaskScheduler();
        } catch (RuntimeException e) {
            // no application context or no taskScheduler bean in it
        }
        if (shared != null) {
            return shared;
        }
        ThreadPoolTaskScheduler own = new ThreadPoolTaskScheduler();
        own.setPoolSize(1);
        own.setDaemon(true);
        own.setThreadNamePrefix(getComponentName() + "-timer-");
        own.initialize();
        privateScheduler = own;
        return own;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    /**
     * Sets whether the application context starts the factory; default true.
     *
     * @param autoStartup whether to start automatically
     */
    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    /**
     * Sets the lifecycle phase; default {@link #DEFAULT_PHASE}.
     *
     * @param phase the phase
     */
    public void setPhase(int phase) {
        this.phase = phase;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---- callbacks from associations -------------------------------------------------------------------------

    /** Returns the executor in use; valid while running. */
    Executor executor() {
        Executor executor = activeExecutor;
        if (executor == null) {
            throw new IllegalStateException("Factory '" + getComponentName() + "' is not started");
        }
        return executor;
    }

    /**
     * Returns the scheduler the factory's timers (idle checks, reconnects) run on while it runs, else {@code null};
     * endpoints use it for their own timers.
     */
    public @Nullable TaskScheduler getActiveTaskScheduler() {
        return scheduler;
    }

    /** Returns the factory of reader threads: virtual threads where the JVM has them. */
    ThreadFactory readerThreads() {
        return readerThreads;
    }

    List<SctpAssociationObserver> observers() {
        return observers;
    }

    /** Adds a new association to the factory and starts reading it. */
    void register(SctpAssociation association) throws SctpAssociationException {
        synchronized (registry) {
            if (!running) {
                // stop() has taken its snapshot: an association joining now would miss the drain and outlive it
                association.finish(CloseReason.CLOSED, null);
                throw new SctpAssociationException(association.getId(), "Factory '" + getComponentName()
                        + "' is stopping; association " + association.getId() + " was closed", null);
            }
            associations.put(association.getId(), association);
        }
        try {
            association.start();
        } catch (RuntimeException e) {
            // the reader never started (an executor that rejects): end it, so it neither lingers nor counts
            association.finish(CloseReason.FAILED, e);
            throw e;
        }
    }

    void associationUp(SctpAssociation association) {
        logger.debug(() -> "Association " + association.getId() + " is up");
        publish(new SctpAssociationOpenedEvent(association));
        for (SctpAssociationObserver o : observers) {
            safely(() -> o.associationOpened(association), "observe the start of", association);
        }
    }

    void handleNotification(SctpAssociation association, SctpNotification notification) {
        for (SctpAssociationObserver o : observers) {
            try {
                o.notificationReceived(association, notification);
            } catch (RuntimeException e) {
                observerFailed(o, "notificationReceived", association, e);
            }
        }
        if (notification instanceof SendFailed failed) {
            SctpAssociationException cause = new SctpAssociationException(association.getId(), "The kernel could not"
                    + " deliver a message on stream " + failed.info().streamId() + " of association "
                    + association.getId() + " (error " + failed.error() + ")", null);
            observeSendFailed(association, failed.info().streamId(), failed.payload().length, cause);
        }
        ApplicationEvent event = AssociationEvents.forNotification(association, notification);
        if (event != null) {
            publish(event);
        }
        SctpListener l = listener;
        if (l != null) {
            safely(() -> l.onNotification(association, notification), "handle a notification of", association);
        }
    }

    // Observers are called in loops, not with lambdas, so the per-message path allocates nothing. A failing observer
    // must not end the association or turn a send that succeeded into a failure.

    void observeReceived(SctpAssociation association, int streamId, int bytes) {
        for (SctpAssociationObserver o : observers) {
            try {
                o.messageReceived(association, streamId, bytes);
            } catch (RuntimeException e) {
                observerFailed(o, "messageReceived", association, e);
            }
        }
    }

    void observeSent(SctpAssociation association, int streamId, int bytes) {
        for (SctpAssociationObserver o : observers) {
            try {
                o.messageSent(association, streamId, bytes);
            } catch (RuntimeException e) {
                observerFailed(o, "messageSent", association, e);
            }
        }
    }

    void observeSendFailed(SctpAssociation association, int streamId, int bytes, Throwable cause) {
        for (SctpAssociationObserver o : observers) {
            try {
                o.sendFailed(association, streamId, bytes, cause);
            } catch (RuntimeException e) {
                observerFailed(o, "sendFailed", association, e);
            }
        }
    }

    /** Logs an observer's failure: at error level the first time, then at debug, so a broken one cannot flood. */
    private void observerFailed(SctpAssociationObserver observer, String callback, SctpAssociation association,
            RuntimeException e) {
        if (failedObservers.add(observer)) {
            logger.error(e, () -> "Observer " + observer + " of factory '" + getComponentName() + "' failed in "
                    + callback + " for association " + association.getId() + "; the association carries on (later "
                    + "failures of this observer are logged at debug level)");
        } else {
            logger.debug(e, () -> "Observer " + observer + " failed in " + callback + " for association "
                    + association.getId());
        }
    }

    void deliver(SctpAssociation association, SctpReceivedMessage received) {
        SctpListener l = listener;
        if (l == null) {
            logger.error(() -> "Factory '" + getComponentName() + "' has no listener: the " + received.payload().length
                    + "-byte message from association " + association.getId() + " on stream " + received.streamId()
                    + " is dropped. Register an inbound endpoint or gateway");
            return;
        }
        Map<String, Object> headers = getHeaderMapper().toHeaders(association, received);
        Message<byte[]> message = getMessageBuilderFactory().withPayload(received.payload()).copyHeaders(headers)
                .build();
        Message<byte[]> passed;
        try {
            passed = association.intercept(message);
        } catch (RuntimeException e) {
            receiveError(association, new SctpAssociationException(association.getId(), "An interceptor of "
                    + "association " + association.getId() + " failed on a message of stream " + received.streamId()
                    + "; the message was not delivered: " + e.getMessage(), e));
            return;
        }
        if (passed != null) {
            l.onMessage(passed);
        }
    }

    void receiveError(SctpAssociation association, Exception error) {
        SctpListener l = listener;
        boolean handled = false;
        try {
            handled = l != null && l.onError(association, error);
        } catch (RuntimeException e) {
            logger.error(e, () -> "The listener failed to handle an error of association " + association.getId());
        }
        if (!handled) {
            logger.error(error, error.getMessage());
        }
    }

    void associationClosed(SctpAssociation association, CloseReason reason, @Nullable Throwable cause) {
        associations.remove(association.getId(), association);
        logger.debug(() -> "Association " + association.getId() + " ended: " + reason);
        ApplicationEvent event = AssociationEvents.forClose(association, reason, cause);
        if (event != null) {
            publish(event);
        }
        for (SctpAssociationObserver o : observers) {
            safely(() -> o.associationClosed(association, reason, cause), "observe the end of", association);
        }
        SctpListener l = listener;
        if (l != null) {
            safely(() -> l.onAssociationClosed(association, reason), "handle the end of", association);
        }
        onAssociationClosed(association, reason);
    }

    /**
     * Hook called after an association ended and left the factory; the client factory reconnects here.
     *
     * @param association the association
     * @param reason why it ended
     */
    protected void onAssociationClosed(SctpAssociation association, CloseReason reason) {
    }

    private void safely(Runnable callback, String what, SctpAssociation association) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            logger.error(e, () -> "Failed to " + what + " association " + association.getId());
        }
    }

    private void checkIdle() {
        long idleNanos = getIdleTimeout().toNanos();
        for (SctpAssociation association : associations.values()) {
            if (association.checkIdle(idleNanos)) {
                publish(new SctpAssociationIdleEvent(association, getIdleTimeout()));
            }
        }
    }

    /**
     * Publishes {@code event} if there is a publisher; a failing listener is logged, never propagated.
     *
     * @param event the event
     */
    protected void publish(ApplicationEvent event) {
        ApplicationEventPublisher publisher = eventPublisher;
        if (publisher == null) {
            logger.debug(() -> "No publisher for " + event);
            return;
        }
        try {
            publisher.publishEvent(event);
        } catch (RuntimeException e) {
            logger.error(e, () -> "Failed to publish " + event);
        }
    }
}
