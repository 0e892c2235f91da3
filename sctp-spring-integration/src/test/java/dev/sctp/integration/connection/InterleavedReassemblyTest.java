package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.SctpOptions;
import dev.sctp.integration.Harness;
import dev.sctp.integration.KernelCounters;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.KernelSetting;
import dev.sctp.test.RequiresSctp;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.integration.channel.DirectChannel;

/**
 * The kernel really interleaves the parts of large messages of several streams (I-DATA, RFC 8260, with fragment
 * interleaving and an early partial delivery point), and the inbound side still hands over every message whole, intact
 * and in order per stream. The sender is {@code peers/interleave_sender.py}, a process of its own whose round-robin
 * stream scheduler sends the chunks of the messages of different streams in turn.
 */
@RequiresSctp
class InterleavedReassemblyTest {

    private static final List<Integer> STREAMS = List.of(1, 2, 3);
    private static final int MESSAGES_PER_STREAM = 6;
    /** Message k of stream s has SIZE + 1000 k + 100 s bytes: each arrives in many parts. */
    private static final int SIZE = 96 * 1024;
    /** Python starts slowly in the emulated VM and builds the messages there. */
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(90);

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    /**
     * Reads of 2 KiB take each part in several reads; reads of 64 KiB go beyond what sctp-core reads ahead in one
     * recvmmsg (8 slots of 2 KiB), so the rest of a part comes from the kernel directly, where the next queued part
     * may be another stream's.
     */
    @ParameterizedTest(name = "reads of {0} bytes")
    @ValueSource(ints = {2048, 65536})
    void partsOfMessagesOfSeveralStreamsInterleavedByTheKernelAreDeliveredWholeAndInOrderPerStream(int readBufferSize)
            throws Exception {
        Map<Integer, List<byte[]>> received = new ConcurrentHashMap<>();
        long reassembledBefore = KernelCounters.read("SctpReasmUsrMsgs");
        try (KernelSetting intl = KernelSetting.set("net/sctp/intl_enable", "1")) {
            SctpServerAssociationFactory server = Harness.started(harness.server(f -> {
                // smaller than a message: every message takes several reads
                f.setReadBufferSize(readBufferSize);
                f.setMaxMessageSize(1024 * 1024);
                f.setOption(SctpOptions.FRAGMENT_INTERLEAVE, 2);
                f.setOption(SctpOptions.INTERLEAVING_SUPPORTED, true);
                // deliver a message in parts once 4 KiB of it are in, instead of once it is whole
                f.setOption(SctpOptions.PARTIAL_DELIVERY_POINT, 4096);
            }));
            DirectChannel channel = new DirectChannel();
            channel.subscribe(m -> received.computeIfAbsent((Integer) m.getHeaders().get(SctpHeaders.STREAM_ID),
                    s -> new CopyOnWriteArrayList<>()).add((byte[]) m.getPayload()));
            SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
            adapter.setAssociationFactory(server);
            adapter.setOutputChannel(channel);
            harness.endpoint(adapter).start();

            try (ExternalPeer peer = startSender(server.getPort())) {
                String out = peer.awaitOutput(o -> o.contains("sent "), PEER_TIMEOUT);
                assertThat(out).as("the peer's view: its association uses I-DATA").contains("intl 1");
                int total = STREAMS.size() * MESSAGES_PER_STREAM;
                await().atMost(PEER_TIMEOUT).until(() -> count(received) >= total);

                SctpAssociation association = server.getAssociations().get(0);
                assertThat(association.getOption(SctpOptions.INTERLEAVING_SUPPORTED))
                        .as("our view: the association uses I-DATA").isTrue();
                long interleaved = association.reader().interleavedParts();
                System.out.println("FIGURE read-buffer=" + readBufferSize + " interleaved-reads=" + interleaved + " messages=" + total
                        + " kernel-reassembled=" + (KernelCounters.read("SctpReasmUsrMsgs") - reassembledBefore));
                assertThat(interleaved).as("reads of one stream's part while another stream's message was unfinished")
                        .isPositive();
                assertThat(count(received)).as("messages delivered").isEqualTo(total);
                List<String> faults = new ArrayList<>();
                for (int stream : STREAMS) {
                    List<byte[]> messages = received.getOrDefault(stream, List.of());
                    for (int seq = 0; seq < MESSAGES_PER_STREAM; seq++) {
                        String fault = seq < messages.size() ? fault(messages.get(seq), stream, seq)
                                : "missing";
                        if (fault != null) {
                            faults.add("message " + seq + " of stream " + stream + ": " + fault);
                        }
                    }
                }
                assertThat(faults).as("messages not delivered whole, intact and in order per stream").isEmpty();
                peer.closeInput();
                peer.awaitOutput(o -> o.contains("closed"), PEER_TIMEOUT);
            }
        }
    }

    private static int count(Map<Integer, List<byte[]>> received) {
        return received.values().stream().mapToInt(List::size).sum();
    }

    /** Returns what is wrong with {@code message} as message {@code seq} of {@code stream}, or null. */
    private static @Nullable String fault(byte[] message, int stream, int seq) {
        int size = SIZE + 1000 * seq + 100 * stream;
        if (message.length != size) {
            return message.length + " bytes, not " + size;
        }
        ByteBuffer header = ByteBuffer.wrap(message);
        int headerStream = Short.toUnsignedInt(header.getShort());
        int headerSeq = header.getInt();
        if (headerStream != stream || headerSeq != seq) {
            return "it is message " + headerSeq + " of stream " + headerStream;
        }
        for (int i = 6; i < message.length; i++) {
            int expected = (i * (2 * stream + 1) + 13 * stream + seq) & 0xFF;
            if ((message[i] & 0xFF) != expected) {
                return "corrupt from byte " + i + ": expected " + expected + ", got " + (message[i] & 0xFF);
            }
        }
        return null;
    }

    private static ExternalPeer startSender(int port) throws Exception {
        Path script;
        try {
            script = Path.of(InterleavedReassemblyTest.class.getResource("/peers/interleave_sender.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String streams = String.join(",", STREAMS.stream().map(String::valueOf).toList());
        return ExternalPeer.start("python3", "-u", "-S", "-E", script.toString(), "127.0.0.1", String.valueOf(port),
                streams, String.valueOf(MESSAGES_PER_STREAM), String.valueOf(SIZE));
    }
}
