package dev.sctp.integration.connection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.AssociationState;
import dev.sctp.SctpOptions;
import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.inbound.SctpInboundGateway;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.testing.RequiresKernelSctp;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.handler.MessageProcessor;
import org.springframework.integration.handler.ServiceActivatingHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/** Associations as Micrometer Observations, the endpoints' own observations, back-pressure values and kernel state. */
@RequiresKernelSctp
class ObservationTest {

    private final Harness harness = new Harness();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ObservationRegistry observations = ObservationRegistry.create();

    ObservationTest() {
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private @Nullable LongTaskTimer open(AbstractSctpAssociationFactory f, String role) {
        return meters.find("sctp.association.active").tags("factory", f.getComponentName(), "role", role)
                .longTaskTimer();
    }

    @Test
    void anAssociationIsALongTaskWhileOpenAndATimedObservationWhenItEnds() throws Exception {
        SctpServerAssociationFactory server = harness.server(f -> f.setObservationRegistry(observations));
        DirectChannel requests = new DirectChannel();
        requests.subscribe(new ServiceActivatingHandler((MessageProcessor<Object>) m -> m.getPayload()));
        SctpInboundGateway gateway = new SctpInboundGateway();
        gateway.setAssociationFactory(server);
        gateway.setRequestChannel(requests);
        harness.endpoint(gateway);
        gateway.registerObservationRegistry(observations); // the endpoint's own (Spring Integration) observation
        gateway.start();
        Harness.started(server);
        SctpClientAssociationFactory client = Harness.started(harness.client(
                f -> f.setObservationRegistry(observations), Harness.addressOf(server)));
        QueueChannel replies = new QueueChannel();
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(client);
        adapter.setOutputChannel(replies);
        harness.endpoint(adapter).start();
        SctpAssociation association = client.getAssociation();
        SctpTestUtils.waitAssociations(server, 1, Harness.TIMEOUT);

        await().atMost(Harness.TIMEOUT).until(() -> open(server, "server") != null
                && open(server, "server").activeTasks() == 1);
        assertThat(open(client, "client").activeTasks()).isEqualTo(1);
        association.send("ping".getBytes(UTF_8), SendInfo.DEFAULT);
        assertThat(replies.receive(Harness.TIMEOUT.toMillis())).isNotNull();
        // the gateway's request/reply observation, tagged with its name by Spring Integration
        assertThat(meters.getMeters()).anySatisfy(m -> assertThat(m.getId().getTag("spring.integration.name"))
                .isEqualTo(gateway.getComponentName()));

        client.closeAssociation(association.getId());
        assertThat(association.closeFuture().get(Harness.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo(CloseReason.SHUTDOWN);
        SctpTestUtils.waitAssociations(server, 0, Harness.TIMEOUT);
        // the close future completes just before the factory's callbacks run: wait for the observation's end
        await().atMost(Harness.TIMEOUT).until(() -> open(server, "server").activeTasks() == 0
                && open(client, "client").activeTasks() == 0);
        await().atMost(Harness.TIMEOUT).until(() -> meters.find("sctp.association").tags("factory",
                client.getComponentName(), "role", "client", "reason", "SHUTDOWN").timer() != null);
        Timer clientLife = meters.find("sctp.association").tags("factory", client.getComponentName(), "role",
                "client", "reason", "SHUTDOWN").timer();
        assertThat(clientLife.count()).isEqualTo(1);
        assertThat(clientLife.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        await().atMost(Harness.TIMEOUT).until(() -> meters.find("sctp.association")
                .tags("factory", server.getComponentName(), "role", "server").timer() != null);
    }

    @Test
    void pendingDeliveriesInFlightSendsAndTheKernelStateAreReadable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SctpServerAssociationFactory server = harness.server(f -> { });
        DirectChannel slow = new DirectChannel();
        slow.subscribe((MessageHandler) m -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(slow);
        harness.endpoint(adapter).start();
        Harness.started(server);
        SctpClientAssociationFactory client = Harness.started(harness.client(f -> { }, Harness.addressOf(server)));
        SctpAssociation association = client.getAssociation();
        for (int i = 0; i < 3; i++) {
            association.send(("m" + i).getBytes(UTF_8), SendInfo.DEFAULT); // one stream: one at a time
        }
        // the first blocks in the flow, the other two wait behind it on their stream's lane
        await().atMost(Harness.TIMEOUT).until(() -> server.getPendingDeliveries() == 3);
        assertThat(client.getInFlightSends()).isZero(); // the sends returned: nothing waits in the kernel
        // the kernel's view, through the association's read-only accessors rather than its socket
        assertThat(association.status().state()).isEqualTo(AssociationState.ESTABLISHED);
        assertThat(association.status().outboundStreams()).isEqualTo(association.getOutboundStreams());
        assertThat(association.paths()).isNotEmpty();
        assertThat(association.getOption(SctpOptions.NODELAY)).isTrue();
        release.countDown();
        await().atMost(Harness.TIMEOUT).until(() -> server.getPendingDeliveries() == 0);
    }
}
