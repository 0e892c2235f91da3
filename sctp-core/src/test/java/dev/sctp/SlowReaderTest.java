package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.AssociationPair;
import dev.sctp.test.CProgram;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.SctpCounters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A reader slower than its peer, fed by {@code src/test/c/flood.c}, a C sender in another process that sends 1 KiB
 * messages as fast as the kernel lets it. The reader pauses 2 ms every 25 messages, so it falls behind and the
 * receive window closes again and again, then reads the last messages at full speed. Every message must arrive,
 * whole and in order; what the kernel did is read from /proc/net/sctp/snmp: SctpInDataChunkDiscards counts the
 * zero-window probes the receiver dropped (proof that the window closed), SctpT3RtxExpireds the retransmission
 * timeouts those drops cost the sender (see {@link SctpOptions#SLOW_READER_RCVBUF}).
 */
@RequiresSctp
class SlowReaderTest {

    private static final Path ASSOCIATIONS = Path.of("/proc/net/sctp/assocs");
    private static final int MESSAGES = 6000;
    // The last messages are read at full speed: a probe dropped in the sender's final packets has no later data to
    // report it missing, so only a timeout could recover it (documented at SLOW_READER_RCVBUF).
    private static final int CATCH_UP = 1000;
    private static final int SIZE = 1024;

    @Test
    void withTheSlowReaderBufferAReaderThatFallsBehindSlowsTheSenderWithoutTimeouts() throws Exception {
        Result r = floodASlowReader(SctpOptions.SLOW_READER_RCVBUF);
        assertThat(r.receiveBuffer).as("SO_RCVBUF read back (Linux doubles the value set; SO_RCVBUFFORCE needs"
                + " CAP_NET_ADMIN, else net.core.rmem_max caps it)").isEqualTo(2 * SctpOptions.SLOW_READER_RCVBUF);
        assertThat(r.probesDropped).as("zero-window probes dropped: the reader fell behind and the window closed")
                .isPositive();
        assertThat(r.timeouts).as("retransmission timeouts at the sender (SctpT3RtxExpireds)").isZero();
    }

    @Test
    void withTheDefaultBufferTheSameReaderCostsTheSenderTimeouts() throws Exception {
        Result r = floodASlowReader(0);
        assertThat(r.probesDropped).as("zero-window probes dropped").isPositive();
        assertThat(r.timeouts).as("retransmission timeouts at the sender with the kernel's default window").isPositive();
    }

    /** Runs the scenario with {@code receiveBuffer} set on the listener (0: the kernel's default). */
    private static Result floodASlowReader(int receiveBuffer) throws Exception {
        Path program = CProgram.compile("flood");
        awaitNoAssociations();
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            if (receiveBuffer > 0) {
                server.setOption(SctpOptions.SO_RCVBUF, receiveBuffer);
            }
            SctpCounters before = SctpCounters.read();
            int readBack;
            try (ExternalPeer flood = ExternalPeer.start(program.toString(), "127.0.0.1",
                    String.valueOf(server.localAddress().port()), String.valueOf(MESSAGES), String.valueOf(SIZE));
                    SctpSocket socket = server.accept(AssociationPair.TIMEOUT)) {
                readBack = socket.getOption(SctpOptions.SO_RCVBUF);
                socket.setReadTimeout(AssociationPair.TIMEOUT);
                ByteBuffer in = ByteBuffer.allocateDirect(4096).order(ByteOrder.BIG_ENDIAN);
                ReceiveInfo info = new ReceiveInfo();
                int next = 0;
                while (next < MESSAGES) {
                    in.clear();
                    int n = socket.receive(in, info);
                    assertThat(n).as("message %d", next).isEqualTo(SIZE);
                    assertThat(info.isComplete()).isTrue();
                    assertThat(in.getInt(0)).as("sequence number").isEqualTo(next);
                    next++;
                    if (next % 25 == 0 && next < MESSAGES - CATCH_UP) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                    }
                }
                assertThat(socket.receive(in, info)).as("end of stream after the last message").isEqualTo(-1);
                socket.close();
                assertThat(flood.awaitOutput(out -> out.contains("sent "), AssociationPair.TIMEOUT))
                        .contains("sent " + MESSAGES);
            }
            SctpCounters after = SctpCounters.read();
            Result r = new Result(readBack, after.since(before, "SctpInDataChunkDiscards"),
                    after.since(before, "SctpT3RtxExpireds"), after.since(before, "SctpFastRetransmits"));
            System.out.println("SlowReaderTest: SO_RCVBUF " + (receiveBuffer > 0 ? receiveBuffer : "default")
                    + " reads " + r.receiveBuffer + "; " + MESSAGES + " messages: SctpInDataChunkDiscards +"
                    + r.probesDropped + ", SctpFastRetransmits +" + r.fastRetransmits + ", SctpT3RtxExpireds +"
                    + r.timeouts);
            return r;
        }
    }

    private record Result(int receiveBuffer, long probesDropped, long timeouts, long fastRetransmits) {
    }

    /**
     * The counters are global, so no other association may be alive while they are compared: waits for earlier
     * tests' associations to finish their shutdown, and fails with the table if one lingers.
     */
    private static void awaitNoAssociations() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<String> rows;
        while (!(rows = associationRows()).isEmpty()) {
            assertThat(System.nanoTime() - deadline).as("associations still in " + ASSOCIATIONS + ": " + rows)
                    .isNegative();
            Thread.sleep(100);
        }
    }

    private static List<String> associationRows() throws IOException {
        List<String> lines = Files.readAllLines(ASSOCIATIONS);
        return lines.subList(Math.min(1, lines.size()), lines.size()).stream().filter(l -> !l.isBlank()).toList();
    }
}
