package dev.sctp.boot.autoconfigure.metrics;

import dev.sctp.boot.autoconfigure.SctpProperties;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.event.SctpAssociationFailedEvent;
import dev.sctp.integration.event.SctpAssociationRejectedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import dev.sctp.integration.outbound.SctpOutboundGateway;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.scheduling.TaskScheduler;

/**
 * Binds the meters of every SCTP association factory of the application (see {@link SctpMetricsAutoConfiguration}
 * for the list) and polls the factories' associations for their status at {@code sctp.metrics.poll-interval}.
 *
 * <p>Counts of associations and traffic come from each factory's {@code SctpAssociationObserver} callbacks, failed
 * associations from {@link SctpAssociationFailedEvent}s; RTT, RTO, peer window, chunk counts and retransmissions
 * come from {@code SCTP_STATUS} and {@code SCTP_GET_ASSOC_STATS}, read by a task on the application's task
 * scheduler (Spring Integration's {@code taskScheduler}, which Boot provides): the binder starts no thread of its
 * own. Outbound gateways get gauges of the streams they hold.
 */
public class SctpMetrics implements MeterBinder, ApplicationListener<SctpAssociationFailedEvent>, DisposableBean {

    private static final Log logger = LogFactory.getLog(SctpMetrics.class);

    private final Supplier<List<AbstractSctpAssociationFactory>> factories;
    private final SctpProperties.Metrics settings;
    private final @Nullable TaskScheduler scheduler;
    private final @Nullable SctpAssociationTagsFilter associationTags;
    private final Set<SctpOutboundGateway> gateways = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<FactoryMeters> meters = new CopyOnWriteArrayList<>();
    // by identity: factories are not value objects, and the lock also guards registry, hz and pending
    private final Set<AbstractSctpAssociationFactory> instrumented = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<AbstractSctpAssociationFactory> pending = Collections.newSetFromMap(new IdentityHashMap<>());
    private @Nullable MeterRegistry registry;
    private int hz;
    private @Nullable ScheduledFuture<?> poller;
    private volatile boolean closed;

    /**
     * Creates the binder.
     *
     * @param factories the factories to measure, looked up when the binder is bound
     * @param settings {@code sctp.metrics.*}
     * @param scheduler the scheduler that polls at {@code sctp.metrics.poll-interval}; {@code null} polls only when
     *        {@link #poll()} is called
     * @param associationTags the filter capping per-association meters, told when an association's meters are
     *        removed; {@code null} if the registries have none
     */
    public SctpMetrics(Supplier<List<AbstractSctpAssociationFactory>> factories, SctpProperties.Metrics settings,
            @Nullable TaskScheduler scheduler, @Nullable SctpAssociationTagsFilter associationTags) {
        this.factories = factories;
        this.settings = settings;
        this.scheduler = scheduler;
        this.associationTags = associationTags;
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
        List<SctpOutboundGateway> waitingGateways;
        synchronized (instrumented) {
            waitingGateways = List.copyOf(gateways);
        }
        waitingGateways.forEach(gateway -> gaugeStreams(registry, gateway));
    }

    /**
     * Adds gauges of the request streams an outbound gateway holds, tagged {@code gateway} with its bean name: at
     * once when the binder is bound to a registry, else when it is.
     *
     * @param gateway the gateway
     */
    public void add(SctpOutboundGateway gateway) {
        MeterRegistry target;
        synchronized (instrumented) {
            if (closed || !gateways.add(gateway)) {
                return;
            }
            target = registry;
        }
        if (target != null) {
            gaugeStreams(target, gateway);
        }
    }

    private static void gaugeStreams(MeterRegistry registry, SctpOutboundGateway gateway) {
        Tags tags = Tags.of("gateway", String.valueOf(gateway.getComponentName()));
        Gauge.builder("sctp.gateway.streams.in-use", gateway, SctpOutboundGateway::getStreamsInUse)
                .description("Streams with a request in flight or held for a late reply, over all associations; at"
                        + " max-streams further requests wait").tags(tags).register(registry);
        Gauge.builder("sctp.gateway.streams.held", gateway, SctpOutboundGateway::getStreamsHeldForLateReplies)
                .description("Streams held for the late reply of a request that timed out").tags(tags)
                .register(registry);
        Gauge.builder("sctp.gateway.requests.keyed", gateway, SctpOutboundGateway::getKeyedRequestsInFlight)
                .description("Requests waiting for a reply matched by key").tags(tags).register(registry);
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
        SctpAssociationTagsFilter filter = associationTags;
        FactoryMeters factoryMeters = new FactoryMeters(target, factory, settings.isPerStream(),
                settings.isPerAssociation(), filter != null ? filter::release : (name, association) -> { }, kernelHz,
                FactoryMeters::readSocket);
        factory.addObserver(factoryMeters);
        meters.add(factoryMeters);
        startPolling();
    }

    private synchronized void startPolling() {
        TaskScheduler timers = scheduler;
        if (poller != null || closed || timers == null) {
            return;
        }
        Duration period = settings.getPollInterval();
        poller = timers.scheduleWithFixedDelay(this::poll, Instant.now().plus(period), period);
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
        if (event instanceof SctpAssociationRejectedEvent && event.getAssociationId() != null) {
            // it was set up (an oversize message, an address added outside the allow-list): counted as rejected
            // and aborted, not as an association that could not be set up
            return;
        }
        for (FactoryMeters factoryMeters : meters) {
            if (factoryMeters.factory().getComponentName().equals(event.getFactoryName())) {
                factoryMeters.associationFailed();
            }
        }
    }

    @Override
    public synchronized void destroy() {
        closed = true;
        ScheduledFuture<?> polling = poller;
        if (polling != null) {
            polling.cancel(false);
            poller = null;
        }
        meters.forEach(FactoryMeters::close);
        meters.clear();
    }
}
