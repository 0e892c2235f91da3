package dev.sctp.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.AssociationState;
import dev.sctp.AssociationStats;
import dev.sctp.PathState;
import dev.sctp.PeerAddressInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpStatus;
import dev.sctp.boot.autoconfigure.SctpProperties;
import dev.sctp.boot.autoconfigure.app.Loopback;
import dev.sctp.integration.connection.CloseReason;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpAssociationException;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.connection.SctpRejection;
import dev.sctp.integration.event.SctpAssociationFailedEvent;
import dev.sctp.integration.event.SctpAssociationRejectedEvent;
import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.PeerAddressChange;
import dev.sctp.test.RequiresSctp;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Meter values from observer callbacks and from polled status, on real associations over loopback. The polled
 * status and statistics come through {@link FactoryMeters.StatusSource} from a table, so the aggregation over
 * several associations can be checked against exact values.
 */
@RequiresSctp
class FactoryMetersTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Loopback loopback = new Loopback();
    private final SctpServerAssociationFactory factory = loopback.server("sctpListener-default");
    private final Map<SctpAssociation, FactoryMeters.Sample> samples = new ConcurrentHashMap<>();

    @AfterEach
    void stopFactories() {
        loopback.close();
    }

    @Test
    void countsMessagesAndBytesAsDistributionSummaries() {
        FactoryMeters meters = new FactoryMeters(registry, factory, false, 250);
        SctpAssociation association = associationOfAListeningFactory();
        for (int i = 0; i < 100; i++) {
            meters.messageReceived(association, i % 4, 1024);
            meters.messageSent(association, i % 4, 1024);
        }
        DistributionSummary received = registry.get("sctp.data.received").tag("name", "default")
                .tag("role", "server").summary();
        assertThat(received.count()).isEqualTo(100);
        assertThat(received.totalAmount()).isEqualTo(102_400);
        assertThat(received.getId().getBaseUnit()).isEqualTo("bytes");
        assertThat(registry.get("sctp.data.sent").summary().totalAmount()).isEqualTo(102_400);
        assertThat(registry.find("sctp.data.received").tagKeys("stream").summary()).isNull();
    }

    @Test
    void tagsStreamsWhenAskedTo() {
        FactoryMeters meters = new FactoryMeters(registry, factory, true, 250);
        SctpAssociation association = associationOfAListeningFactory();
        for (int i = 0; i < 100; i++) {
            meters.messageReceived(association, i % 4, 1024);
        }
        for (int stream = 0; stream < 4; stream++) {
            DistributionSummary summary = registry.get("sctp.data.received").tag("stream", Integer.toString(stream))
                    .summary();
            assertThat(summary.count()).isEqualTo(25);
            assertThat(summary.totalAmount()).isEqualTo(25 * 1024);
        }
    }

    @Test
    void streamTagsAreCappedSoManyStreamsCannotExplodeTheRegistry() {
        registry.config().meterFilter(SctpStreamTagsFilter.of(2));
        FactoryMeters meters = new FactoryMeters(registry, factory, true, 250);
        SctpAssociation association = associationOfAListeningFactory();
        for (int i = 0; i < 40; i++) {
            meters.messageReceived(association, i % 4, 100);
        }
        assertThat(registry.find("sctp.data.received").summaries()).extracting(m -> m.getId().getTag("stream"))
                .containsExactlyInAnyOrder("0", "1");
        assertThat(registry.get("sctp.data.received").tag("stream", "0").summary().count()).isEqualTo(10);
    }

    @Test
    void anAssociationEndedByAnErrorIsNotCalledFailedWhichMeansNeverSetUp() {
        FactoryMeters meters = new FactoryMeters(registry, factory, false, 250);
        SctpAssociation association = associationOfAListeningFactory();
        meters.associationClosed(association, CloseReason.FAILED, new java.io.IOException("EIO"));
        meters.associationClosed(association, CloseReason.ABORTED, null);
        assertThat(registry.get("sctp.associations.aborted").tag("reason", "error").counter().count()).isEqualTo(1);
        assertThat(registry.get("sctp.associations.aborted").tag("reason", "aborted").counter().count())
                .isEqualTo(1);
        assertThat(registry.find("sctp.associations.aborted").tag("reason", "failed").counter()).isNull();
        assertThat(registry.get("sctp.associations.failed").counter().count()).isZero();
    }

    @Test
    void countsAssociationLifecycleAndPathChanges() {
        FactoryMeters meters = new FactoryMeters(registry, factory, false, 250);
        SctpAssociation association = associationOfAListeningFactory();
        meters.associationOpened(association);
        meters.associationOpened(association);
        meters.associationClosed(association, CloseReason.SHUTDOWN, null);
        meters.associationClosed(association, CloseReason.LOST, null);
        meters.notificationReceived(association, new AssociationChange(0, AssociationChange.State.RESTART, 2, 0, 10,
                10, 1, new byte[0]));
        meters.notificationReceived(association, new PeerAddressChange(0, new InetSocketAddress("127.0.0.2", 1),
                PeerAddressChange.State.ADDR_UNREACHABLE, 1, 0, 1));
        meters.notificationReceived(association, new PeerAddressChange(0, new InetSocketAddress("127.0.0.2", 1),
                PeerAddressChange.State.ADDR_MADE_PRIM, 4, 0, 1));
        meters.sendFailed(association, 1, 10, new SocketTimeoutException("slow"));
        assertThat(registry.get("sctp.associations.established").counter().count()).isEqualTo(2);
        assertThat(registry.get("sctp.associations.shutdown").counter().count()).isEqualTo(1);
        assertThat(registry.get("sctp.associations.aborted").tag("reason", "lost").counter().count()).isEqualTo(1);
        assertThat(registry.get("sctp.associations.restarted").counter().count()).isEqualTo(1);
        assertThat(registry.get("sctp.path.changes").tag("state", "unreachable").counter().count()).isEqualTo(1);
        assertThat(registry.get("sctp.path.changes").tag("state", "made_primary").counter().count()).isEqualTo(1);
        assertThat(registry.get("sctp.send.failures").tag("exception", "SocketTimeoutException").counter().count())
                .isEqualTo(1);
    }

    @Test
    void countsRejectedAssociationsByReasonAndNotOversizeMessagesAsFailedSetUps() {
        FactoryMeters meters = new FactoryMeters(registry, factory, false, 250);
        SctpMetrics metrics = new SctpMetrics(() -> List.of(factory), new SctpProperties.Metrics(), null, null);
        metrics.bindTo(registry);
        SctpAssociationException cause = new SctpAssociationException(null, "limit", null);
        meters.associationRejected(SctpAddress.parse("127.0.0.3:1"), SctpRejection.PEER_NOT_ALLOWED, cause);
        meters.associationRejected(null, SctpRejection.PEER_NOT_ALLOWED, cause);
        meters.associationRejected(null, SctpRejection.MAX_MESSAGE_SIZE, cause);
        assertThat(registry.get("sctp.associations.rejected").tag("reason", "peer-not-allowed").tag("name", "default")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("sctp.associations.rejected").tag("reason", "max-message-size").counter().count())
                .isEqualTo(1);
        metrics.onApplicationEvent(new SctpAssociationRejectedEvent(factory, "sctpListener-default", null, "a:1:2:3",
                SctpRejection.MAX_MESSAGE_SIZE, cause));
        metrics.onApplicationEvent(new SctpAssociationRejectedEvent(factory, "sctpListener-default", null, null,
                SctpRejection.MAX_ASSOCIATIONS, cause));
        assertThat(registry.get("sctp.associations.failed").tag("name", "default").counter().count())
                .as("only the association that was never set up").isEqualTo(1);
        metrics.destroy();
    }

    @Test
    void countsFailedAssociationsFromEvents() {
        SctpMetrics metrics = new SctpMetrics(() -> List.of(factory), new SctpProperties.Metrics(), null, null);
        metrics.bindTo(registry);
        metrics.onApplicationEvent(new SctpAssociationFailedEvent(factory, "sctpListener-default",
                SctpAddress.parse("127.0.0.1:1"), null, new SctpAssociationException(null, "limit", null)));
        metrics.onApplicationEvent(new SctpAssociationFailedEvent(factory, "sctpClient-other", null, null, null));
        assertThat(registry.get("sctp.associations.failed").tag("name", "default").counter().count()).isEqualTo(1);
        metrics.destroy();
    }

    @Test
    void pollsStatusAndKeepsRetransmissionsMonotonic() {
        FactoryMeters meters = new FactoryMeters(registry, factory, false, 250, this::sample);
        factory.addObserver(meters);
        factory.start();
        SctpAssociation a = loopback.accept(factory);
        samples.put(a, sample(10, 300, 60_000, 3, 1, 5));
        awaitCount("sctp.associations.established", 1);
        meters.poll();
        assertThat(retransmissions()).isEqualTo(5);
        assertThat(registry.get("sctp.srtt").timeGauge().value(TimeUnit.MILLISECONDS)).isEqualTo(40);
        assertThat(registry.get("sctp.rto").timeGauge().value(TimeUnit.MILLISECONDS)).isEqualTo(300);
        assertThat(registry.get("sctp.peer.rwnd").gauge().value()).isEqualTo(60_000);
        assertThat(registry.get("sctp.chunks.unacked").gauge().value()).isEqualTo(3);
        assertThat(registry.get("sctp.chunks.pending").gauge().value()).isEqualTo(1);

        SctpAssociation b = loopback.accept(factory);
        samples.put(b, sample(25, 500, 20_000, 2, 0, 2));
        samples.put(a, sample(10, 300, 60_000, 3, 1, 7));
        awaitCount("sctp.associations.established", 2);
        meters.poll();
        assertThat(retransmissions()).isEqualTo(9);
        assertThat(registry.get("sctp.srtt").timeGauge().value(TimeUnit.MILLISECONDS)).isEqualTo(100);
        assertThat(registry.get("sctp.peer.rwnd").gauge().value()).isEqualTo(20_000);
        assertThat(registry.get("sctp.chunks.unacked").gauge().value()).isEqualTo(5);

        // the peer shuts a down: its last count stays in the total, and it is polled no more
        loopback.clientOf(a).stop();
        awaitCount("sctp.associations.shutdown", 1);
        meters.poll();
        assertThat(retransmissions()).isEqualTo(9);
        assertThat(registry.get("sctp.chunks.unacked").gauge().value()).isEqualTo(2);

        b.abort();
        await().atMost(Loopback.TIMEOUT).until(() -> registry.find("sctp.associations.aborted")
                .tag("reason", "aborted").counter() != null);
        await().atMost(Loopback.TIMEOUT).until(() -> factory.getAssociations().isEmpty());
        meters.poll();
        assertThat(retransmissions()).isEqualTo(9);
        assertThat(registry.get("sctp.srtt").timeGauge().value()).isNaN();
        assertThat(registry.get("sctp.chunks.unacked").gauge().value()).isZero();
    }

    @Test
    void pollsTheRealSocketsByDefault() {
        FactoryMeters meters = new FactoryMeters(registry, factory, false, 250);
        factory.addObserver(meters);
        factory.start();
        SctpAssociation association = loopback.accept(factory);
        awaitCount("sctp.associations.established", 1);
        meters.poll();
        assertThat(registry.get("sctp.peer.rwnd").gauge().value()).isPositive();
        assertThat(registry.get("sctp.rto").timeGauge().value(TimeUnit.MILLISECONDS)).isPositive();
        assertThat(registry.get("sctp.srtt").timeGauge().value(TimeUnit.MILLISECONDS)).isNotNaN();
        assertThat(registry.get("sctp.chunks.pending").gauge().value()).isZero();
        assertThat(retransmissions()).isZero();
        assertThat(association.isOpen()).isTrue();
    }

    private SctpAssociation associationOfAListeningFactory() {
        factory.start();
        return loopback.accept(factory);
    }

    private FactoryMeters.Sample sample(SctpAssociation association) throws IOException {
        FactoryMeters.Sample sample = samples.get(association);
        if (sample == null) {
            throw new IOException("no sample for " + association.getId());
        }
        return sample;
    }

    private void awaitCount(String counter, double count) {
        await().atMost(Loopback.TIMEOUT).until(() -> registry.get(counter).counter().count() == count);
    }

    private double retransmissions() {
        return registry.get("sctp.retransmissions").functionCounter().count();
    }

    private static FactoryMeters.Sample sample(long srttTicks, long rtoMillis, long window, int unacked,
            int pending, long retransmitted) {
        PeerAddressInfo primary = new PeerAddressInfo(new InetSocketAddress("127.0.0.1", 1), PathState.ACTIVE, 4380,
                srttTicks, Duration.ofMillis(rtoMillis), 65535);
        return new FactoryMeters.Sample(new SctpStatus(1, AssociationState.ESTABLISHED, window, unacked, pending,
                10, 10, 65000, primary), new AssociationStats(0, null, 0, 0, 0, 0, retransmitted, 0, 0, 0, 0, 0, 0,
                0, 0, 0));
    }
}
