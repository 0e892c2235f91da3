package dev.sctp.integration.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpAssociationObserver;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.test.CProgram;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.SctpCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, scenario 8: an INIT flood. A raw-socket program ({@code initflood.c}) sends INITs from random ports and
 * initiate tags on 127.0.0.1-3 to an echo server's port as fast as it can for a few seconds, never answering the
 * INIT-ACKs, while a well-behaved client exchanges messages with the server. The kernel answers every INIT with a
 * state cookie and keeps nothing (RFC 9260 section 5.1.3): no association appears in the kernel or in the library,
 * the server's fds and resident memory stay put, and the client's round trips continue.
 */
@RequiresSctp
class InitFloodTest {

    private static final double FLOOD_SECONDS = 5;

    private static Path initflood;

    @BeforeAll
    static void compile() throws Exception {
        initflood = CProgram.compile("initflood");
    }

    /** The well-behaved client: round trips of 64 bytes, one after the other, and the longest wait for one. */
    private static final class PingPong implements Runnable {

        final AtomicLong roundTrips = new AtomicLong();
        final AtomicLong longestNanos = new AtomicLong();
        volatile boolean stop;
        volatile Throwable failure;
        private final SctpSocket socket;

        PingPong(SctpSocket socket) {
            this.socket = socket;
        }

        @Override
        public void run() {
            byte[] out = new byte[64];
            byte[] in = new byte[64];
            ReceiveInfo info = new ReceiveInfo();
            try {
                while (!stop) {
                    long start = System.nanoTime();
                    socket.send(out, SendInfo.DEFAULT);
                    int n;
                    do {
                        n = socket.receive(in, 0, in.length, info);
                    } while (info.notification() != null);
                    assertThat(n).isEqualTo(out.length);
                    longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                    roundTrips.incrementAndGet();
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        /** Resets the longest wait, so that it covers what follows. */
        void resetLongest() {
            longestNanos.set(0);
        }
    }

    @Test
    void anInitFloodCreatesNoAssociationAndTheClientsRoundTripsContinue() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        try (Harness harness = new Harness()) {
            SctpServerAssociationFactory server = EchoListener.start(harness, "127.0.0.1:0",
                    f -> f.addObserver(new SctpAssociationObserver() {
                        @Override
                        public void associationOpened(SctpAssociation association) {
                            opened.incrementAndGet();
                        }
                    }), m -> { });
            int port = server.getPort();

            try (SctpSocket client = SctpSocket.dial(SctpAddress.parse("127.0.0.1:" + port), Harness.TIMEOUT)) {
                client.setReadTimeout(Harness.TIMEOUT);
                PingPong pingPong = new PingPong(client);
                Thread thread = new Thread(pingPong, "well-behaved-client");
                thread.start();
                try {
                    await().atMost(Harness.TIMEOUT).until(() -> pingPong.roundTrips.get() >= 50
                            || pingPong.failure != null);
                    await().atMost(Harness.TIMEOUT).until(() -> opened.get() == 1);
                    // the rate before: the time the next 200 round trips take
                    long beforeStart = System.nanoTime();
                    long beforeCount = pingPong.roundTrips.get();
                    await().atMost(Harness.TIMEOUT).until(() -> pingPong.roundTrips.get() >= beforeCount + 200
                            || pingPong.failure != null);
                    double rateBefore = rate(pingPong.roundTrips.get() - beforeCount, beforeStart);

                    try (ExternalPeer flooder = ExternalPeer.start(initflood.toString(), "127.0.0.1",
                            String.valueOf(port), String.valueOf(FLOOD_SECONDS), "127.0.0.1,127.0.0.2,127.0.0.3")) {
                        flooder.awaitOutput(out -> out.contains("ready"), PeerScript.TIMEOUT);
                        // baselines with the flooder's pipes already open in this JVM
                        long fds = openFds();
                        long rss = residentKib();
                        int kernelAssociations = kernelAssociations();
                        SctpCounters before = SctpCounters.read();
                        long backlogDropsBefore = backlogDrops();
                        Sample sample = new Sample(fds, rss, kernelAssociations, server.getOpenAssociationCount());

                        flooder.write("go\n");
                        flooder.awaitOutput(out -> out.contains("flooding"), PeerScript.TIMEOUT);
                        long duringStart = System.nanoTime();
                        long duringCount = pingPong.roundTrips.get();
                        pingPong.resetLongest();
                        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() -> {
                            sample.take(server);
                            return flooder.output().contains("init-acks");
                        });
                        double rateDuring = rate(pingPong.roundTrips.get() - duringCount, duringStart);
                        long roundTripsDuring = pingPong.roundTrips.get() - duringCount;
                        long longestMillis = pingPong.longestNanos.get() / 1_000_000;
                        SctpCounters after = SctpCounters.read();
                        long backlogDropped = backlogDrops() - backlogDropsBefore;
                        sample.take(server);

                        Matcher m = Pattern.compile("sent (\\d+) inits in (\\d+) ms rate (\\d+)/s init-acks (\\d+)")
                                .matcher(flooder.output());
                        assertThat(m.find()).as(flooder.output()).isTrue();
                        long inits = Long.parseLong(m.group(1));
                        long floodRate = Long.parseLong(m.group(3));
                        long initAcks = Long.parseLong(m.group(4));
                        long outControl = after.since(before, "SctpOutCtrlChunks");
                        long inControl = after.since(before, "SctpInCtrlChunks");
                        long outOfTheBlue = after.since(before, "SctpOutOfBlues");

                        System.out.printf("FIGURE hostile INIT flood: %d INITs in %s s (%d/s) from random ports on"
                                + " 127.0.0.1-3, %d packets dropped by the kernel's input backlog before SCTP saw them"
                                + " (/proc/net/softnet_stat), %d INIT-ACKs seen by the flooder; kernel SctpOutCtrlChunks +%d,"
                                + " SctpInCtrlChunks +%d, SctpOutOfBlues +%d (the flooder's kernel answers the"
                                + " INIT-ACKs it never asked for with ABORTs), SctpPassiveEstabs +%d; associations in"
                                + " /proc/net/sctp/assocs %d before, %d-%d during; library associations %d-%d;"
                                + " server JVM fds %d before, at most %d; resident memory %d KiB before, at most %d"
                                + " KiB; the client's round trips %.0f/s before, %.0f/s during (%d, longest %d ms)%n",
                                inits, FLOOD_SECONDS, floodRate, backlogDropped, initAcks, outControl, inControl, outOfTheBlue,
                                after.since(before, "SctpPassiveEstabs"), kernelAssociations, sample.minKernel,
                                sample.maxKernel, sample.minLibrary, sample.maxLibrary, fds, sample.maxFds, rss,
                                sample.maxRss, rateBefore, rateDuring, roundTripsDuring, longestMillis);

                        assertThat(pingPong.failure).as("the well-behaved client's failure").isNull();
                        assertThat(inits).as("INITs sent").isGreaterThanOrEqualTo(1000);
                        assertThat(initAcks).as("INIT-ACKs the flooder saw").isPositive();
                        // every INIT-ACK is a control chunk the kernel sent, and it built none of them into state
                        assertThat(outControl).isGreaterThanOrEqualTo(initAcks);
                        assertThat(after.since(before, "SctpPassiveEstabs")).isZero();
                        // at most: an association an earlier test left closing may go away meanwhile
                        assertThat(after.get("SctpCurrEstab")).isLessThanOrEqualTo(before.get("SctpCurrEstab"));
                        assertThat(sample.maxKernel).as("associations in /proc/net/sctp/assocs")
                                .isLessThanOrEqualTo(kernelAssociations);
                        assertThat(sample.minLibrary).isEqualTo(1);
                        assertThat(sample.maxLibrary).isEqualTo(1);
                        assertThat(opened).hasValue(1);
                        // a little slack for a jar the JVM may open on first use; one per INIT would be thousands
                        assertThat(sample.maxFds).as("server JVM fds during the flood").isLessThanOrEqualTo(fds + 2);
                        assertThat(sample.maxRss - rss).as("resident memory growth in KiB during the flood")
                                .isLessThan(64 * 1024);
                        assertThat(roundTripsDuring).as("round trips during the flood").isGreaterThanOrEqualTo(10);
                    }
                    long afterCount = pingPong.roundTrips.get();
                    await().atMost(Harness.TIMEOUT).until(() -> pingPong.roundTrips.get() >= afterCount + 50
                            || pingPong.failure != null);
                    assertThat(pingPong.failure).isNull();
                } finally {
                    pingPong.stop = true;
                    thread.join(Harness.TIMEOUT.toMillis());
                }
            }
        }
    }

