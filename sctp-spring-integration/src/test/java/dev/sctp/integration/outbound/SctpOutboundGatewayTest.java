package dev.sctp.integration.outbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.InitOptions;
import dev.sctp.SendInfo;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.support.SctpSendInfoResolver;
import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.event.SctpFailedCorrelationEvent;
import dev.sctp.integration.inbound.SctpInboundGateway;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.test.RequiresSctp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.MessageTimeoutException;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.handler.ServiceActivatingHandler;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

/** Request/reply through the inbound and outbound gateways, with replies correlated by stream. */
@RequiresSctp
class SctpOutboundGatewayTest {

    private final Harness harness = new Harness();
    private final Set<Integer> serverStreams = ConcurrentHashMap.newKeySet();
    private final Set<Integer> serverPpids = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    @AfterEach
    void stop() {
        harness.close();
    }

    /** A server whose gateway answers "echo:" + request after {@code delay}; "silent" requests get no reply. */
    private SctpServerAssociationFactory echoServer(Duration delay) {
        return echoServer(delay, f -> { });
    }

    private SctpServerAssociationFactory echoServer(Duration delay,
            java.util.function.Consumer<SctpServerAssociationFactory> setup) {
        SctpServerAssociationFactory server = harness.server(f -> {
            f.setInitOptions(InitOptions.streams(8, 8));
            setup.accept(f);
        });
        DirectChannel requests = new DirectChannel();
        ServiceActivatingHandler echo = new ServiceActivatingHandler(
                (org.springframework.integration.handler.MessageProcessor<Object>) m -> {
                    serverStreams.add((Integer) m.getHeaders().get(SctpHeaders.STREAM_ID));
                    serverPpids.add((Integer) m.getHeaders().get(SctpHeaders.PPID));
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        String text = new String((byte[]) m.getPayload(), UTF_8);
                        sleep(text.startsWith("late") ? delay.multipliedBy(3) : delay);
                        return text.equals("silent") ? null : "echo:" + text;
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
        echo.setRequiresReply(false);
        requests.subscribe(echo);
        SctpInboundGateway gateway = new SctpInboundGateway();
        gateway.setAssociationFactory(server);
        gateway.setRequestChannel(requests);
        gateway.setReplyTimeout(30_000);
        harness.endpoint(gateway).start();
        return server;
    }

    private SctpOutboundGateway gateway(SctpClientAssociationFactory client, Duration remoteTimeout) {
        SctpOutboundGateway gateway = new SctpOutboundGateway();
        gateway.setAssociationFactory(client);
        gateway.setRemoteTimeout(remoteTimeout);
        gateway.setRequestTimeout(Harness.TIMEOUT);
        harness.endpoint(gateway).start();
        return gateway;
    }

    private static Message<?> request(SctpOutboundGateway gateway, String text) {
        QueueChannel reply = new QueueChannel();
        gateway.handleMessage(MessageBuilder.withPayload(text).setReplyChannel(reply).build());
        return reply.receive(0);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void concurrentRequestsShareOneAssociationOnSeparateStreams() throws Exception {
        SctpServerAssociationFactory server = echoServer(Duration.ofMillis(500));
        SctpClientAssociationFactory client = harness.client(f -> f.setInitOptions(InitOptions.streams(8, 8)),
                Harness.addressOf(server));
        SctpOutboundGateway gateway = gateway(client, Harness.TIMEOUT);
        assertThat(new String((byte[]) request(gateway, "warm-up").getPayload(), UTF_8)).isEqualTo("echo:warm-up");

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Message<?>>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String text = "request-" + i;
                replies.add(pool.submit(() -> request(gateway, text)));
            }
            for (int i = 0; i < 6; i++) {
                Message<?> reply = replies.get(i).get();
                assertThat(new String((byte[]) reply.getPayload(), UTF_8)).isEqualTo("echo:request-" + i);
            }
            // Streams are served in parallel: the server handled several requests at once.
            assertThat(maxInFlight.get()).isGreaterThanOrEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(serverStreams.size()).isGreaterThan(1);
        assertThat(client.getOpenAssociationIds()).hasSize(1);
        assertThat(server.getOpenAssociationIds()).hasSize(1);
    }

    @Test
    void requestsAndRepliesOnStreamZeroIgnoreTheSocketsDefaultSendInfo() {
        // A socket's DEFAULT_SNDINFO applies to messages sent without send info. A request the gateway puts on
        // stream 0, and the reply to it, must still go out on stream 0 with PPID 0, or the reply lands on another
        // stream and its request times out.
        SendInfo elsewhere = SendInfo.of(3, 46);
        SctpServerAssociationFactory server = echoServer(Duration.ZERO,
                f -> f.setOption(dev.sctp.SctpOptions.DEFAULT_SNDINFO, elsewhere));
        SctpClientAssociationFactory client = harness.client(f -> {
            f.setInitOptions(InitOptions.streams(8, 8));
            f.setOption(dev.sctp.SctpOptions.DEFAULT_SNDINFO, elsewhere);
        }, Harness.addressOf(server));
        SctpOutboundGateway gateway = gateway(client, Duration.ofSeconds(10));

        Message<?> reply = request(gateway, "zero");

        assertThat(new String((byte[]) reply.getPayload(), UTF_8)).isEqualTo("echo:zero");
        assertThat(reply.getHeaders().get(SctpHeaders.STREAM_ID)).isEqualTo(0);
        assertThat(reply.getHeaders().get(SctpHeaders.PPID)).isEqualTo(0);
        assertThat(serverStreams).containsExactly(0);
        assertThat(serverPpids).containsExactly(0);
    }

    @Test
    void replyTimeoutNamesAssociationAndStreamAndTheLateReplyGoesToTheUnsolicitedChannel() {
        // replies take 1 s, "late" 3 s: a second of margin either side of the 2 s reply timeout
        SctpServerAssociationFactory server = echoServer(Duration.ofSeconds(1));
        SctpClientAssociationFactory client = harness.client(f -> { }, Harness.addressOf(server));
        SctpOutboundGateway gateway = gateway(client, Duration.ofSeconds(2));
        QueueChannel unsolicited = new QueueChannel();
        gateway.setUnsolicitedMessageChannel(unsolicited);
        request(gateway, "warm-up");
        String id = client.getOpenAssociationIds().get(0);

        assertThatThrownBy(() -> request(gateway, "late"))
                .isInstanceOf(MessageTimeoutException.class)
                .hasMessageContaining("No reply on stream")
                .hasMessageContaining(id);
        Message<?> late = unsolicited.receive(Harness.TIMEOUT.toMillis());
        assertThat(late).isNotNull();
        assertThat(new String((byte[]) late.getPayload(), UTF_8)).isEqualTo("echo:late");
        assertThat(new String((byte[]) request(gateway, "after").getPayload(), UTF_8)).isEqualTo("echo:after");
    }

    @Test
    void aStreamHeldForALateReplyIsFreedWhenNoneComes() {
        // An adapter and a handler, not an inbound gateway: a gateway would hold the stream's lane for its own reply
        // timeout after a request that gets no reply.
        SctpServerAssociationFactory server = harness.server(f -> { });
        SctpSendingMessageHandler replier = new SctpSendingMessageHandler();
        replier.setAssociationFactory(server);
        harness.endpoint(replier).start();
        DirectChannel requests = new DirectChannel();
        requests.subscribe(m -> {
            String text = new String((byte[]) m.getPayload(), UTF_8);
            if (!text.equals("silent")) {
                replier.handleMessage(MessageBuilder.withPayload("echo:" + text).copyHeaders(m.getHeaders()).build());
            }
        });
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(requests);
        harness.endpoint(adapter).start();
        SctpClientAssociationFactory client = harness.client(f -> { }, Harness.addressOf(server));
        SctpOutboundGateway gateway = gateway(client, Duration.ofSeconds(2));
        gateway.setMaxStreams(1);
        gateway.setLateReplyTimeout(Duration.ofMillis(300));
        request(gateway, "warm-up");

        assertThatThrownBy(() -> request(gateway, "silent")).isInstanceOf(MessageTimeoutException.class);
        // the only stream is held for a reply that never comes, then freed: the next request gets it
        Message<?> reply = request(gateway, "after");
        assertThat(new String((byte[]) reply.getPayload(), UTF_8)).isEqualTo("echo:after");
    }

    @Test
    void unsolicitedMessageWithoutChannelIsPublishedNotDropped() throws Exception {
        SctpServerAssociationFactory server = echoServer(Duration.ZERO);
        SctpClientAssociationFactory client = harness.client(f -> { }, Harness.addressOf(server));
        SctpOutboundGateway gateway = gateway(client, Harness.TIMEOUT);
        request(gateway, "warm-up");
        String serverSide = server.getOpenAssociationIds().get(0);
        server.getAssociation(serverSide).send("push".getBytes(UTF_8), dev.sctp.SendInfo.of(2, 0));
        org.awaitility.Awaitility.await().atMost(Harness.TIMEOUT)
                .until(() -> !harness.events(SctpFailedCorrelationEvent.class).isEmpty());
        SctpFailedCorrelationEvent event = harness.events(SctpFailedCorrelationEvent.class).get(0);
        assertThat((byte[]) event.getFailedMessage().getPayload()).isEqualTo("push".getBytes(UTF_8));
        assertThat(event.getAssociationId()).isEqualTo(client.getOpenAssociationIds().get(0));
    }

    @Test
    void pendingRequestFailsAtOnceWhenThePeerAborts() {
        SctpServerAssociationFactory server = echoServer(Duration.ofSeconds(3));
        SctpClientAssociationFactory client = harness.client(f -> f.setReconnect(false), Harness.addressOf(server));
        SctpOutboundGateway gateway = gateway(client, Harness.TIMEOUT);
        new Thread(() -> {
            // abort while the server is at work on the request: it has been sent, its reply not yet
            org.awaitility.Awaitility.await().atMost(Harness.TIMEOUT).until(() -> inFlight.get() > 0);
            server.getAssociations().forEach(a -> a.abort());
        }).start();
        long start = System.nanoTime();
        assertThatThrownBy(() -> request(gateway, "doomed"))
                .hasMessageContaining("ended (LOST)");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(Harness.TIMEOUT.toMillis());
    }

    @Test
    void anAssociationClosingAfterItWasResolvedLeavesNoSlotsBehind() {
        SctpServerAssociationFactory server = echoServer(Duration.ZERO);
        SctpClientAssociationFactory client = harness.client(f -> f.setReconnect(false), Harness.addressOf(server));
        SctpOutboundGateway gateway = new SctpOutboundGateway();
        gateway.setAssociationFactory(client);
        gateway.setRemoteTimeout(Harness.TIMEOUT);
        gateway.setSendInfoResolver(new SctpSendInfoResolver() {
            @Override
            public SendInfo resolve(Message<?> message) {
                if ("closing".equals(message.getPayload())) {
                    // the association ends between its resolution and the request's registration
                    client.getAssociations().forEach(SctpAssociation::close);
                }
                return super.resolve(message);
            }
        });
        harness.endpoint(gateway).start();

        assertThatThrownBy(() -> request(gateway, "closing")).hasMessageContaining("closed");
        assertThat(gateway.getCorrelatedAssociationCount()).as("slots kept for a closed association").isZero();
        assertThat(gateway.getStreamsInUse()).isZero();
    }

    @Test
    void repliesArrivingJustAsRequestsTimeOutNeverLetTwoRequestsShareAStream() throws Exception {
        // one stream, replies due right at the remote timeout: the reply and the timeout race on every request
        SctpServerAssociationFactory server = harness.server(f -> { });
        SctpSendingMessageHandler replier = new SctpSendingMessageHandler();
        replier.setAssociationFactory(server);
        harness.endpoint(replier).start();
        DirectChannel requests = new DirectChannel();
        requests.subscribe(m -> {
            sleep(Duration.ofMillis(200));
            replier.handleMessage(MessageBuilder.withPayload("echo:" + new String((byte[]) m.getPayload(), UTF_8))
                    .copyHeaders(m.getHeaders()).build());
        });
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(requests);
        harness.endpoint(adapter).start();
        SctpClientAssociationFactory client = harness.client(f -> { }, Harness.addressOf(server));
        SctpOutboundGateway gateway = gateway(client, Duration.ofMillis(200));
        gateway.setMaxStreams(1);
        gateway.setLateReplyTimeout(Harness.TIMEOUT);
        QueueChannel unsolicited = new QueueChannel();
        gateway.setUnsolicitedMessageChannel(unsolicited);

        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String text = "r" + i;
                done.add(callers.submit(() -> {
                    try {
                        Message<?> reply = request(gateway, text);
                        // a reply, when one is taken, is the caller's own
                        assertThat(new String((byte[]) reply.getPayload(), UTF_8)).isEqualTo("echo:" + text);
                    } catch (MessageTimeoutException e) {
                        // the race went the timeout's way
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            callers.shutdownNow();
        }
        // a stream freed twice would count -1 here, and let the next two requests share it
        org.awaitility.Awaitility.await().atMost(Harness.TIMEOUT)
                .untilAsserted(() -> assertThat(gateway.getStreamsInUse()).isZero());
        assertThat(gateway.getStreamsHeldForLateReplies()).isZero();
    }

    @Test
    void anUnknownAssociationIdIsNamedWithoutListingEveryOpenOne() throws Exception {
        SctpServerAssociationFactory server = echoServer(Duration.ZERO);
        SctpClientAssociationFactory client = harness.client(f -> { }, Harness.addressOf(server));
        request(gateway(client, Harness.TIMEOUT), "warm-up");
        SctpSendingMessageHandler sender = new SctpSendingMessageHandler();
        sender.setAssociationFactory(server);
        harness.endpoint(sender).start();
        String open = server.getOpenAssociationIds().get(0);
        assertThatThrownBy(() -> sender.handleMessage(MessageBuilder.withPayload("x")
                .setHeader(SctpHeaders.ASSOCIATION_ID, "no-such-id").build()))
                .hasMessageContaining("'no-such-id' is not open")
                .hasMessageContaining("1 open associations")
                .hasMessageNotContaining(open);
    }
}
