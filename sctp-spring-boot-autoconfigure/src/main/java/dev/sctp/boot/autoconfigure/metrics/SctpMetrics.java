package dev.sctp.boot.autoconfigure.metrics;

import dev.sctp.boot.autoconfigure.SctpProperties;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.event.SctpAssociationFailedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;

/**
 * Binds the meters of every SCTP association factory of the application (see {@link SctpMetricsAutoConfiguration}
 * for the list) and polls the factories' associations for their status at {@code sctp.metrics.poll-interval}.
 *
 * <p>Counts of associations and traffic come from each factory's {@code SctpAssociationObserver} callbacks, failed
 * associations from {@link SctpAssociationFailedEvent}s; RTT, RTO, peer window, chunk counts and retransmissions
 * come from {@code SCTP_STATUS} and {@code SCTP_GET_ASSOC_STATS}, read by one daemon thread.
 */
public class SctpMetrics implements MeterBinder, ApplicationListener<SctpAssociationFailedEvent>, DisposableBean {

    private static final Log logger = LogFactory.getLog(SctpMetrics.class);

    private final Supplier<List<AbstractSctpAssociationFactory>> factories;
    private final SctpProperties.Metrics settings;
    private final List<FactoryMeters> meters = new CopyOnWriteArrayList<>();
    // by identity: factories are not value objects, and the lock also guards registry, hz and pending
    private final Set<AbstractSctpAssociationFactory> instrumented = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<AbstractSctpAssociationFactory> pending = Collections.newSetFromMap(new IdentityHashMap<>());
    private @Nullable MeterRegistry registry;
    private int hz;
    private @Nullable ScheduledExecutorService poller;
    private volatile boolean closed;

    /**
     * Creates the binder.
     *
     * @param factories the factories to measure, looked up when the binder is bound
     * @param settings {@code sctp.metrics.*}
     */
    public SctpMetrics(Supplier<List<AbstractSctpAssociationFactory>> factories, SctpProperties.Metrics settings) {
        this.factories = factories;
        this.settings = settings;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        synchronized (instrumented) {
            this.registry = registry;
            this.hz = KernelClock.hz(settings.getKernelHz());
        }
        for (AbstractSctpAssociationFactory factory : factories.get()) {
            add(factory);
        }
        List<AbstractSctpAssociationFactory> waiting;
        synchronized (instrumented) {
            waiting = List.copyOf(pending);
            pending.clear();
        }
        waiting.forEach(this::add);
    }

    /**
     * Measures {@code factory} too, once: at once when the binder is bound to a registry, else when it is. The
     * {@link SctpMetricsBeanPostProcessor} calls it for every factory bean, so factories that a DSL flow registers
     * are measured as well as the auto-configured ones.
     *
     * @param factory the factory
     */
    public void add(AbstractSctpAssociationFactory factory) {
        MeterRegistry target;
        int kernelHz;
        synchronized (instrumented) {
            if (closed || instrumented.contains(factory) || pending.contains(factory)) {
                return;
            }
            target = registry;
            if (target == null) {
                pending.add(factory);
                return;
            }
            instrumented.add(factory);
            kernelHz = hz;
        }
        FactoryMeters factoryMeters = new FactoryMeters(target, factory, settings.isPerStream(), kernelHz);
        factory.addObserver(factoryMeters);
        meters.add(factoryMeters);
        startPolling();
    }

    private synchronized void startPolling() {
        if (poller != null || closed) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sctp-metrics-poller");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.getPollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
        poller = executor;
    }

    /** Polls every factory's associations now; the poller thread calls it at the poll interval. */
    public void poll() {
        for (FactoryMeters factoryMeters : meters) {
            try {
                factoryMeters.poll();
            } catch (RuntimeException e) {
                logger.debug("Polling the associations of " + factoryMeters.factory().getComponentName()
                        + " failed", e);
            }
        }
    }

    @Override
    public void onApplicationEvent(SctpAssociationFailedEvent event) {
        for (FactoryMeters factoryMeters : meters) {
            if (factoryMeters.factory().getComponentName().equals(event.getFactoryName())) {
                factoryMeters.associationFailed();
            }
        }
    }

    @Override
    public synchronized void destroy() {
        closed = true;
        ScheduledExecutorService executor = poller;
        if (executor != null) {
            executor.shutdownNow();
            poller = null;
        }
        meters.forEach(FactoryMeters::close);
        meters.clear();
    }
}
