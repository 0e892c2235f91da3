package dev.sctp.boot.autoconfigure.metrics;

import dev.sctp.AssociationStats;
import dev.sctp.PeerAddressInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpStatus;
import dev.sctp.boot.autoconfigure.SctpEndpointNames;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.CloseReason;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpAssociationObserver;
import dev.sctp.integration.connection.SctpRejection;
import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.PeerAddressChange;
import dev.sctp.notification.SctpNotification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one association factory in one registry, fed by the factory's observer callbacks and by polling its
 * associations' status and statistics. Every meter carries the tags {@code name} and {@code role}. With
 * per-association meters on, each association also gets {@link AssociationMeters} while it is up.
 */
final class FactoryMeters implements SctpAssociationObserver {

    private final MeterRegistry registry;
    private final AbstractSctpAssociationFactory factory;
    private final String name;
    private final Tags tags;
    private final boolean perStream;
    private final boolean perAssociation;
    private final BiConsumer<String, String> releaseAssociationTag;
    private final Map<SctpAssociation, AssociationMeters> byAssociation = new ConcurrentHashMap<>();
    private final double millisPerTick;
    private final Counter established;
    private final Counter shutdown;
    private final Counter restarted;
    private final Counter failed;
    private final @Nullable DistributionSummary received;
    private final @Nullable DistributionSummary sent;
    private final Map<Integer, DistributionSummary> receivedByStream = new ConcurrentHashMap<>();
    private final Map<Integer, DistributionSummary> sentByStream = new ConcurrentHashMap<>();
    private final Map<SctpAssociation, Long> retransmissions = new ConcurrentHashMap<>();
    private final AtomicLong closedRetransmissions = new AtomicLong();
    private final StatusSource statusSource;
    private volatile Polled polled = Polled.NONE;

    FactoryMeters(MeterRegistry registry, AbstractSctpAssociationFactory factory, boolean perStream, int kernelHz) {
        this(registry, factory, perStream, kernelHz, FactoryMeters::readSocket);
    }

    /** With {@code statusSource} in place of the associations' sockets: tests feed exact values through it. */
    FactoryMeters(MeterRegistry registry, AbstractSctpAssociationFactory factory, boolean perStream, int kernelHz,
            StatusSource statusSource) {
        this(registry, factory, perStream, false, (name, association) -> { }, kernelHz, statusSource);
    }

    /**
     * Creates the meters of {@code factory}.
     *
     * @param perAssociation whether each association gets meters of its own
     * @param releaseAssociationTag told the {@code name} and {@code association} tags of an association whose
     *        meters were removed (see {@link SctpAssociationTagsFilter#release})
     */
    FactoryMeters(MeterRegistry registry, AbstractSctpAssociationFactory factory, boolean perStream,
            boolean perAssociation, BiConsumer<String, String> releaseAssociationTag, int kernelHz,
            StatusSource statusSource) {
        this.registry = registry;
        this.perAssociation = perAssociation;
        this.releaseAssociationTag = releaseAssociationTag;
        this.factory = factory;
        this.statusSource = statusSource;
        this.name = SctpEndpointNames.nameOf(factory);
        this.tags = Tags.of("name", name, "role", SctpEndpointNames.roleOf(factory));
        this.perStream = perStream;
        this.millisPerTick = 1000.0 / kernelHz;
        Gauge.builder("sctp.associations.active", factory, f -> f.getOpenAssociationIds().size())
                .description("Associations open now").tags(tags).register(registry);
        established = counter("sctp.associations.established", "Associations that came up (COMM_UP)");
        shutdown = counter("sctp.associations.shutdown", "Associations that ended gracefully (SHUTDOWN)");
        restarted = counter("sctp.associations.restarted", "Associations the peer restarted (RESTART)");
        failed = counter("sctp.associations.failed",
                "Associations that could not be set up: connect failures, CANT_STR_ASSOC, refused by a limit");
        received = perStream ? null : summary("sctp.data.received", "Messages received and their size", null);
        sent = perStream ? null : summary("sctp.data.sent", "Messages sent and their size", null);
        FunctionCounter.builder("sctp.retransmissions", this, FactoryMeters::retransmissions)
                .description("DATA chunks retransmitted (SCTP_GET_ASSOC_STATS), closed associations included")
                .tags(tags).register(registry);
        TimeGauge.builder("sctp.srtt", this, TimeUnit.MILLISECONDS, m -> m.polled.srttMillis)
                .description("Largest smoothed round-trip time of the associations' primary paths").tags(tags)
                .register(registry);
        TimeGauge.builder("sctp.rto", this, TimeUnit.MILLISECONDS, m -> m.polled.rtoMillis)
                .description("Largest retransmission timeout of the associations' primary paths").tags(tags)
                .register(registry);
        Gauge.builder("sctp.peer.rwnd", this, m -> m.polled.peerWindow).baseUnit("bytes")
                .description("Smallest receive window the peers advertise").tags(tags).register(registry);
        Gauge.builder("sctp.chunks.unacked", this, m -> m.polled.unacked)
                .description("DATA chunks sent and not yet acknowledged, over all associations").tags(tags)
                .register(registry);
        Gauge.builder("sctp.chunks.pending", this, m -> m.polled.pending)
                .description("DATA chunks received and waiting to be read, over all associations").tags(tags)
                .register(registry);
        // back-pressure, read when the registry asks: a slow handler fills deliveries, a slow peer the sends
        Gauge.builder("sctp.deliveries.pending", factory, FactoryMeters::pendingDeliveries)
                .description("Received messages waiting for or in delivery, over all associations; at"
                        + " max-pending-deliveries an association stops reading").tags(tags).register(registry);
        Gauge.builder("sctp.sends.in-flight", factory, FactoryMeters::inFlightSends)
                .description("Sends waiting in the kernel, over all associations; at max-in-flight-sends further"
                        + " senders wait").tags(tags).register(registry);
    }