    /** The extremes seen while the flood ran. */
    private static final class Sample {
        long maxFds;
        long maxRss;
        int minKernel;
        int maxKernel;
        int minLibrary;
        int maxLibrary;

        Sample(long fds, long rss, int kernel, int library) {
            maxFds = fds;
            maxRss = rss;
            minKernel = kernel;
            maxKernel = kernel;
            minLibrary = library;
            maxLibrary = library;
        }

        void take(SctpServerAssociationFactory server) throws IOException {
            maxFds = Math.max(maxFds, openFds());
            maxRss = Math.max(maxRss, residentKib());
            int kernel = kernelAssociations();
            minKernel = Math.min(minKernel, kernel);
            maxKernel = Math.max(maxKernel, kernel);
            int library = server.getOpenAssociationCount();
            minLibrary = Math.min(minLibrary, library);
            maxLibrary = Math.max(maxLibrary, library);
        }
    }

    private static double rate(long count, long sinceNanos) {
        return count * 1e9 / (System.nanoTime() - sinceNanos);
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static long residentKib() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.split("\\s+")[1])).findFirst().orElseThrow();
    }

    /** Packets the kernel dropped because a CPU's input backlog was full: column 2 of /proc/net/softnet_stat. */
    private static long backlogDrops() throws IOException {
        return Files.readAllLines(Path.of("/proc/net/softnet_stat")).stream().filter(l -> !l.isBlank())
                .mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[1], 16)).sum();
    }

    /** The associations the kernel holds in this namespace: the lines of /proc/net/sctp/assocs after its header. */
    private static int kernelAssociations() throws IOException {
        return (int) Files.readAllLines(Path.of("/proc/net/sctp/assocs")).stream().skip(1)
                .filter(l -> !l.isBlank()).count();
    }
}
