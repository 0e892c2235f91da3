package dev.sctp;

import static dev.sctp.test.ProcessResources.openFds;
import static dev.sctp.test.ProcessResources.residentBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.internal.linux.EpollPoller;
import dev.sctp.internal.linux.FileDescriptor;
import dev.sctp.internal.linux.NativeBuffer;
import dev.sctp.internal.linux.StagingPool;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reliability scenario 5 (churn), the concurrent half; {@link ResourceTest} runs 10,000 sequential connect/close
 * cycles. Rounds of 1,000 concurrent associations, each carrying a message both ways, are opened and closed: after
 * every round the fds, threads and native buffers are back to the baseline exactly, and the process's resident memory
 * stops growing (it does not shrink back to the baseline, because the JVM keeps the heap and malloc keeps arenas, so
 * it is compared round to round).
 */
@RequiresSctp
class ChurnTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;
    private static final int ASSOCIATIONS = 1_000;
    private static final int ROUNDS = 4;
    /** Resident memory a round may add once warm: noise of the JIT, GC and malloc, far below a leak's 1,000 x. */
    private static final long RSS_SLACK = 24L << 20;

    @Test
    void thousandConcurrentAssociationsOpenedAndClosedReturnFdsThreadsAndMemoryToTheBaseline() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            SctpAddress address = server.localAddress();
            round(server, address, 20); // warm up: the poller and the classes are loaded once
            long fds = openFds();
            int owned = FileDescriptor.openCount();
            long buffers = liveBuffers();
            long bytes = liveBytes();
            int pollerThreads = EpollPoller.shared().liveThreads();
            int threads = Thread.activeCount();

            List<Long> rss = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                long peakFds = round(server, address, ASSOCIATIONS);
                assertThat(peakFds).as("fds while %d associations were open", ASSOCIATIONS).isGreaterThanOrEqualTo(
                        fds + 2L * ASSOCIATIONS);
                assertThat(openFds()).as("entries in /proc/self/fd after round %d", r).isEqualTo(fds);
                assertThat(FileDescriptor.openCount()).as("fds owned by the library").isEqualTo(owned);
                assertThat(liveBuffers()).as("native buffers outside the shared staging pool").isEqualTo(buffers);
                assertThat(liveBytes()).as("native bytes outside the shared staging pool").isEqualTo(bytes);
                assertThat(EpollPoller.shared().liveThreads()).as("poller threads").isEqualTo(pollerThreads);
                assertThat(Thread.activeCount()).as("live threads").isLessThanOrEqualTo(threads);
                System.gc();
                rss.add(residentBytes());
            }
            System.out.printf("ChurnTest: %d rounds of %d concurrent associations, fds %d, threads %d, resident"
                    + " MiB after each round %s%n", ROUNDS, ASSOCIATIONS, fds, threads,
                    rss.stream().map(b -> b >> 20).toList());
            // the first round warms the heap and malloc's arenas; later rounds must not keep adding
            for (int r = 2; r < ROUNDS; r++) {
                assertThat(rss.get(r)).as("resident bytes after round %d vs round 1", r).isLessThanOrEqualTo(
                        rss.get(1) + RSS_SLACK);
            }
        }
    }

    /** Opens {@code count} associations at once, sends a message each way on each, closes all; returns peak fds. */
    private static long round(SctpServerSocket server, SctpAddress address, int count) throws IOException {
        List<SctpSocket> sockets = new ArrayList<>(2 * count);
        ByteBuffer out = ByteBuffer.allocateDirect(64);
        ByteBuffer in = ByteBuffer.allocateDirect(64);
        ReceiveInfo info = new ReceiveInfo();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(SctpSocket.dial(address, TIMEOUT));
                sockets.add(server.accept(TIMEOUT));
            }
            long peak = openFds();
            for (int i = 0; i < sockets.size(); i += 2) {
                SctpSocket client = sockets.get(i);
                SctpSocket accepted = sockets.get(i + 1);
                out.clear().putInt(0, i).limit(4);
                client.send(out, SendInfo.DEFAULT);
                in.clear();
                accepted.setReadTimeout(TIMEOUT);
                assertThat(accepted.receive(in, info)).isEqualTo(4);
                out.clear().limit(4);
                accepted.send(out, SendInfo.DEFAULT);
                in.clear();
                client.setReadTimeout(TIMEOUT);
                assertThat(client.receive(in, info)).isEqualTo(4);
                assertThat(in.getInt(0)).isEqualTo(i);
            }
            return peak;
        } finally {
            for (int i = 0; i < sockets.size(); i++) {
                SctpSocket socket = sockets.get(i);
                try {
                    if (i % 4 == 3) {
                        socket.abort(); // every other accepted side ends with ABORT rather than SHUTDOWN
                    }
                } finally {
                    socket.close();
                }
            }
        }
    }

    // The staging pool's idle buffers are shared by all sockets and bounded (StagingPool): not held by a socket.
    private static long liveBuffers() {
        return NativeBuffer.liveBuffers() - StagingPool.pooledBuffers();
    }

    private static long liveBytes() {
        return NativeBuffer.liveBytes() - StagingPool.pooledBytes();
    }
}