    private static double pendingDeliveries(AbstractSctpAssociationFactory factory) {
        int pending = 0;
        for (SctpAssociation association : factory.getAssociations()) {
            pending += association.getPendingDeliveries();
        }
        return pending;
    }

    private static double inFlightSends(AbstractSctpAssociationFactory factory) {
        int inFlight = 0;
        for (SctpAssociation association : factory.getAssociations()) {
            inFlight += association.getInFlightSends();
        }
        return inFlight;
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private DistributionSummary summary(String name, String description, @Nullable Integer stream) {
        return DistributionSummary.builder(name).description(description).baseUnit("bytes").tags(tags)
                .tags(stream == null ? Tags.empty() : Tags.of("stream", Integer.toString(stream)))
                .register(registry);
    }

    AbstractSctpAssociationFactory factory() {
        return factory;
    }

    @Override
    public void associationOpened(SctpAssociation association) {
        established.increment();
        retransmissions.putIfAbsent(association, 0L);
        if (perAssociation) {
            byAssociation.computeIfAbsent(association, a -> new AssociationMeters(registry, tags, a));
        }
    }

    @Override
    public void associationClosed(SctpAssociation association, CloseReason reason, @Nullable Throwable cause) {
        Long last = retransmissions.remove(association);
        if (last != null) {
            closedRetransmissions.addAndGet(last);
        }
        AssociationMeters own = byAssociation.remove(association);
        if (own != null) {
            own.remove();
            releaseAssociationTag.accept(name, own.association());
        }
        if (reason.isGraceful()) {
            shutdown.increment();
        } else {
            Counter.builder("sctp.associations.aborted")
                    .description("Established associations that ended abnormally: aborted here, lost (peer ABORT or"
                            + " unreachable) or ended by a socket error")
                    .tags(tags).tag("reason", abortReason(reason)).register(registry).increment();
        }
    }

    @Override
    public void messageReceived(SctpAssociation association, int streamId, int bytes) {
        data(received, receivedByStream, "sctp.data.received", "Messages received and their size", streamId)
                .record(bytes);
        AssociationMeters own = perAssociation ? byAssociation.get(association) : null;
        if (own != null) {
            own.received(bytes);
        }
    }

    @Override
    public void messageSent(SctpAssociation association, int streamId, int bytes) {
        data(sent, sentByStream, "sctp.data.sent", "Messages sent and their size", streamId).record(bytes);
        AssociationMeters own = perAssociation ? byAssociation.get(association) : null;
        if (own != null) {
            own.sent(bytes);
        }
    }

    private DistributionSummary data(@Nullable DistributionSummary all, Map<Integer, DistributionSummary> byStream,
            String name, String description, int stream) {
        if (all != null) {
            return all;
        }
        return byStream.computeIfAbsent(stream, s -> summary(name, description, s));
    }

    @Override
    public void sendFailed(SctpAssociation association, int streamId, int bytes, Throwable cause) {
        Counter.builder("sctp.send.failures").description("Messages that could not be sent or delivered")
                .tags(tags).tag("exception", cause.getClass().getSimpleName()).register(registry).increment();
    }

    @Override
    public void notificationReceived(SctpAssociation association, SctpNotification notification) {
        if (notification instanceof AssociationChange change && change.state() == AssociationChange.State.RESTART) {
            restarted.increment();
        } else if (notification instanceof PeerAddressChange change) {
            Counter.builder("sctp.path.changes").description("Changes of peer address (path) state")
                    .tags(tags).tag("state", pathState(change.state())).register(registry).increment();
        }
    }

    @Override
    public void connectFailed(SctpAddress peer, Throwable cause) {
        // counted from SctpAssociationFailedEvent, which servers publish as well
    }

    @Override
    public void associationRejected(@Nullable SctpAddress peer, SctpRejection reason, Throwable cause) {
        Counter.builder("sctp.associations.rejected")
                .description("Associations aborted by the listener's allowed peers or limits: peer-not-allowed,"
                        + " max-associations, max-associations-per-peer, max-message-size, max-partial-message-bytes")
                .tags(tags).tag("reason", reason.tag()).register(registry).increment();
    }

    void associationFailed() {
        failed.increment();
    }

    /**
     * Returns the {@code reason} tag of {@code sctp.associations.aborted}: {@code aborted}, {@code lost} or
     * {@code error}. Not {@code failed}: that word belongs to {@code sctp.associations.failed}, associations that
     * could not be set up, so each name has one meaning.
     */
    static String abortReason(CloseReason reason) {
        return switch (reason) {
            case ABORTED -> "aborted";
            case LOST -> "lost";
            case FAILED -> "error";
            case SHUTDOWN, CLOSED -> throw new IllegalArgumentException(reason + " is a graceful end, not an abort");
        };
    }

    static String pathState(PeerAddressChange.State state) {
        String name = state.name().toLowerCase(Locale.ROOT);
        name = name.startsWith("addr_") ? name.substring("addr_".length()) : name;
        return name.equals("made_prim") ? "made_primary" : name;
    }

    private double retransmissions() {
        long open = 0;
        for (long value : retransmissions.values()) {
            open += value;
        }
        return closedRetransmissions.get() + open;
    }

    /** Reads the status and statistics of every open association; called by the poller. */
    void poll() {
        double srtt = Double.NaN;
        double rto = Double.NaN;
        double window = Double.NaN;
        long unacked = 0;
        long pending = 0;
        for (SctpAssociation association : factory.getAssociations()) {
            try {
                Sample sample = statusSource.read(association);
                SctpStatus status = sample.status();
                PeerAddressInfo primary = status.primary();
                srtt = max(srtt, primary.smoothedRttTicks() * millisPerTick);
                rto = max(rto, primary.rto().toMillis());
                window = Double.isNaN(window) ? status.receiveWindow() : Math.min(window, status.receiveWindow());
                unacked += status.unackedData();
                pending += status.pendingData();
                AssociationStats stats = sample.stats();
                // only while the association is known: once closed, its last value has moved to the closed sum
                retransmissions.computeIfPresent(association, (a, old) -> stats.retransmittedChunks());
                AssociationMeters own = byAssociation.get(association);
                if (own != null) {
                    own.update(status, stats.retransmittedChunks(), millisPerTick);
                }
            } catch (IOException | RuntimeException e) {
                // the association is closing; its last counts stay
            }
        }
        polled = new Polled(srtt, rto, window, unacked, pending);
    }

    static Sample readSocket(SctpAssociation association) throws IOException {
        return new Sample(association.status(), association.associationStats());
    }

    private static double max(double current, double value) {
        return Double.isNaN(current) ? value : Math.max(current, value);
    }

    /** Removes the observer from the factory. */
    void close() {
        factory.removeObserver(this);
    }

    /** Where {@link #poll()} reads an association's status and statistics. */
    @FunctionalInterface
    interface StatusSource {

        /** Reads {@code association}'s status and statistics; fails once it is closing. */
        Sample read(SctpAssociation association) throws IOException;
    }

    /** One association's {@code SCTP_STATUS} and {@code SCTP_GET_ASSOC_STATS}, read together. */
    record Sample(SctpStatus status, AssociationStats stats) {
    }

    private record Polled(double srttMillis, double rtoMillis, double peerWindow, long unacked, long pending) {
        static final Polled NONE = new Polled(Double.NaN, Double.NaN, Double.NaN, 0, 0);
    }
}
