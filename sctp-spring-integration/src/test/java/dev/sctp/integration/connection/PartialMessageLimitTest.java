package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.SendInfo;
import dev.sctp.SctpOptions;
import dev.sctp.integration.Harness;
import dev.sctp.integration.KernelCounters;
import dev.sctp.integration.event.SctpAssociationRejectedEvent;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.KernelSetting;
import dev.sctp.test.RequiresSctp;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;

/**
 * A peer that sends parts of messages on many streams at once (I-DATA, the kernel interleaving their parts) cannot
 * make an association hold more than {@code maxPartialMessageBytes}, though each message stays within
 * {@code maxMessageSize}: the association is aborted with an error naming the limit, what it kept is dropped, and
 * other associations of the listener carry on. The peer is {@code peers/interleave_sender.py}, a process of its own.
 * The kernel interleaves the chunks of messages queued on different streams, so the listener's reader holds off until
 * all of them are queued: otherwise, on a fast loopback, each message could go out whole before the next is queued.
 */
@RequiresSctp
class PartialMessageLimitTest {

    private static final int MAX_MESSAGE_SIZE = 64 * 1024;
    /** The default: 4 x maxMessageSize. */
    private static final long LIMIT = 4L * MAX_MESSAGE_SIZE;
    /** One message on each of 32 streams, each within maxMessageSize, together about 8 x the limit. */
    private static final int STREAMS = 32;
    private static final int SIZE = 60 * 1024;
    /**
     * The attacker's largest chunk: loopback's MTU is 64 KiB, so without it each message would go in one chunk, and
     * the kernel interleaves chunks, not bytes.
     */
    private static final int MAXSEG = 2048;
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(90);

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aPeerKeepingMessagesInPartsOnManyStreamsIsAbortedAtTheAssociationLimitAndOthersCarryOn() throws Exception {
        record Closed(SctpAssociation association, CloseReason reason, @Nullable Throwable cause) {
        }
        List<Closed> closed = new CopyOnWriteArrayList<>();
        List<SctpAssociation> opened = new CopyOnWriteArrayList<>();
        Map<String, Integer> received = new ConcurrentHashMap<>();
        long abortedBefore = KernelCounters.read("SctpAborteds");
        try (KernelSetting intl = KernelSetting.set("net/sctp/intl_enable", "1")) {
            SctpServerAssociationFactory server = Harness.started(harness.server(f -> {
                f.setMaxMessageSize(MAX_MESSAGE_SIZE);
                f.setReadBufferSize(4096);
                f.setOption(SctpOptions.FRAGMENT_INTERLEAVE, 2);
                f.setOption(SctpOptions.INTERLEAVING_SUPPORTED, true);
                // deliver a message in parts once 4 KiB of it are in, instead of once it is whole
                f.setOption(SctpOptions.PARTIAL_DELIVERY_POINT, 4096);
                f.addObserver(new SctpAssociationObserver() {
                    @Override
                    public void associationOpened(SctpAssociation association) {
                        if (opened.size() == 1) {
                            // the attacker's: its reader holds off, as a busy application's would (see below)
                            association.reader().pause();
                        }
                        opened.add(association);
                    }

                    @Override
                    public void associationClosed(SctpAssociation association, CloseReason reason,
                            @Nullable Throwable cause) {
                        closed.add(new Closed(association, reason, cause));
                    }

                    @Override
                    public void messageReceived(SctpAssociation association, int streamId, int bytes) {
                        received.merge(association.getId(), 1, Integer::sum);
                    }
                });
            }));
            assertThat(server.getMaxPartialMessageBytes()).as("the default").isEqualTo(LIMIT);
            DirectChannel channel = new DirectChannel();
            channel.subscribe(m -> { });
            SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
            adapter.setAssociationFactory(server);
            adapter.setOutputChannel(channel);
            harness.endpoint(adapter).start();

            // a well-behaved association, open before the attack and used after it
            SctpClientAssociationFactory client = Harness.started(harness.client(f -> { },
                    Harness.addressOf(server)));
            SctpAssociation good = client.getAssociation();
            await().atMost(Harness.TIMEOUT).until(() -> opened.size() == 1);
            String goodId = opened.get(0).getId();

            String attackerOutput;
            try (ExternalPeer attacker = startSender(server.getPort())) {
                String out = attacker.awaitOutput(o -> o.contains("intl "), PEER_TIMEOUT);
                assertThat(out).as("the attacker's association uses I-DATA").contains("intl 1");
                await().atMost(Harness.TIMEOUT).until(() -> opened.size() == 2);
                // its messages wait in its kernel, every stream's queued, while this side reads nothing; once the
                // window opens, its round-robin scheduler sends their chunks in turn
                attacker.awaitOutput(o -> o.contains("sent " + STREAMS), PEER_TIMEOUT);
                SctpAssociation attack = opened.get(1);
                attack.reader().resume();
                await().atMost(PEER_TIMEOUT).until(() -> !closed.isEmpty()
                        || received.getOrDefault(attack.getId(), 0) == STREAMS);
                attackerOutput = attacker.output();
            }
            assertThat(closed).as("associations ended; the attacker's messages were all delivered if none")
                    .isNotEmpty();

            Closed ended = closed.get(0);
            AssociationReader reader = ended.association().reader();
            long peak = reader.peakPartialBytes();
            System.out.println("FIGURE partial-message limit: " + LIMIT + " bytes; most kept " + peak
                    + " bytes; messages of the attacker delivered before the abort " + received.getOrDefault(
                            ended.association().getId(), 0) + " of " + STREAMS + "; interleaved reads "
                    + reader.interleavedParts() + "; closed " + ended.reason() + ": " + ended.cause()
                    + "; the attacker printed: " + attackerOutput.replace('\n', '|'));
            assertThat(ended.association().getId()).as("the attacker's association ended").isNotEqualTo(goodId);
            assertThat(ended.reason()).isEqualTo(CloseReason.FAILED);
            assertThat(ended.cause()).isInstanceOf(SctpAssociationException.class)
                    .hasMessageContaining("maxPartialMessageBytes").hasMessageContaining("over the limit of " + LIMIT
                            + " bytes").hasMessageContaining("max-partial-message-bytes");
            List<SctpAssociationRejectedEvent> rejected = harness.events(SctpAssociationRejectedEvent.class);
            assertThat(rejected).extracting(SctpAssociationRejectedEvent::getReason)
                    .containsExactly(SctpRejection.MAX_PARTIAL_MESSAGE_BYTES);
            assertThat(peak).as("bytes of unfinished messages ever kept").isLessThanOrEqualTo(LIMIT)
                    .isGreaterThan(MAX_MESSAGE_SIZE);
            assertThat(reader.partialBytes()).as("what the association kept, after it ended").isZero();
            assertThat(received.getOrDefault(ended.association().getId(), 0)).as("messages of the attacker")
                    .isLessThan(STREAMS);
            await().atMost(Harness.TIMEOUT).until(() -> KernelCounters.read("SctpAborteds") > abortedBefore);

            // the other association carries on, with messages read in parts too
            byte[] large = new byte[50_000];
            for (int i = 0; i < 3; i++) {
                good.send(large, SendInfo.stream(1));
            }
            await().atMost(Harness.TIMEOUT).until(() -> received.getOrDefault(goodId, 0) == 3);
            await().atMost(Harness.TIMEOUT).until(() -> server.getAssociations().stream().map(SctpAssociation::getId)
                    .toList().equals(List.of(goodId)));
        }
    }

    private static ExternalPeer startSender(int port) throws Exception {
        Path script;
        try {
            script = Path.of(PartialMessageLimitTest.class.getResource("/peers/interleave_sender.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String streams = IntStream.rangeClosed(1, STREAMS).mapToObj(String::valueOf)
                .collect(Collectors.joining(","));
        return ExternalPeer.start("python3", "-u", "-S", "-E", script.toString(), "127.0.0.1", String.valueOf(port),
                streams, "1", String.valueOf(SIZE), String.valueOf(MAXSEG));
    }
}
