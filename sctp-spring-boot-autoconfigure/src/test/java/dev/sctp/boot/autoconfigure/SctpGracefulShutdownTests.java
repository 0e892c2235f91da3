package dev.sctp.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpAssociationAbortedException;
import dev.sctp.SctpOptions;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.boot.autoconfigure.app.UppercaseServer;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.NotificationType;
import dev.sctp.notification.SctpNotification;
import dev.sctp.notification.Shutdown;
import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;

/**
 * Stopping the application shuts associations down gracefully: the peer receives the data queued for it and then
 * SHUTDOWN, not ABORT; an association that cannot finish within the lifecycle phase timeout is aborted.
 */
@RequiresSctp
class SctpGracefulShutdownTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void peerSeesQueuedDataThenShutdownNotAbort() throws IOException {
        ConfigurableApplicationContext server = Apps.run(UppercaseServer.class, "sctp.listen.addresses=127.0.0.1:0");
        SctpServerAssociationFactory listener = listening(server);
        try (SctpSocket peer = SctpSocket.open()) {
            connect(peer, listener);
            peer.setReadTimeout(TIMEOUT);
            peer.send("ping".getBytes(StandardCharsets.UTF_8), SendInfo.stream(0));
            Received first = readUntilData(peer);
            assertThat(first.data()).containsExactly("PING");
            SctpTestUtils.waitAssociations(listener, 1, TIMEOUT);
            String association = listener.getOpenAssociationIds().get(0);
            MessageChannel outbound = server.getBean("sctpOutbound", MessageChannel.class);
            for (int i = 0; i < 20; i++) {
                outbound.send(MessageBuilder.withPayload("queued-" + i)
                        .setHeader(SctpHeaders.ASSOCIATION_ID, association).build());
            }

            server.close();

            Received rest = readAll(peer);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("queued-" + i);
            }
            assertThat(rest.data()).containsExactlyElementsOf(expected);
            assertThat(rest.notifications()).anyMatch(n -> n instanceof Shutdown
                    || n instanceof AssociationChange c && c.state() == AssociationChange.State.SHUTDOWN_COMP);
            assertThat(rest.notifications()).noneMatch(n -> n instanceof AssociationChange c
                    && c.state() == AssociationChange.State.COMM_LOST);
            assertThat(rest.aborted()).isFalse();
            assertThat(rest.endOfStream()).isTrue();
        } finally {
            server.close();
        }
    }

    @Test
    void theReplyToARequestStillBeingHandledIsSentBeforeShutdown() throws Exception {
        ConfigurableApplicationContext server = Apps.run(UppercaseServer.class, "sctp.listen.addresses=127.0.0.1:0");
        SctpServerAssociationFactory listener = listening(server);
        try (SctpSocket peer = SctpSocket.open()) {
            connect(peer, listener);
            peer.setReadTimeout(TIMEOUT);
            SctpTestUtils.waitAssociations(listener, 1, TIMEOUT);
            peer.send("slow request".getBytes(StandardCharsets.UTF_8), SendInfo.stream(1));
            // wait until the handler is at work on it (the delivery is pending while the handler sleeps)
            org.awaitility.Awaitility.await().atMost(TIMEOUT)
                    .until(() -> listener.getAssociations().get(0).getPendingDeliveries() > 0);

            server.close();

            Received rest = readAll(peer);
            assertThat(rest.data()).containsExactly("SLOW REQUEST");
            assertThat(rest.aborted()).isFalse();
            assertThat(rest.endOfStream()).isTrue();
        } finally {
            server.close();
        }
    }

    @Test
    void whatCannotFinishWithinThePhaseTimeoutIsAborted() throws IOException {
        ConfigurableApplicationContext server = Apps.run(UppercaseServer.class, "sctp.listen.addresses=127.0.0.1:0",
                "spring.lifecycle.timeout-per-shutdown-phase=3s", "sctp.listen.send-timeout=200ms",
                "sctp.listen.send-buffer-size=64KB");
        SctpServerAssociationFactory listener = listening(server);
        try (SctpSocket peer = SctpSocket.open()) {
            peer.setOption(SctpOptions.SO_RCVBUF, 4096);
            connect(peer, listener);
            SctpTestUtils.waitAssociations(listener, 1, TIMEOUT);
            String association = listener.getOpenAssociationIds().get(0);
            MessageChannel outbound = server.getBean("sctpOutbound", MessageChannel.class);
            byte[] chunk = new byte[8192];
            int sent = 0;
            try {
                // The peer does not read: its window closes, then the server's send buffer fills.
                for (; sent < 10_000; sent++) {
                    outbound.send(MessageBuilder.withPayload(chunk).setHeader(SctpHeaders.ASSOCIATION_ID, association)
                            .build());
                }
            } catch (MessagingException e) {
                assertThat(e).hasStackTraceContaining("timed out");
            }
            assertThat(sent).isLessThan(10_000);

            long start = System.nanoTime();
            server.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(15));

            peer.setReadTimeout(TIMEOUT);
            Received rest = readAll(peer);
            assertThat(rest.aborted() || rest.notifications().stream().anyMatch(n -> n instanceof AssociationChange c
                    && c.state() == AssociationChange.State.COMM_LOST)).as("peer saw ABORT: %s", rest).isTrue();
        } finally {
            server.close();
        }
    }

    /** The application's listener, once it listens. */
    private static SctpServerAssociationFactory listening(ConfigurableApplicationContext server) {
        SctpServerAssociationFactory listener = server.getBean(SctpServerAssociationFactory.class);
        SctpTestUtils.waitListening(listener, TIMEOUT);
        return listener;
    }

    /** Connects {@code peer} to {@code listener}, watching for the association's changes and its SHUTDOWN. */
    private static void connect(SctpSocket peer, SctpServerAssociationFactory listener) throws IOException {
        peer.subscribe(NotificationType.ASSOC_CHANGE, NotificationType.SHUTDOWN_EVENT);
        peer.connect(SctpAddress.parse("127.0.0.1:" + listener.getPort()), TIMEOUT);
    }

    record Received(List<String> data, List<SctpNotification> notifications, boolean endOfStream, boolean aborted) {
    }

    private static Received readUntilData(SctpSocket peer) throws IOException {
        byte[] buffer = new byte[65536];
        ReceiveInfo info = new ReceiveInfo();
        List<SctpNotification> notifications = new ArrayList<>();
        while (true) {
            int n = peer.receive(buffer, 0, buffer.length, info);
            if (info.notification() != null) {
                notifications.add(info.notification());
            } else if (n > 0) {
                return new Received(List.of(new String(buffer, 0, n, StandardCharsets.UTF_8)), notifications, false,
                        false);
            } else {
                throw new AssertionError("end of stream before data; notifications " + notifications);
            }
        }
    }

    private static Received readAll(SctpSocket peer) throws IOException {
        byte[] buffer = new byte[65536];
        ReceiveInfo info = new ReceiveInfo();
        List<String> data = new ArrayList<>();
        List<SctpNotification> notifications = new ArrayList<>();
        try {
            while (true) {
                int n = peer.receive(buffer, 0, buffer.length, info);
                if (n < 0) {
                    return new Received(data, notifications, true, false);
                }
                if (info.notification() != null) {
                    notifications.add(info.notification());
                    if (info.notification() instanceof AssociationChange c
                            && c.state() != AssociationChange.State.COMM_UP) {
                        return new Received(data, notifications, true, false);
                    }
                } else if (data.size() < 100) {
                    data.add(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (SctpAssociationAbortedException e) {
            return new Received(data, notifications, false, true);
        }
    }
}
