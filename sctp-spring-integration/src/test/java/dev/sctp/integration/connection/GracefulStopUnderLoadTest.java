package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.integration.Harness;
import dev.sctp.integration.KernelCounters;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.test.PythonInterpreter;
import dev.sctp.test.RequiresSctp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;

/**
 * Stopping a factory while a peer in another process (Python) keeps sending on several streams ends the association
 * with SHUTDOWN, not ABORT, and every message the peer's kernel accepted is handled, in order per stream.
 */
@RequiresSctp
class GracefulStopUnderLoadTest {

    private static final int STREAMS = 4;

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void stopUnderMultiStreamLoadShutsDownGracefullyAndHandlesEveryMessage() throws Exception {
        Map<Integer, List<Integer>> handled = new ConcurrentHashMap<>();
        AtomicInteger count = new AtomicInteger();
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> {
            f.setShutdownTimeout(Duration.ofSeconds(15));
            f.setSoReceiveBufferSize(16384);
        }));
        DirectChannel slow = new DirectChannel();
        slow.subscribe(m -> {
            ByteBuffer payload = ByteBuffer.wrap((byte[]) m.getPayload());
            int stream = Short.toUnsignedInt(payload.getShort());
            handled.computeIfAbsent(stream, s -> new CopyOnWriteArrayList<>()).add(payload.getInt());
            count.incrementAndGet();
            try {
                Thread.sleep(3); // slower than the peer sends: the lanes never run dry on their own
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(slow);
        harness.endpoint(adapter).start();

        long abortsBefore = KernelCounters.read("SctpAborteds");
        long shutdownsBefore = KernelCounters.read("SctpShutdowns");
        Path script = Path.of(getClass().getResource("/peers/multistream_sender.py").toURI());
        Process peer = new ProcessBuilder(PythonInterpreter.path(), script.toString(), "127.0.0.1",
                String.valueOf(server.getPort()), String.valueOf(STREAMS), "600").redirectErrorStream(true).start();
        StringBuffer peerOutput = new StringBuffer();
        Thread outputReader = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(peer.getInputStream(),
                    StandardCharsets.UTF_8))) {
                reader.lines().forEach(line -> peerOutput.append(line).append('\n'));
            } catch (java.io.IOException e) {
                peerOutput.append(e);
            }
        });
        outputReader.start();
        try {
            // Python starts slowly in the emulated VM: first the association, then load on every stream
            await().atMost(Harness.TIMEOUT.multipliedBy(3)).untilAsserted(() -> assertThat(
                    server.getOpenAssociationCount()).as(() -> "associations; peer alive " + peer.isAlive()
                            + ", output: " + peerOutput).isEqualTo(1));
            await().atMost(Harness.TIMEOUT.multipliedBy(3)).untilAsserted(() -> assertThat(count.get())
                    .as(() -> "messages handled; peer alive " + peer.isAlive() + ", output: " + peerOutput)
                    .isGreaterThanOrEqualTo(200));
            assertThat(handled.keySet()).as("streams under load").hasSize(STREAMS);
            server.stop();
            assertThat(peer.waitFor(60, TimeUnit.SECONDS)).as("the peer ended").isTrue();
            outputReader.join(Harness.TIMEOUT.toMillis());
            String output = peerOutput.toString();
            Matcher result = Pattern.compile("\"sent\": \\[([0-9, ]+)\\], \"end\": \"([^\"]+)\"").matcher(output);
            assertThat(result.find()).as("peer output: %s", output).isTrue();
            assertThat(result.group(2)).as("how the peer saw the end: %s", output).isEqualTo("eof");
            String[] sent = result.group(1).split(",\\s*");
            for (int stream = 0; stream < STREAMS; stream++) {
                int n = Integer.parseInt(sent[stream]);
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    expected.add(i);
                }
                assertThat(handled.getOrDefault(stream, List.of())).as("messages handled on stream %d", stream)
                        .isEqualTo(expected);
            }
            assertThat(KernelCounters.read("SctpAborteds") - abortsBefore).as("ABORTs").isZero();
            assertThat(KernelCounters.read("SctpShutdowns") - shutdownsBefore).as("graceful ends").isPositive();
        } finally {
            peer.destroyForcibly();
        }
    }

    @Test
    void stopUnderLoadFromAJavaPeerEndsInShutdownAndHandlesEveryAcceptedMessage() throws Exception {
        Map<Integer, List<Integer>> handled = new ConcurrentHashMap<>();
        AtomicInteger count = new AtomicInteger();
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> {
            f.setShutdownTimeout(Duration.ofSeconds(15));
            f.setSoReceiveBufferSize(16384);
        }));
        DirectChannel slow = new DirectChannel();
        slow.subscribe(m -> {
            ByteBuffer payload = ByteBuffer.wrap((byte[]) m.getPayload());
            handled.computeIfAbsent(payload.getInt(), s -> new CopyOnWriteArrayList<>()).add(payload.getInt());
            count.incrementAndGet();
            try {
                Thread.sleep(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(slow);
        harness.endpoint(adapter).start();
        long abortsBefore = KernelCounters.read("SctpAborteds");

        int[] sent = new int[STREAMS];
        String[] end = new String[1];
        try (dev.sctp.SctpSocket peer = dev.sctp.SctpSocket.dial(Harness.addressOf(server), Harness.TIMEOUT)) {
            peer.setOption(dev.sctp.SctpOptions.SO_SNDBUF, 16384);
            Thread sender = new Thread(() -> {
                byte[] message = new byte[600];
                try {
                    for (;;) {
                        for (int stream = 0; stream < STREAMS; stream++) {
                            ByteBuffer.wrap(message).putInt(stream).putInt(sent[stream]);
                            peer.send(message, dev.sctp.SendInfo.stream(stream));
                            sent[stream]++;
                        }
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // the server shut down: the kernel takes no more
                }
                try {
                    byte[] buffer = new byte[1024];
                    dev.sctp.ReceiveInfo info = new dev.sctp.ReceiveInfo();
                    int n;
                    do {
                        n = peer.receive(buffer, 0, buffer.length, info);
                    } while (n >= 0);
                    end[0] = "eof";
                } catch (dev.sctp.SctpAssociationAbortedException e) {
                    end[0] = "abort";
                } catch (java.io.IOException e) {
                    end[0] = e.toString();
                }
            });
            sender.start();
            await().atMost(Harness.TIMEOUT.multipliedBy(3)).until(() -> count.get() >= 200);
            server.stop();
            sender.join(Harness.TIMEOUT.toMillis() * 3);
            assertThat(sender.isAlive()).isFalse();
        }
        assertThat(end[0]).as("how the peer saw the end").isEqualTo("eof");
        for (int stream = 0; stream < STREAMS; stream++) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < sent[stream]; i++) {
                expected.add(i);
            }
            assertThat(handled.getOrDefault(stream, List.of())).as("messages handled on stream %d", stream)
                    .isEqualTo(expected);
        }
        assertThat(KernelCounters.read("SctpAborteds") - abortsBefore).as("ABORTs").isZero();
    }
}
