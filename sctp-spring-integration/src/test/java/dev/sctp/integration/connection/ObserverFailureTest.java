package dev.sctp.integration.connection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.SctpAddress;
import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.notification.SctpNotification;
import dev.sctp.test.RequiresSctp;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.messaging.Message;

/** An observer that throws from every callback neither ends associations nor turns successful sends into failures. */
@RequiresSctp
class ObserverFailureTest {

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    /** Throws from every callback, counting the calls. */
    static final class ThrowingObserver implements SctpAssociationObserver {

        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger sendFailures = new AtomicInteger();

        private void fail() {
            calls.incrementAndGet();
            throw new IllegalStateException("observer broken on purpose");
        }

        @Override
        public void associationOpened(SctpAssociation association) {
            fail();
        }

        @Override
        public void associationClosed(SctpAssociation association, CloseReason reason, @Nullable Throwable cause) {
            fail();
        }

        @Override
        public void connectFailed(SctpAddress peer, Throwable cause) {
            fail();
        }

        @Override
        public void messageReceived(SctpAssociation association, int streamId, int bytes) {
            fail();
        }

        @Override
        public void messageSent(SctpAssociation association, int streamId, int bytes) {
            fail();
        }

        @Override
        public void sendFailed(SctpAssociation association, int streamId, int bytes, Throwable cause) {
            sendFailures.incrementAndGet();
            fail();
        }

        @Override
        public void notificationReceived(SctpAssociation association, SctpNotification notification) {
            fail();
        }
    }

    @Test
    void aThrowingObserverNeitherEndsTheAssociationNorFailsSendsThatSucceeded() throws Exception {
        ThrowingObserver serverObserver = new ThrowingObserver();
        ThrowingObserver clientObserver = new ThrowingObserver();
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> f.addObserver(serverObserver)));
        QueueChannel received = new QueueChannel();
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(server);
        adapter.setOutputChannel(received);
        harness.endpoint(adapter).start();
        SctpClientAssociationFactory client = Harness.started(harness.client(f -> f.addObserver(clientObserver),
                Harness.addressOf(server)));
        SctpAssociation association = client.getAssociation();

        int messages = 20;
        for (int i = 0; i < messages; i++) {
            association.send(("m" + i).getBytes(UTF_8), SendInfo.stream(i % 2)); // must not throw
        }
        for (int i = 0; i < messages; i++) {
            Message<?> m = received.receive(Harness.TIMEOUT.toMillis());
            assertThat(m).as("message %d", i).isNotNull();
        }
        assertThat(received.receive(0)).as("each message exactly once").isNull();
        assertThat(association.isOpen()).isTrue();
        assertThat(association.getMessagesSent()).isEqualTo(messages);
        assertThat(clientObserver.sendFailures.get()).as("sends reported failed").isZero();
        assertThat(server.getAssociations()).hasSize(1);
        assertThat(server.getAssociations().get(0).getMessagesReceived()).isEqualTo(messages);
        // the observers were called, and failed, all along
        assertThat(serverObserver.calls.get()).isGreaterThanOrEqualTo(messages);
        assertThat(clientObserver.calls.get()).isGreaterThanOrEqualTo(messages);
    }
}
