package dev.sctp.integration.connection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.inbound.SctpInboundGateway;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.outbound.SctpSendingMessageHandler;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.testing.RequiresKernelSctp;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.handler.MessageProcessor;
import org.springframework.integration.handler.ServiceActivatingHandler;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;

/** Interceptor chains over real associations: a handshake before traffic flows, and auditing in chain order. */
@RequiresKernelSctp
class InterceptorTest {

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    private static String text(Message<?> m) {
        return new String((byte[]) m.getPayload(), UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private QueueChannel inbound(AbstractSctpAssociationFactory f) {
        QueueChannel channel = new QueueChannel();
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(f);
        adapter.setOutputChannel(channel);
        harness.endpoint(adapter).start();
        return channel;
    }

    private SctpSendingMessageHandler outbound(AbstractSctpAssociationFactory f) {
        SctpSendingMessageHandler sender = new SctpSendingMessageHandler();
        sender.setAssociationFactory(f);
        harness.endpoint(sender).start();
        return sender;
    }

    private static SctpAssociationInterceptorFactoryChain chain(SctpAssociationInterceptorFactory... factories) {
        SctpAssociationInterceptorFactoryChain chain = new SctpAssociationInterceptorFactoryChain();
        chain.setInterceptors(factories);
        return chain;
    }

    /** The client side of a CER/CEA-like exchange: sends a stray message, then CER; complete on CEA. */
    static final class Requester extends SctpHandshakeInterceptor {

        Requester(Duration timeout) {
            super(timeout);
        }

        @Override
        protected void startHandshake(SctpAssociation association, Sender sender) throws IOException {
            sender.send(bytes("early"), SendInfo.DEFAULT);
            sender.send(bytes("CER"), SendInfo.DEFAULT);
        }

        @Override
        protected boolean onHandshakeMessage(SctpAssociation association, Message<byte[]> message, Sender sender) {
            return text(message).equals("CEA");
        }
    }

    @Test
    void sendsWaitForTheHandshakeAndMessagesBeforeItNeverReachTheFlow() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        List<String> seenInHandshake = new CopyOnWriteArrayList<>();
        SctpServerAssociationFactory server = harness.server(f -> f.setInterceptorFactoryChain(chain(
                () -> new SctpHandshakeInterceptor(Harness.TIMEOUT) {
                    @Override
                    protected boolean onHandshakeMessage(SctpAssociation association, Message<byte[]> message,
                            Sender sender) throws IOException {
                        seenInHandshake.add(text(message));
                        if (!text(message).equals("CER")) {
                            return false;
                        }
                        try {
                            answer.await(); // the test decides when the answer goes out
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        sender.send(bytes("CEA"), SendInfo.DEFAULT);
                        return true;
                    }
                })));
        QueueChannel atServer = inbound(server);
        Harness.started(server);
        SctpClientAssociationFactory client = harness.client(f -> f.setInterceptorFactoryChain(
                chain(() -> new Requester(Harness.TIMEOUT))), Harness.addressOf(server));
        QueueChannel atClient = inbound(client);
        SctpSendingMessageHandler clientSender = outbound(client);

        CompletableFuture<Void> hello = CompletableFuture.runAsync(
                () -> clientSender.handleMessage(MessageBuilder.withPayload("hello").build()));
        org.awaitility.Awaitility.await().atMost(Harness.TIMEOUT).until(() -> seenInHandshake.contains("CER"));
        // checking that nothing happens while the answer is held back: the send waits, the flow gets nothing
        assertThat(atServer.receive(500)).isNull();
        assertThat(hello).isNotDone();

        answer.countDown();
        hello.get(Harness.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        // "early" and "CER" went out on stream 0 before "hello": had they reached the flow, they would come first
        assertThat(text(atServer.receive(Harness.TIMEOUT.toMillis()))).isEqualTo("hello");
        assertThat(seenInHandshake).containsExactly("early", "CER");

        String id = client.getAssociation().getId();
        String serverSide = server.getOpenAssociationIds().get(0);
        outbound(server).handleMessage(MessageBuilder.withPayload("welcome")
                .setHeader(SctpHeaders.ASSOCIATION_ID, serverSide).build());
        // the CEA came first on stream 0 and was kept from the client's flow
        assertThat(text(atClient.receive(Harness.TIMEOUT.toMillis()))).isEqualTo("welcome");
        assertThat(client.getAssociation().getId()).isEqualTo(id);
    }

    @Test
    void aHandshakeWithoutAnswerFailsWaitingSendsClearlyAndAbortsTheAssociation() throws Exception {
        SctpServerAssociationFactory server = harness.server(f -> { }); // knows no handshake: never answers
        QueueChannel atServer = inbound(server);
        Harness.started(server);
        Duration handshakeTimeout = Duration.ofSeconds(2);
        SctpClientAssociationFactory client = harness.client(f -> {
            f.setReconnect(false);
            f.setInterceptorFactoryChain(chain(() -> new Requester(handshakeTimeout)));
        }, Harness.addressOf(server));
        SctpSendingMessageHandler clientSender = outbound(client);
        SctpAssociation association = client.getAssociation();

        assertThatThrownBy(() -> clientSender.handleMessage(MessageBuilder.withPayload("hello").build()))
                .isInstanceOf(MessageHandlingException.class)
                .hasMessageContaining("handshake of association " + association.getId())
                .hasMessageContaining("not");
        assertThat(association.closeFuture().get(Harness.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo(CloseReason.FAILED);
        // the peer saw the handshake's own messages, then the association end; never the application's message
        assertThat(text(atServer.receive(Harness.TIMEOUT.toMillis()))).isEqualTo("early");
        assertThat(text(atServer.receive(Harness.TIMEOUT.toMillis()))).isEqualTo("CER");
        org.awaitility.Awaitility.await().atMost(Harness.TIMEOUT).until(() -> server.getOpenAssociationCount() == 0);
        assertThat(atServer.receive(0)).isNull();
    }

    /** Records what passes it, as "in:payload" and "out:payload". */
    static final class Audit implements SctpAssociationInterceptor {

        final List<String> log;

        Audit(List<String> log) {
            this.log = log;
        }

        @Override
        public @Nullable Message<byte[]> onReceive(SctpAssociation association, Message<byte[]> message,
                Sender next) {
            log.add("in:" + text(message));
            return message;
        }

        @Override
        public byte[] onSend(SctpAssociation association, byte[] payload, SendInfo info) {
            log.add("out:" + new String(payload, UTF_8));
            return payload;
        }
    }

    /** A framing nearer the kernel: strips a leading '#' from what arrives and appends '!' to what leaves. */
    static final class Framing implements SctpAssociationInterceptor {

        @Override
        public @Nullable Message<byte[]> onReceive(SctpAssociation association, Message<byte[]> message,
                Sender next) {
            byte[] p = message.getPayload();
            return MessageBuilder.withPayload(Arrays.copyOfRange(p, 1, p.length)).copyHeaders(message.getHeaders())
                    .build();
        }

        @Override
        public byte[] onSend(SctpAssociation association, byte[] payload, SendInfo info) {
            byte[] framed = Arrays.copyOf(payload, payload.length + 1);
            framed[payload.length] = '!';
            return framed;
        }
    }

    @Test
    void theChainSeesBothDirectionsTheFirstInterceptorNearestTheApplication() throws Exception {
        List<String> audit = new CopyOnWriteArrayList<>();
        SctpServerAssociationFactory server = harness.server(f -> f.setInterceptorFactoryChain(
                chain(() -> new Audit(audit), Framing::new)));
        DirectChannel requests = new DirectChannel();
        requests.subscribe(new ServiceActivatingHandler((MessageProcessor<Object>) m -> text(m).toUpperCase()));
        SctpInboundGateway gateway = new SctpInboundGateway();
        gateway.setAssociationFactory(server);
        gateway.setRequestChannel(requests);
        harness.endpoint(gateway).start();
        Harness.started(server);
        SctpClientAssociationFactory client = harness.client(f -> { }, Harness.addressOf(server));
        QueueChannel replies = inbound(client);
        SctpSendingMessageHandler clientSender = outbound(client);

        clientSender.handleMessage(MessageBuilder.withPayload("#a").build());
        assertThat(text(replies.receive(Harness.TIMEOUT.toMillis()))).isEqualTo("A!");
        clientSender.handleMessage(MessageBuilder.withPayload("#b").build());
        assertThat(text(replies.receive(Harness.TIMEOUT.toMillis()))).isEqualTo("B!");
        // the audit, nearest the application, sees messages after the framing removed '#' and before it adds '!'
        assertThat(audit).containsExactly("in:a", "out:A", "in:b", "out:B");
    }
}
