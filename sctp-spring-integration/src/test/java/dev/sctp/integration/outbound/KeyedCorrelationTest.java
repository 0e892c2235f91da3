package dev.sctp.integration.outbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.InitOptions;
import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.test.RequiresSctp;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

/**
 * Replies matched by a key in the message (Diameter's hop-by-hop id): many requests in flight per stream, answered
 * out of order and on another stream.
 */
@RequiresSctp
class KeyedCorrelationTest {

    private static final int REQUESTS = 16;

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    /** A Diameter-like message: a 20-byte header with the hop-by-hop id at bytes 12-15, then text. */
    private static byte[] diameter(int hopByHop, String text) {
        byte[] body = text.getBytes(UTF_8);
        ByteBuffer b = ByteBuffer.allocate(20 + body.length);
        b.put(0, (byte) 1).putInt(12, hopByHop).put(20, body);
        return b.array();
    }

    private static String text(byte[] message) {
        return new String(message, 20, message.length - 20, UTF_8);
    }

    /**
     * A server that holds requests until {@code batch} have come, then answers them last first, all on stream 7,
     * echoing each hop-by-hop id.
     */
    private SctpServerAssociationFactory reversingServer(int batch, Map<Integer, Integer> requestsPerStream) {
        SctpServerAssociationFactory server = Harness.started(harness.server(
                f -> f.setInitOptions(InitOptions.streams(8, 8))));
        List<Message<?>> held = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger arrived = new java.util.concurrent.atomic.AtomicInteger();
        DirectChannel requests = new DirectChannel();
        requests.subscribe(m -> {
            requestsPerStream.merge((Integer) m.getHeaders().get(SctpHeaders.STREAM_ID), 1, Integer::sum);
            held.add(m);
            if (arrived.incrementAndGet() == batch) { // counted after adding: the whole batch is held by now
                List<Message<?>> reversed = new ArrayList<>(held);
                java.util.Collections.reverse(reversed);
                for (Message<?> request : reversed) {
                    byte[] payload = (byte[]) request.getPayload();
                    int hop = ByteBuffer.wrap(payload).getInt(12);
                    SctpAssociation a = server.getAssociation(
                            (String) request.getHeaders().get(SctpHeaders.ASSOCIATION_ID));
                    try {
                        a.send(diameter(hop, "answer to " + text(payload)), SendInfo.stream(7));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        });
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(requests);
        harness.endpoint(adapter).start();
        return server;
    }

    private SctpOutboundGateway keyedGateway(SctpServerAssociationFactory server) {
        SctpClientAssociationFactory client = harness.client(f -> f.setInitOptions(InitOptions.streams(8, 8)),
                Harness.addressOf(server));
        SctpOutboundGateway gateway = new SctpOutboundGateway();
        gateway.setAssociationFactory(client);
        gateway.setReplyCorrelation(SctpReplyCorrelation.diameterHopByHop());
        gateway.setMaxStreams(2);
        gateway.setRemoteTimeout(Harness.TIMEOUT);
        harness.endpoint(gateway).start();
        return gateway;
    }

    private static byte[] call(SctpOutboundGateway gateway, byte[] request) {
        QueueChannel reply = new QueueChannel();
        gateway.handleMessage(MessageBuilder.withPayload(request).setReplyChannel(reply).build());
        return (byte[]) reply.receive(0).getPayload();
    }

    @Test
    void manyRequestsPerStreamAnsweredOutOfOrderOnAnotherStreamReachTheirCallers() throws Exception {
        Map<Integer, Integer> perStream = new ConcurrentHashMap<>();
        SctpServerAssociationFactory server = reversingServer(REQUESTS, perStream);
        SctpOutboundGateway gateway = keyedGateway(server);

        ExecutorService callers = Executors.newFixedThreadPool(REQUESTS);
        try {
            List<Future<byte[]>> replies = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int hop = 0x1000 + i;
                String text = "request " + i;
                replies.add(callers.submit(() -> call(gateway, diameter(hop, text))));
            }
            for (int i = 0; i < REQUESTS; i++) {
                byte[] reply = replies.get(i).get();
                assertThat(ByteBuffer.wrap(reply).getInt(12)).isEqualTo(0x1000 + i);
                assertThat(text(reply)).isEqualTo("answer to request " + i);
            }
        } finally {
            callers.shutdownNow();
        }
        // all 16 were in flight at once (the server answers only when it has them all), on the 2 streams allowed
        assertThat(perStream.keySet()).containsExactlyInAnyOrder(0, 1);
        assertThat(perStream.values()).allMatch(n -> n == REQUESTS / 2);
        assertThat(gateway.getKeyedRequestsInFlight()).isZero();
    }

    @Test
    void aSecondRequestWithAKeyInFlightIsRefusedNamingTheKey() throws Exception {
        SctpServerAssociationFactory server = reversingServer(2, new ConcurrentHashMap<>());
        SctpOutboundGateway gateway = keyedGateway(server);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<byte[]> first = caller.submit(() -> call(gateway, diameter(42, "first")));
            org.awaitility.Awaitility.await().atMost(Harness.TIMEOUT)
                    .until(() -> gateway.getKeyedRequestsInFlight() == 1);
            assertThatThrownBy(() -> call(gateway, diameter(42, "same key")))
                    .isInstanceOf(MessageHandlingException.class)
                    .hasMessageContaining("already waiting").hasMessageContaining("0x0000002a");
            call(gateway, diameter(43, "second")); // completes the server's batch of two
            assertThat(text(first.get())).isEqualTo("answer to first");
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void payloadBytesRefusesAKeyOutsideThePayload() {
        assertThatThrownBy(() -> SctpReplyCorrelation.payloadBytes(-1, 4))
                .hasMessageContaining("offset -1");
        SctpReplyCorrelation hop = SctpReplyCorrelation.diameterHopByHop();
        assertThatThrownBy(() -> hop.requestKey(MessageBuilder.withPayload(new byte[8]).build(), new byte[8]))
                .hasMessageContaining("8 bytes").hasMessageContaining("12..15");
        assertThat(hop.replyKey(MessageBuilder.withPayload(new byte[8]).build())).isNull();
        assertThat(hop.replyKey(MessageBuilder.withPayload(diameter(7, "x")).build()))
                .isEqualTo(hop.requestKey(MessageBuilder.withPayload(new byte[0]).build(), diameter(7, "y")));
    }

    @Test
    void aKeyedRequestFailsAtOnceWhenThePeerAbortsAndALateReplyIsUnsolicited() throws Exception {
        // the server never answers on its own: the test answers or aborts for it
        SctpServerAssociationFactory server = reversingServer(Integer.MAX_VALUE, new ConcurrentHashMap<>());
        SctpOutboundGateway gateway = keyedGateway(server);
        QueueChannel unsolicited = new QueueChannel();
        gateway.setUnsolicitedMessageChannel(unsolicited);
        gateway.setRemoteTimeout(java.time.Duration.ofMillis(500));

        assertThatThrownBy(() -> call(gateway, diameter(1, "unanswered")))
                .isInstanceOf(org.springframework.integration.MessageTimeoutException.class)
                .hasMessageContaining("0x00000001");
        SctpAssociation serverSide = server.getAssociations().get(0);
        serverSide.send(diameter(1, "late answer"), SendInfo.stream(5));
        Message<?> late = unsolicited.receive(Harness.TIMEOUT.toMillis());
        assertThat(late).isNotNull();
        assertThat(text((byte[]) late.getPayload())).isEqualTo("late answer");

        gateway.setRemoteTimeout(Harness.TIMEOUT);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<byte[]> doomed = caller.submit(() -> call(gateway, diameter(2, "doomed")));
            org.awaitility.Awaitility.await().atMost(Harness.TIMEOUT)
                    .until(() -> gateway.getKeyedRequestsInFlight() == 1);
            long start = System.nanoTime();
            serverSide.abort();
            assertThatThrownBy(doomed::get).hasMessageContaining("ended (LOST)");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(Harness.TIMEOUT.toMillis());
        } finally {
            caller.shutdownNow();
        }
        assertThat(gateway.getKeyedRequestsInFlight()).isZero();
        assertThat(gateway.getCorrelatedAssociationCount()).isZero();
    }
}
