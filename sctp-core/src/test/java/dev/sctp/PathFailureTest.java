package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.NotificationType;
import dev.sctp.notification.PeerAddressChange;
import dev.sctp.notification.SctpNotification;
import dev.sctp.test.FaultLab;
import dev.sctp.test.PathSink;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.SctpCounters;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Reliability scenario 1 (path failure), against an independent receiver ({@code src/test/c/pathsink.c}) in another
 * process and another network namespace, over two paths of a {@link FaultLab}: 100,000 messages on 8 streams; the
 * primary path is cut mid-stream and later restored. Every message must arrive, in order within its stream, the
 * association must stay up, and traffic must move to the second path within the bound the RTO settings give.
 *
 * <p>Linux enables the potentially-failed state (RFC 7829, {@code net.sctp.pf_enable=1}, {@code pf_retrans=0}):
 * the first retransmission timeout on the cut path marks it potentially failed, so traffic moves within a few of
 * that path's RTOs (read just before the cut; at least RTO.min). The path is reported unreachable only after
 * path-max-retransmissions more timeouts, each waiting the doubled RTO; that bound is checked with the telecom
 * profile, where it is short.
 */
@RequiresSctp
class PathFailureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int PORT = 5301;
    private static final int STREAMS = 8;
    private static final int MESSAGES = 100_000;
    private static final int SIZE = 64;
    /** Scheduling slack of the emulated VM on top of the kernel's own timers. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    @Test
    void aCutPrimaryPathFailsOverWithinOneRtoMinOnKernelDefaults() throws Exception {
        Run run = transfer(null, false);
        Duration bound = failoverBound(run);
        System.out.printf("PathFailureTest[defaults]: fail-over %d ms (RTO at the cut %d ms, bound %d ms), T3 +%d, %s%n",
                run.gapMillis, run.rtoAtCutMillis, bound.toMillis(), run.t3, run.events);
        assertThat(run.rtoAtCutMillis).as("the cut path's RTO, clamped to RTO.min (1 s by default)")
                .isGreaterThanOrEqualTo(1000);
        assertThat(run.gapMillis).as("longest pause at the receiver (fail-over time), ms").isLessThanOrEqualTo(
                bound.toMillis());
    }

    /**
     * Three of the cut path's RTOs (the timeout that marks it potentially failed and the backed-off one after it)
     * plus the emulated VM's slack. Measured in the VM: about 2 RTOs with the kernel defaults (RTO 1 s); with the
     * telecom profile (RTO 140 ms at the cut) the VM's scheduling dominates, about 1.0-1.5 s.
     */
    private static Duration failoverBound(Run run) {
        return Duration.ofMillis(3 * run.rtoAtCutMillis).plus(SLACK);
    }

    @Test
    void aCutPrimaryPathIsReportedUnreachableAndBackWithinTheTelecomBounds() throws Exception {
        RtoInfo rto = new RtoInfo(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(1));
        int pathMaxRetransmissions = 2;
        Duration heartbeat = Duration.ofSeconds(1);
        Run run = transfer(new Profile(rto, pathMaxRetransmissions, heartbeat), true);

        Duration failover = failoverBound(run);
        // T3 on the cut path, then pathMaxRetransmissions heartbeats, each timeout doubling the RTO up to RTO.max
        long unreachable = 0;
        for (int k = 0; k <= pathMaxRetransmissions; k++) {
            unreachable += Math.min(run.rtoAtCutMillis << k, rto.max().toMillis());
        }
        Duration unreachableBound = Duration.ofMillis(unreachable).plus(SLACK);
        // an unreachable path is probed every heartbeat interval plus one RTO (jittered by at most half of it)
        Duration availableBound = heartbeat.plus(rto.max().multipliedBy(3).dividedBy(2)).plus(SLACK);
        System.out.printf("PathFailureTest[telecom]: fail-over %d ms (RTO at the cut %d ms, bound %d), unreachable after %d ms (bound %d),"
                + " available after %d ms (bound %d), T3 +%d, %s%n", run.gapMillis, run.rtoAtCutMillis,
                failover.toMillis(),
                run.unreachableMillis, unreachableBound.toMillis(), run.availableMillis, availableBound.toMillis(),
                run.t3, run.events);
        assertThat(run.gapMillis).as("fail-over time, ms").isLessThanOrEqualTo(failover.toMillis());
        assertThat(run.unreachableMillis).as("cut to ADDR_UNREACHABLE, ms").isBetween(0L,
                unreachableBound.toMillis());
        assertThat(run.availableMillis).as("restore to ADDR_AVAILABLE, ms").isBetween(0L,
                availableBound.toMillis());
    }

    /** The telecom settings: RTO, path-max-retransmissions and heartbeat interval. */
    private record Profile(RtoInfo rto, int pathMaxRetransmissions, Duration heartbeat) {
    }

    /** What one transfer measured. */
    private record Run(long gapMillis, long rtoAtCutMillis, long unreachableMillis, long availableMillis, long t3,
            List<String> events) {
    }

    private record Event(long nanos, SctpNotification notification) {
    }

    /**
     * Sends {@link #MESSAGES} over both paths with the primary cut at 30% and restored at 60% (after it was reported
     * unreachable, when {@code awaitUnreachable}), then checks the receiver's account and the association's events.
     */
    private static Run transfer(Profile profile, boolean awaitUnreachable) throws Exception {
        SctpCounters before = SctpCounters.read();
        try (FaultLab lab = FaultLab.create(2);
                PathSink sink = PathSink.start(lab, PORT, TIMEOUT);
                SctpSocket socket = SctpSocket.open()) {
            if (profile != null) {
                socket.setOption(SctpOptions.RTO_INFO, profile.rto());
            }
            socket.bind(SctpAddress.of(lab.localAddresses(), 0));
            socket.subscribe(NotificationType.ASSOC_CHANGE, NotificationType.PEER_ADDR_CHANGE,
                    NotificationType.SHUTDOWN_EVENT);
            socket.connect(SctpAddress.of(lab.peerAddresses(), PORT), TIMEOUT);
            if (profile != null) {
                PeerAddressParameters params = socket.getPeerAddressParameters(null);
                socket.setPeerAddressParameters(params.withPathMaxRetransmissions(profile.pathMaxRetransmissions())
                        .withHeartbeatInterval(profile.heartbeat()));
            }
            InetAddress primary = InetAddress.getByName(lab.peer(1));
            assertThat(socket.getOption(SctpOptions.PRIMARY_ADDR).getAddress()).as("primary path").isEqualTo(
                    primary);

            List<Event> events = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> readEvents(socket, events), "path-events");
            reader.start();

            ByteBuffer message = ByteBuffer.allocateDirect(SIZE);
            int[] next = new int[STREAMS];
            long cutAt = 0;
            long rtoAtCut = 0;
            long restoredAt = 0;
            for (int i = 0; i < MESSAGES; i++) {
                int stream = i % STREAMS;
                message.clear();
                PathSink.number(message, next[stream]++, PathSink.ORDERED);
                assertThat(socket.send(message, SendInfo.DEFAULT, stream, 0)).isEqualTo(SIZE);
                if (i == MESSAGES * 3 / 10) {
                    rtoAtCut = socket.peerAddressInfo(new InetSocketAddress(primary, PORT)).rto().toMillis();
                    lab.cut(1);
                    cutAt = System.nanoTime();
                } else if (i == MESSAGES * 6 / 10) {
                    if (awaitUnreachable) {
                        awaitPathEvent(events, primary, PeerAddressChange.State.ADDR_UNREACHABLE, cutAt);
                    }
                    lab.restore(1);
                    restoredAt = System.nanoTime();
                }
            }
            if (awaitUnreachable) {
                awaitPathEvent(events, primary, PeerAddressChange.State.ADDR_AVAILABLE, restoredAt);
            }
            socket.shutdownOutput();
            long gap = sink.verify(next, new int[STREAMS], TIMEOUT);
            reader.join(TIMEOUT.toMillis());
            List<String> seen = events.stream().map(e -> describe(e.notification())).toList();
            assertThat(events).as("association events: %s", seen).noneMatch(e -> e.notification()
                    instanceof AssociationChange change && change.state() != AssociationChange.State.COMM_UP
                    && change.state() != AssociationChange.State.SHUTDOWN_COMP);
            return new Run(gap, rtoAtCut, millisAfter(events, primary, PeerAddressChange.State.ADDR_UNREACHABLE, cutAt),
                    millisAfter(events, primary, PeerAddressChange.State.ADDR_AVAILABLE, restoredAt),
                    SctpCounters.read().since(before, "SctpT3RtxExpireds"), seen);
        }
    }

    private static void readEvents(SctpSocket socket, List<Event> events) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
        ReceiveInfo info = new ReceiveInfo();
        try {
            while (true) {
                buffer.clear();
                if (socket.receive(buffer, info) < 0) {
                    return;
                }
                SctpNotification notification = info.notification();
                if (info.isNotification() && notification != null) {
                    events.add(new Event(System.nanoTime(), notification));
                }
            }
        } catch (IOException e) {
            // the socket closed at the end of the test
        }
    }

    private static void awaitPathEvent(List<Event> events, InetAddress address, PeerAddressChange.State state,
            long since) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (millisAfter(events, address, state, since) < 0) {
            assertThat(System.nanoTime()).as("%s for %s; events so far: %s", state, address, events).isLessThan(
                    deadline);
            Thread.sleep(10);
        }
    }

    /** Milliseconds from {@code since} to the first {@code state} event for {@code address} after it, or -1. */
    private static long millisAfter(List<Event> events, InetAddress address, PeerAddressChange.State state,
            long since) {
        for (Event e : events) {
            if (e.nanos() >= since && e.notification() instanceof PeerAddressChange change && change.state() == state
                    && change.address() != null && change.address().getAddress().equals(address)) {
                return (e.nanos() - since) / 1_000_000;
            }
        }
        return -1;
    }

    private static String describe(SctpNotification notification) {
        if (notification instanceof PeerAddressChange change) {
            InetSocketAddress address = change.address();
            return change.state() + " " + (address == null ? "?" : address.getAddress().getHostAddress());
        }
        if (notification instanceof AssociationChange change) {
            return change.state().toString();
        }
        return notification.type().toString();
    }
}
