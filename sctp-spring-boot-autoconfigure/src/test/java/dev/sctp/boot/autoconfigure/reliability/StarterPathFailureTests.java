package dev.sctp.boot.autoconfigure.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.event.SctpAssociationLostEvent;
import dev.sctp.integration.event.SctpPeerAddressChangeEvent;
import dev.sctp.integration.event.SctpSendFailedEvent;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.notification.PeerAddressChange;
import dev.sctp.test.FaultLab;
import dev.sctp.test.RequiresSctp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * Reliability scenario 1 through the starter: a Boot application whose client {@code peer} is configured only by
 * properties ({@code sctp.clients.peer.*}, two local and two peer addresses of a {@link FaultLab}, the telecom
 * profile) sends numbered messages on 8 streams through its outbound channel to an independent C receiver
 * ({@code tallysink.c}) in the peer namespace. The primary path is cut mid-stream and later restored. Every message
 * must arrive once and in order per stream (the accounting of scenario 4: sends that succeeded = messages received,
 * and no send-failed event), the association must stay up, and the starter's path metric and health details must
 * follow the path down and back.
 */
@RequiresSctp
class StarterPathFailureTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PORT = 5311;
    private static final int STREAMS = 8;
    private static final int MESSAGES = 20_000;
    private static final int SIZE = 64;
    /** Scheduling slack of the emulated VM on top of the kernel's own timers. */
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static final Duration RTO_MIN = Duration.ofMillis(100);
    private static final Duration RTO_MAX = Duration.ofSeconds(1);
    private static final int PATH_MAX_RETRANSMISSIONS = 2;
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);

    @Test
    void aCutPrimaryPathFailsOverWithoutLossAndTheStartersMetricsAndHealthFollowIt() throws Exception {
        try (FaultLab lab = FaultLab.create(2);
                TallySink sink = TallySink.startIn(lab, PORT, TIMEOUT);
                ConfigurableApplicationContext app = Apps.run(ReliabilityClient.class,
                        "sctp.clients.peer.addresses=" + lab.peer(1) + "/" + lab.peer(2) + ":" + PORT,
                        "sctp.clients.peer.local-addresses=" + lab.local(1) + "/" + lab.local(2) + ":0",
                        "sctp.clients.peer.streams.outbound=" + STREAMS,
                        "sctp.clients.peer.rto.initial=" + RTO_MAX.toMillis() + "ms",
                        "sctp.clients.peer.rto.min=" + RTO_MIN.toMillis() + "ms",
                        "sctp.clients.peer.rto.max=" + RTO_MAX.toMillis() + "ms",
                        "sctp.clients.peer.path-max-retransmissions=" + PATH_MAX_RETRANSMISSIONS,
                        "sctp.clients.peer.heartbeat.interval=" + HEARTBEAT.toMillis() + "ms")) {
            EventLog events = app.getBean(EventLog.class);
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ReliabilityClient.health(app).getDetails())
                    .containsEntry("connected", true).containsEntry("pathsActive", 2L));
            String association = app.getBean(SctpClientAssociationFactory.class).getAssociation().getId();
            InetAddress primary = InetAddress.getByName(lab.peer(1));
            MessageChannel outbound = app.getBean("peerOutbound", MessageChannel.class);

            // the faults come from another thread, so that the sender never pauses and every pause the receiver
            // sees is the network's
            Faults faults = new Faults(lab, events, app, registry, primary);
            Thread faulting = new Thread(faults, "path-faults");
            int[] next = new int[STREAMS];
            long cutIndex = -1;
            long restoreIndex = -1;
            for (int i = 0; i < MESSAGES || faulting.isAlive(); i++) {
                int stream = i % STREAMS;
                assertThat(outbound.send(MessageBuilder.withPayload(TallySink.number(next[stream], SIZE))
                        .setHeader(SctpHeaders.STREAM_ID, stream).build())).isTrue();
                next[stream]++;
                if (i == MESSAGES / 4) {
                    faulting.start();
                }
                if (cutIndex < 0 && faults.cutAt != 0) {
                    cutIndex = i;
                }
                if (restoreIndex < 0 && faults.restoredAt != 0) {
                    restoreIndex = i;
                }
            }
            faulting.join();
            assertThat(faults.failure).as("the fault thread's failure").isNull();
            long cutAt = faults.cutAt;
            long restoredAt = faults.restoredAt;
            Health whileCut = faults.whileCut;
            assertThat(whileCut).as("health while the path was cut").isNotNull();
            assertThat(pathChanges(registry, "available")).as("sctp.path.changes{state=available}")
                    .isGreaterThanOrEqualTo(1);
            assertThat(whileCut.getStatus()).as("health while a path is down").isEqualTo(Status.UP);
            assertThat(app.getBean(SctpClientAssociationFactory.class).getAssociation().getId())
                    .as("the association that carried the messages").isEqualTo(association);
            assertThat(events.since(0, SctpAssociationLostEvent.class)).as("lost associations").isEmpty();
            long unreachable = pathEvent(events, cutAt, primary, PeerAddressChange.State.ADDR_UNREACHABLE);
            long available = pathEvent(events, restoredAt, primary, PeerAddressChange.State.ADDR_AVAILABLE);

            app.close();
            TallySink.Account account = sink.awaitEnd(TIMEOUT);
            long sent = 0;
            for (int s = 0; s < STREAMS; s++) {
                sent += next[s];
            }
            int failed = events.since(0, SctpSendFailedEvent.class).size();
            // T3 on the cut path marks it potentially failed (fail-over); path-max-retransmissions more timeouts,
            // each doubling the RTO but at most RTO.max, make it unreachable
            long unreachableBound = faults.cutMillis + (PATH_MAX_RETRANSMISSIONS + 1) * RTO_MAX.toMillis()
                    + SLACK.toMillis();
            // an unreachable path is probed every heartbeat interval plus one RTO (jittered by up to half of it)
            long availableBound = faults.restoreMillis + HEARTBEAT.plus(RTO_MAX.multipliedBy(3).dividedBy(2))
                    .plus(SLACK).toMillis();
            System.out.printf("FIGURE StarterPathFailureTests: telecom profile (RTO %d-%d ms, path-max-retrans %d,"
                    + " heartbeat %d ms), %d messages on %d streams: sent %d, received %d, send-failed events %d,"
                    + " fail-over (longest pause at the receiver) %d ms, ADDR_UNREACHABLE %d ms after the cut began"
                    + " (bound %d; tc took %d ms), ADDR_AVAILABLE %d ms after the restore began (bound %d; tc took"
                    + " %d ms), health while cut %s; the longest pause ended with message %d (cut after message ~%d,"
                    + " restored after ~%d)%n",
                    RTO_MIN.toMillis(), RTO_MAX.toMillis(), PATH_MAX_RETRANSMISSIONS, HEARTBEAT.toMillis(), sent,
                    STREAMS, sent, account.received(), failed, account.maxGapMillis(), unreachable,
                    unreachableBound, faults.cutMillis, available, availableBound, faults.restoreMillis,
                    whileCut.getDetails().get("paths"), account.gapSequence() * STREAMS + account.gapStream(),
                    cutIndex, restoreIndex);
            assertThat(account.end()).as("how the receiver's association ended").isEqualTo("shutdown");
            assertThat(account.errors()).as("messages out of order or twice").isZero();
            assertThat(account.received()).as("received = sent").isEqualTo(sent);
            for (int s = 0; s < STREAMS; s++) {
                assertThat(account.streams().get(s)).as("stream %d's account", s)
                        .isEqualTo(new TallySink.Stream(next[s], 0, next[s] - 1, 0));
            }
            assertThat(failed).as("send-failed events").isZero();
            assertThat(unreachable).as("cut to ADDR_UNREACHABLE, ms").isBetween(0L, unreachableBound);
            assertThat(available).as("restore to ADDR_AVAILABLE, ms").isBetween(0L, availableBound);
            // fail-over: the cut path's first timeouts (at most RTO.max each while backing off) move the traffic
            assertThat(account.maxGapMillis()).as("fail-over time, ms")
                    .isLessThanOrEqualTo(3 * RTO_MAX.toMillis() + SLACK.toMillis());
        }
    }

    /**
     * Cuts the primary path, waits until the event, the metric and the health details report it down, restores it
     * and waits until they report it back.
     */
    private static final class Faults implements Runnable {

        private final FaultLab lab;
        private final EventLog events;
        private final ConfigurableApplicationContext app;
        private final MeterRegistry registry;
        private final InetAddress primary;
        volatile long cutAt;
        volatile long restoredAt;
        /** How long running tc took: the fault is in place somewhere within it, both ways only at its end. */
        volatile long cutMillis;
        volatile long restoreMillis;
        volatile @Nullable Health whileCut;
        volatile @Nullable Throwable failure;

        Faults(FaultLab lab, EventLog events, ConfigurableApplicationContext app, MeterRegistry registry,
                InetAddress primary) {
            this.lab = lab;
            this.events = events;
            this.app = app;
            this.registry = registry;
            this.primary = primary;
        }

        @Override
        public void run() {
            try {
                // the times are taken before tc runs, which takes a while in the emulated VM
                long cut = System.nanoTime();
                lab.cut(1);
                cutMillis = (System.nanoTime() - cut) / 1_000_000;
                cutAt = cut;
                await().atMost(TIMEOUT).until(() -> pathEvent(events, cut, primary,
                        PeerAddressChange.State.ADDR_UNREACHABLE) >= 0);
                // the other path may be potentially failed for a while too (a timeout on it in the slow VM); Linux
                // clears that only with a heartbeat, which waits while data flows, so only the cut path is checked
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(paths(app)).as("health's paths")
                        .containsEntry(lab.peer(1), "INACTIVE"));
                whileCut = ReliabilityClient.health(app);
                assertThat(pathChanges(registry, "unreachable")).as("sctp.path.changes{state=unreachable}")
                        .isGreaterThanOrEqualTo(1);
                long restored = System.nanoTime();
                lab.restore(1);
                restoreMillis = (System.nanoTime() - restored) / 1_000_000;
                restoredAt = restored;
                await().atMost(TIMEOUT).until(() -> pathEvent(events, restored, primary,
                        PeerAddressChange.State.ADDR_AVAILABLE) >= 0);
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ReliabilityClient.health(app).getDetails())
                        .containsEntry("pathsActive", 2L).containsEntry("pathsInactive", 0L));
            } catch (Throwable e) {
                failure = e;
            }
        }
    }

    /** Returns the health's state of each path, by peer address. */
    private static Map<Object, Object> paths(ConfigurableApplicationContext app) {
        Object paths = ReliabilityClient.health(app).getDetails().get("paths");
        assertThat(paths).as("the health's paths").isInstanceOf(Map.class);
        return Map.copyOf((Map<?, ?>) paths);
    }

    private static long pathEvent(EventLog events, long since, InetAddress address, PeerAddressChange.State state) {
        return events.millisTo(since, SctpPeerAddressChangeEvent.class, e -> e.getState() == state
                && e.getAddress() != null && e.getAddress().getAddress().equals(address));
    }

    private static double pathChanges(MeterRegistry registry, String state) {
        Counter counter = registry.find("sctp.path.changes").tag("name", "peer").tag("state", state).counter();
        return counter == null ? 0 : counter.count();
    }
}
