package dev.sctp.boot.autoconfigure.metrics;

import dev.sctp.PeerAddressInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpStatus;
import dev.sctp.integration.connection.SctpAssociation;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one association ({@code sctp.metrics.per-association}), tagged like its factory's meters and with
 * {@code association}, the peer's primary address and port. Traffic is recorded from the factory's observer
 * callbacks, back-pressure is read from the association when the registry asks, status is polled with the
 * factory's. {@link #remove} takes every meter out of the registry when the association ends.
 */
final class AssociationMeters {

    private final MeterRegistry registry;
    private final String association;
    private final List<Meter> meters = new ArrayList<>();
    private final DistributionSummary received;
    private final DistributionSummary sent;
    private volatile double srttMillis = Double.NaN;
    private volatile double rtoMillis = Double.NaN;
    private volatile double peerWindow = Double.NaN;
    private volatile long unacked;
    private volatile long retransmitted;

    AssociationMeters(MeterRegistry registry, Tags factoryTags, SctpAssociation association) {
        this.registry = registry;
        this.association = tagOf(association);
        Tags tags = factoryTags.and(SctpAssociationTagsFilter.TAG, this.association);
        received = add(DistributionSummary.builder("sctp.association.data.received").baseUnit("bytes")
                .description("Messages received on the association and their size").tags(tags).register(registry));
        sent = add(DistributionSummary.builder("sctp.association.data.sent").baseUnit("bytes")
                .description("Messages sent on the association and their size").tags(tags).register(registry));
        add(Gauge.builder("sctp.association.deliveries.pending", association, SctpAssociation::getPendingDeliveries)
                .description("Received messages of the association waiting for or in delivery").tags(tags)
                .register(registry));
        add(Gauge.builder("sctp.association.sends.in-flight", association, SctpAssociation::getInFlightSends)
                .description("Sends of the association waiting in the kernel").tags(tags).register(registry));
        add(TimeGauge.builder("sctp.association.srtt", this, TimeUnit.MILLISECONDS, m -> m.srttMillis)
                .description("Smoothed round-trip time of the association's primary path").tags(tags)
                .register(registry));
        add(TimeGauge.builder("sctp.association.rto", this, TimeUnit.MILLISECONDS, m -> m.rtoMillis)
                .description("Retransmission timeout of the association's primary path").tags(tags)
                .register(registry));
        add(Gauge.builder("sctp.association.peer.rwnd", this, m -> m.peerWindow).baseUnit("bytes")
                .description("Receive window the peer advertises").tags(tags).register(registry));
        add(Gauge.builder("sctp.association.chunks.unacked", this, m -> m.unacked)
                .description("DATA chunks sent on the association and not yet acknowledged").tags(tags)
                .register(registry));
        add(FunctionCounter.builder("sctp.association.retransmissions", this, m -> m.retransmitted)
                .description("DATA chunks the association retransmitted (SCTP_GET_ASSOC_STATS)").tags(tags)
                .register(registry));
    }

    private <M extends Meter> M add(M meter) {
        meters.add(meter);
        return meter;
    }

    /** Returns the {@code association} tag of {@code association}: its peer's primary address and port. */
    static String tagOf(SctpAssociation association) {
        SctpAddress remote = association.getRemoteAddress();
        InetAddress primary = association.getPrimaryAddress();
        if (primary == null) {
            primary = remote.primaryAddress().orElse(null);
        }
        if (primary == null) {
            return "unknown:" + remote.port();
        }
        String host = primary.getHostAddress();
        // an IPv6 scope (fe80::1%eth0) or literal needs brackets before the port, as in sctp-core's addresses
        return (primary instanceof Inet6Address ? "[" + host + "]" : host) + ":" + remote.port();
    }

    String association() {
        return association;
    }

    void received(int bytes) {
        received.record(bytes);
    }

    void sent(int bytes) {
        sent.record(bytes);
    }

    void update(SctpStatus status, long retransmittedChunks, double millisPerTick) {
        PeerAddressInfo primary = status.primary();
        srttMillis = primary.smoothedRttTicks() * millisPerTick;
        rtoMillis = primary.rto().toMillis();
        peerWindow = status.receiveWindow();
        unacked = status.unackedData();
        retransmitted = retransmittedChunks;
    }

    /** Removes the association's meters from the registry. */
    void remove() {
        for (Meter meter : meters) {
            registry.remove(meter);
        }
    }
}
