package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.AssociationPair;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A reader slower than its peer, fed by {@code src/test/c/flood.c}, a C sender in another process that sends as fast
 * as the kernel lets it: every message arrives, whole and in order, through the read-ahead of the receive path. The
 * kernel's count of retransmission timeouts (SctpT3RtxExpireds in /proc/net/sctp/snmp) is printed: Linux drops DATA
 * at a closed window, so a reader this slow costs the sender timeouts (see {@link SctpSocket#receive(ByteBuffer,
 * ReceiveInfo)}); that is measured, not asserted.
 */
@RequiresSctp
class SlowReaderTest {

    private static final Path SOURCE = Path.of("src", "test", "c", "flood.c");
    private static final int MESSAGES = 3000;
    private static final int SIZE = 1024;

    @Test
    void aFastSenderInAnotherProcessIntoASlowReaderLosesNothingAndKeepsTheOrder() throws Exception {
        Path program = compileFlood();
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            long t3Before = snmp("SctpT3RtxExpireds");
            try (ExternalPeer flood = ExternalPeer.start(program.toAbsolutePath().toString(), "127.0.0.1",
                    String.valueOf(server.localAddress().port()), String.valueOf(MESSAGES), String.valueOf(SIZE));
                    SctpSocket socket = server.accept(AssociationPair.TIMEOUT)) {
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
                    if (next % 25 == 0) {
                        // The slow reader: it falls behind the sender, so the receive queue fills up.
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                    }
                }
                assertThat(socket.receive(in, info)).as("end of stream after the last message").isEqualTo(-1);
                socket.close();
                assertThat(flood.awaitOutput(out -> out.contains("sent "), AssociationPair.TIMEOUT))
                        .contains("sent " + MESSAGES);
            }
            System.out.println("SlowReaderTest: SctpT3RtxExpireds +" + (snmp("SctpT3RtxExpireds") - t3Before)
                    + " for " + MESSAGES + " messages");
        }
    }

    private static Path compileFlood() throws IOException, InterruptedException {
        assertThat(SOURCE).as("the flood sender (run the tests from the sctp-core directory)").isRegularFile();
        Path dir = Files.createDirectories(Path.of("target", "flood"));
        Path program = dir.resolve("flood");
        Process cc = new ProcessBuilder("cc", "-O2", "-Wall", "-Werror", "-o", program.toString(), SOURCE.toString())
                .redirectErrorStream(true).start();
        String out = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cc.waitFor(2, TimeUnit.MINUTES)).as("cc finished").isTrue();
        assertThat(cc.exitValue()).as("cc " + SOURCE + ":\n" + out).isZero();
        return program;
    }

    /** Reads one counter of /proc/net/sctp/snmp ("SctpT3RtxExpireds   22"). */
    static long snmp(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/net/sctp/snmp"))) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals(name)) {
                return Long.parseLong(parts[1]);
            }
        }
        throw new AssertionError(name + " not found in /proc/net/sctp/snmp");
    }

}
