package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.FaultLab;
import dev.sctp.test.PathSink;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.SctpCounters;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Reliability scenario 2 (lossy path): over a path that loses 10% of packets both ways, delays them 20 ms with 5 ms of
 * jitter and reorders a quarter of them, every ordered message reaches an independent receiver in another process
 * ({@code src/test/c/pathsink.c}) exactly once and in order within its stream, and every unordered one exactly once.
 */
@RequiresSctp
class LossyPathTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int PORT = 5302;
    private static final int STREAMS = 8;
    private static final int MESSAGES = 4_000;
    private static final int SIZE = 200;

    @Test
    void orderedMessagesArriveOnceInOrderAndUnorderedOnceOverALossyReorderingPath() throws Exception {
        SctpCounters before = SctpCounters.read();
        int[] ordered = new int[STREAMS];
        int[] unordered = new int[STREAMS];
        long started = System.nanoTime();
        long gap;
        try (FaultLab lab = FaultLab.create(1);
                PathSink sink = PathSink.start(lab, PORT, TIMEOUT);
                SctpSocket socket = SctpSocket.open()) {
            lab.impair(1, "delay", "20ms", "5ms", "reorder", "25%", "50%", "loss", "10%");
            socket.bind(SctpAddress.of(lab.localAddresses(), 0));
            socket.connect(SctpAddress.of(lab.peerAddresses(), PORT), TIMEOUT);
            socket.setWriteTimeout(TIMEOUT);
            ByteBuffer message = ByteBuffer.allocateDirect(SIZE);
            SendInfo unorderedInfo = SendInfo.DEFAULT.withUnordered(true);
            for (int i = 0; i < MESSAGES; i++) {
                int stream = i % STREAMS;
                boolean inOrder = (i / STREAMS) % 2 == 0;
                message.clear();
                PathSink.number(message, inOrder ? ordered[stream]++ : unordered[stream]++,
                        inOrder ? PathSink.ORDERED : PathSink.UNORDERED);
                int sent = socket.send(message, inOrder ? SendInfo.DEFAULT : unorderedInfo, stream, 0);
                assertThat(sent).isEqualTo(SIZE);
            }
            socket.shutdownOutput();
            gap = sink.verify(ordered, unordered, TIMEOUT);
        }
        SctpCounters after = SctpCounters.read();
        System.out.printf("LossyPathTest: %d messages in %d ms, longest pause %d ms, T3 +%d, fast retransmits +%d,"
                + " T3 retransmissions +%d%n", MESSAGES, (System.nanoTime() - started) / 1_000_000, gap,
                after.since(before, "SctpT3RtxExpireds"), after.since(before, "SctpFastRetransmits"),
                after.since(before, "SctpT3Retransmits"));
        assertThat(after.since(before, "SctpT3Retransmits") + after.since(before, "SctpFastRetransmits"))
                .as("the path really lost packets (retransmissions)").isPositive();
    }
}
