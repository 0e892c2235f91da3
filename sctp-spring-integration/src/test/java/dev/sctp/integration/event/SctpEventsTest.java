package dev.sctp.integration.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.SctpAddress;
import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.CloseReason;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEvent;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.messaging.MessageChannel;

/** The application events factories publish, in order, from the real kernel. */
@RequiresSctp
class SctpEventsTest {

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    private void inbound(dev.sctp.integration.connection.AbstractSctpAssociationFactory f, MessageChannel out) {
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(f);
        adapter.setOutputChannel(out);
        harness.endpoint(adapter).start();
    }

    private List<Class<?>> types(String factoryName) {
        return harness.events.stream().filter(e -> e instanceof SctpIntegrationEvent s
                && s.getFactoryName().equals(factoryName)).<Class<?>>map(ApplicationEvent::getClass).toList();
    }

    @Test
    void lifecycleEventsArriveInOrderOnBothSides() throws Exception {
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> { }));
        QueueChannel received = new QueueChannel();
        inbound(server, received);
        // one local address: a multi-homed client would add peer address events when heartbeats confirm the others
        SctpClientAssociationFactory client = Harness.started(harness.client(
                f -> f.setLocalAddress(SctpAddress.parse("127.0.0.1:0")), Harness.addressOf(server)));
        client.getAssociation().send("hi".getBytes(UTF_8), SendInfo.DEFAULT);
        assertThat(received.receive(Harness.TIMEOUT.toMillis())).isNotNull();
        client.stop();
        SctpTestUtils.waitAssociations(server, 0, Harness.TIMEOUT);
        server.stop();
        await().atMost(Harness.TIMEOUT).until(() -> types(server.getComponentName()).size() >= 4);

        assertThat(types(server.getComponentName())).containsExactly(SctpServerListeningEvent.class,
                SctpAssociationOpenedEvent.class, SctpAssociationShutdownEvent.class, SctpServerStoppedEvent.class);
        assertThat(types(client.getComponentName())).containsExactly(SctpAssociationOpenedEvent.class,
                SctpAssociationShutdownEvent.class);
        SctpAssociationOpenedEvent opened = harness.events(SctpAssociationOpenedEvent.class).get(0);
        assertThat(opened.getOutboundStreams()).isPositive();
        assertThat(harness.events(SctpServerListeningEvent.class).get(0).getPort()).isPositive();
    }

    @Test
    void abortGivesLostOnThePeerAndAbortedLocally() throws Exception {
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> { }));
        inbound(server, new QueueChannel());
        SctpClientAssociationFactory client = Harness.started(harness.client(f -> f.setReconnect(false),
                Harness.addressOf(server)));
        SctpAssociation association = client.getAssociation();
        SctpTestUtils.waitAssociations(server, 1, Harness.TIMEOUT);
        association.abort();
        await().atMost(Harness.TIMEOUT).until(() -> harness.events(SctpAssociationLostEvent.class).size() == 2);
        assertThat(harness.events(SctpAssociationLostEvent.class)).extracting(SctpAssociationLostEvent::getReason)
                .containsExactlyInAnyOrder(CloseReason.ABORTED, CloseReason.LOST);
        assertThat(harness.events(SctpAssociationShutdownEvent.class)).isEmpty();
    }

    @Test
    void idleAssociationsAreReportedOncePerIdlePeriod() throws Exception {
        SctpServerAssociationFactory server = Harness.started(harness.server(f ->
                f.setIdleTimeout(Duration.ofMillis(400))));
        inbound(server, new QueueChannel());
        SctpClientAssociationFactory client = Harness.started(harness.client(f -> { }, Harness.addressOf(server)));
        SctpAssociation association = client.getAssociation();
        await().atMost(Harness.TIMEOUT).until(() -> harness.events(SctpAssociationIdleEvent.class).size() == 1);
        Thread.sleep(1200);
        assertThat(harness.events(SctpAssociationIdleEvent.class)).hasSize(1);
        association.send("wake".getBytes(UTF_8), SendInfo.DEFAULT);
        await().atMost(Harness.TIMEOUT).until(() -> harness.events(SctpAssociationIdleEvent.class).size() == 2);
        // the listener's side of the association went idle
        assertThat(harness.events(SctpAssociationIdleEvent.class).get(0).getAssociationId())
                .isEqualTo(server.getOpenAssociationIds().get(0));
    }

    @Test
    void expiredMessageComesBackAsSendFailedEventWithItsPayload() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> {
            f.setMaxPendingDeliveries(1);
            f.setReadBufferSize(8192);
            f.setSoReceiveBufferSize(4096);
        }));
        DirectChannel blocked = new DirectChannel();
        blocked.subscribe(m -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        inbound(server, blocked);
        SctpClientAssociationFactory client = Harness.started(harness.client(f -> { }, Harness.addressOf(server)));
        SctpAssociation association = client.getAssociation();
        byte[] filler = new byte[4000];
        for (int i = 0; i < 8; i++) {
            association.send(filler, SendInfo.DEFAULT);
        }
        association.send("expire-me".getBytes(UTF_8), SendInfo.of(1, 46).withLifetime(Duration.ofMillis(50)));
        Thread.sleep(500);
        release.countDown();
        await().atMost(Harness.TIMEOUT).until(() -> !harness.events(SctpSendFailedEvent.class).isEmpty());
        SctpSendFailedEvent failed = harness.events(SctpSendFailedEvent.class).get(0);
        assertThat(new String(failed.getPayload(), UTF_8)).isEqualTo("expire-me");
        assertThat(failed.getStreamId()).isEqualTo(1);
        assertThat(failed.getPpid()).isEqualTo(46);
        assertThat(failed.getAssociationId()).isEqualTo(association.getId());
    }

    @Test
    void associationsBeyondTheLimitAreAbortedWithAFailedEvent() throws Exception {
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> f.setMaxAssociations(1)));
        inbound(server, new QueueChannel());
        Harness.started(harness.client(f -> { }, Harness.addressOf(server))).getAssociation();
        SctpTestUtils.waitAssociations(server, 1, Harness.TIMEOUT);
        SctpClientAssociationFactory second = harness.client(f -> f.setReconnect(false), Harness.addressOf(server));
        second.setConnectOnStart(false);
        Harness.started(second);
        try {
            second.getAssociation();
        } catch (java.io.IOException expected) {
            // the server may abort before or after COMM_UP reaches the client
        }
        await().atMost(Harness.TIMEOUT).until(() -> harness.events(SctpAssociationFailedEvent.class).stream()
                .anyMatch(e -> e.getFactoryName().equals(server.getComponentName())));
        assertThat(server.getOpenAssociationIds()).hasSize(1);
        assertThat(harness.events(SctpAssociationFailedEvent.class).stream()
                .filter(e -> e.getFactoryName().equals(server.getComponentName())).findFirst().orElseThrow()
                .getCause()).hasMessageContaining("maxAssociations");
    }
}
