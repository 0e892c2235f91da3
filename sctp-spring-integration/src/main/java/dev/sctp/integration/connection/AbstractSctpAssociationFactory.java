package dev.sctp.integration.connection;

import dev.sctp.notification.NotificationType;
import dev.sctp.integration.event.SctpAssociationIdleEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.core.log.LogAccessor;
import org.springframework.integration.support.MessageBuilderFactory;

/**
 * The base of SCTP association factories: configuration (socket options, limits, timeouts, executor,
 * interceptors), the open associations, event publication, and a {@link SmartLifecycle} with graceful stop.
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
public abstract class AbstractSctpAssociationFactory extends AssociationFactorySettings
        implements SmartLifecycle, ApplicationEventPublisherAware {

    /** The default lifecycle phase: earlier than inbound endpoints, so factories start first and stop last. */
    public static final int DEFAULT_PHASE = Integer.MAX_VALUE / 2 - 1024;

    /** The notifications every association subscribes to, so that events can be published. */
    protected static final Set<NotificationType> SUBSCRIBED = EnumSet.of(NotificationType.ASSOC_CHANGE,
            NotificationType.PEER_ADDR_CHANGE, NotificationType.SEND_FAILED_EVENT, NotificationType.REMOTE_ERROR,
            NotificationType.SHUTDOWN_EVENT);

    private final Object lifecycleMonitor = new Object();
    private final AssociationRegistry associations = new AssociationRegistry();
    private final ObserverList observers = new ObserverList();
    private final AssociationCallbacks callbacks = new AssociationCallbacks(this);
    private volatile @Nullable SctpListener listener;
    private volatile @Nullable ApplicationEventPublisher eventPublisher;
    private volatile boolean running;
    private boolean autoStartup = true;
    private int phase = DEFAULT_PHASE;
    private volatile @Nullable Executor activeExecutor;
    private final FactoryThreads threads = new FactoryThreads();
    private volatile @Nullable TaskScheduler scheduler;
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
        return associations.openIds();
    }

    /** Returns the received messages waiting for or in delivery, over all open associations (back-pressure). */
    public int getPendingDeliveries() {
        return associations.pendingDeliveries();
    }

    /** Returns the sends waiting in the kernel right now, over all open associations (back-pressure). */
    public int getInFlightSends() {
        return associations.inFlightSends();
    }

    /** Returns the number of open associations, without listing them. */
    public int getOpenAssociationCount() {
        return associations.openCount();
    }

    /** Returns the open associations, for status polling (see {@link SctpAssociation#status()}). */
    public List<SctpAssociation> getAssociations() {
        return associations.open();
    }

    /**
     * Returns the open association with {@code id}.
     *
     * @param id an association id, as in the {@code sctp_associationId} header
     * @return the association, or {@code null} if none is open with that id
     */
    public @Nullable SctpAssociation getAssociation(String id) {
        return associations.open(id);
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
            checkSettings();
            activeExecutor = threads.executor(getTaskExecutor(), getComponentName());
            readerThreads = ReaderThreads.factory(getComponentName() + "-reader-");
            TaskScheduler timers = threads.scheduler(sharedScheduler(), getComponentName());
            scheduler = timers;
            Duration idle = getIdleTimeout();
            if (!idle.isZero()) {
                Duration period = Duration.ofMillis(Math.max(10, idle.toMillis() / 4));
                threads.idleCheck(timers.scheduleWithFixedDelay(this::checkIdle, Instant.now().plus(period),
                        period));
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
            synchronized (associations) {
                running = false;
            }
            try {
                doStop();
            } finally {
                List<SctpAssociation> open;
                synchronized (associations) {
                    // register() checks running under this lock: nothing joins after this snapshot
                    open = associations.snapshot();
                }
                GracefulDrain.drain(open, getShutdownTimeout(), logger);
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

    private void shutdownThreads() {
        scheduler = null;
        threads.shutdown();
    }

    /**
     * The integration TaskScheduler (set, or the application context's {@code taskScheduler} bean) runs the timers;
     * a factory used without a context makes a one-thread scheduler of its own and shuts it down on stop.
     */
    private @Nullable TaskScheduler sharedScheduler() {
        try {
            return getTaskScheduler();
        } catch (RuntimeException e) {
            return null; // no application context or no taskScheduler bean in it
        }
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

    /** Returns the observers: an array, so the per-message loops allocate no iterator. */
    SctpAssociationObserver[] observers() {
        return observers.array();
    }

    /** Returns what the associations call back, the one instance of this factory. */
    AssociationCallbacks callbacks() {
        return callbacks;
    }

    /** Returns the factory's logger, for its callbacks. */
    LogAccessor log() {
        return logger;
    }

    /** Returns the builder factory of the messages it delivers. */
    MessageBuilderFactory messageBuilders() {
        return getMessageBuilderFactory();
    }

    /** Removes an ended association. */
    void forget(SctpAssociation association) {
        associations.remove(association);
    }

    /** Adds a new association to the factory and starts reading it. */
    void register(SctpAssociation association) throws SctpAssociationException {
        synchronized (associations) {
            if (!running) {
                // stop() has taken its snapshot: an association joining now would miss the drain and outlive it
                association.finish(CloseReason.CLOSED, null);
                throw new SctpAssociationException(association.getId(), "Factory '" + getComponentName()
                        + "' is stopping; association " + association.getId() + " was closed", null);
            }
            associations.add(association);
        }
        try {
            association.start();
        } catch (RuntimeException e) {
            // the reader never started (an executor that rejects): end it, so it neither lingers nor counts
            association.finish(CloseReason.FAILED, e);
            throw e;
        }
    }

    /**
     * Hook called after an association ended and left the factory; the client factory reconnects here.
     *
     * @param association the association
     * @param reason why it ended
     */
    protected void onAssociationClosed(SctpAssociation association, CloseReason reason) {
    }

    private void checkIdle() {
        long idleNanos = getIdleTimeout().toNanos();
        for (SctpAssociation association : associations.all()) {
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
