package dev.sctp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.NotificationType;
import dev.sctp.notification.SctpNotification;
import dev.sctp.notification.SendFailed;
import dev.sctp.notification.SenderDry;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Notifications from the real kernel, decoded and delivered in order with the data. */
@RequiresSctp
class NotificationTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;
    /** The error cause code of an ABORT sent by a close with SO_LINGER 0 (RFC 9260 section 3.3.10.12). */
    private static final int USER_INITIATED_ABORT = 12;

    @Test
    void clientSubscribedBeforeConnectSeesCommUpWithTheNegotiatedStreams() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
                SctpSocket client = SctpSocket.open(SctpNetwork.SCTP, server.localAddress())) {
            client.subscribe(NotificationType.ASSOC_CHANGE);
            client.setOption(SctpOptions.INIT_MSG, InitOptions.streams(5, 7));
            client.connect(server.localAddress(), TIMEOUT);
            try (SctpSocket accepted = server.accept(TIMEOUT)) {
                AssociationChange up = (AssociationChange) next(client);
                assertThat(up.state()).isEqualTo(AssociationChange.State.COMM_UP);
                assertThat(up.outboundStreams()).isEqualTo(5);
                // min(the listener's 10 outbound streams, the 7 inbound this side accepts)
                assertThat(up.inboundStreams()).isEqualTo(7);
                assertThat(up.associationId()).isNotZero();
            }
        }
    }

    @Test
    void listenerSubscriptionsCarryOverToAcceptedAssociationsInOrderWithData() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            server.subscribe(NotificationType.ASSOC_CHANGE, NotificationType.SHUTDOWN_EVENT);
            try (SctpSocket client = SctpSocket.dial(server.localAddress(), TIMEOUT);
                    SctpSocket accepted = server.accept(TIMEOUT)) {
                client.send("data".getBytes(UTF_8), SendInfo.DEFAULT);
                client.shutdownOutput();

                List<Object> seen = new ArrayList<>();
                ReceiveInfo info = new ReceiveInfo();
                byte[] buf = new byte[64];
                accepted.setReadTimeout(TIMEOUT);
                while (true) {
                    int n = accepted.receive(buf, 0, buf.length, info);
                    if (n < 0) {
                        seen.add("EOF");
                        break;
                    }
                    seen.add(info.isNotification() ? info.notification().getClass().getSimpleName()
                            : new String(buf, 0, n, UTF_8));
                }
                // COMM_UP, the data, the peer's SHUTDOWN, then SHUTDOWN_COMP once our SHUTDOWN-ACK is answered.
                assertThat(seen).containsExactly("AssociationChange", "data", "Shutdown", "AssociationChange", "EOF");
            }
        }
    }

    @Test
    void gracefulShutdownCompletesOnTheInitiatingSide() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().subscribe(NotificationType.ASSOC_CHANGE);
            pair.client().shutdownOutput();
            assertThat(receiveUntilEnd(pair.accepted())).isEmpty();
            pair.accepted().close();
            List<SctpNotification> events = receiveUntilEnd(pair.client());
            assertThat(events).singleElement().isInstanceOfSatisfying(AssociationChange.class,
                    c -> assertThat(c.state()).isEqualTo(AssociationChange.State.SHUTDOWN_COMP));
        }
    }

    @Test
    void abortGivesThePeerCommLostAndLaterSendsSaySo() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.accepted().subscribe(NotificationType.ASSOC_CHANGE);
            pair.client().abort();
            SctpNotification lost = next(pair.accepted());
            assertThat(lost).isInstanceOfSatisfying(AssociationChange.class,
                    c -> assertThat(c.state()).isEqualTo(AssociationChange.State.COMM_LOST));
            assertThatThrownBy(() -> pair.accepted().send("late".getBytes(UTF_8), SendInfo.DEFAULT))
                    .isInstanceOf(SctpAssociationAbortedException.class)
                    .hasMessageContaining("aborted")
                    .hasMessageContaining("4-byte message was not sent");
        }
    }

    @Test
    void senderDryFiresAtOnceOnAnIdleAssociation() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().subscribe(NotificationType.SENDER_DRY_EVENT);
            assertThat(next(pair.client())).isInstanceOf(SenderDry.class);
        }
    }

    @Test
    void expiredMessageComesBackAsSendFailedWithItsPayloadAndIsNeverDelivered() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            server.setOption(SctpOptions.SO_RCVBUF, 4096);
            try (SctpSocket client = SctpSocket.dial(server.localAddress(), TIMEOUT);
                    SctpSocket accepted = server.accept(TIMEOUT)) {
                client.subscribe(NotificationType.SEND_FAILED_EVENT);
                // The peer does not read yet: once its small window is full, later messages wait in our queue,
                // where the kernel abandons the one whose lifetime ends before the window opens (RFC 3758).
                byte[] filler = new byte[4000];
                for (int i = 0; i < 8; i++) {
                    client.send(filler, SendInfo.DEFAULT);
                }
                client.send("expire-me".getBytes(UTF_8), SendInfo.of(1, 46).withLifetime(Duration.ofMillis(50)));
                Thread.sleep(500);

                // Read every filler, however slowly the window reopens (on lo it moves on retransmission timers).
                List<String> delivered = new ArrayList<>();
                accepted.setReadTimeout(TIMEOUT);
                byte[] buf = new byte[8192];
                ReceiveInfo info = new ReceiveInfo();
                while (delivered.size() < 8) {
                    int n = accepted.receive(buf, 0, buf.length, info);
                    delivered.add(n == filler.length ? "filler" : new String(buf, 0, n, UTF_8));
                }
                assertThat(delivered).containsOnly("filler");

                SctpNotification failed = next(client);
                assertThat(failed).isInstanceOfSatisfying(SendFailed.class, f -> {
                    assertThat(new String(f.payload(), UTF_8)).isEqualTo("expire-me");
                    assertThat(f.info().ppid()).isEqualTo(46);
                    assertThat(f.info().streamId()).isEqualTo(1);
                    assertThat(f.wasUnsent()).isTrue();
                });
                // and it never arrives
                accepted.setReadTimeout(Duration.ofSeconds(1));
                assertThatThrownBy(() -> accepted.receive(buf, 0, buf.length, info))
                        .isInstanceOf(java.net.SocketTimeoutException.class);
            }
        }
    }

    @Test
    void abortWithQueuedMessagesReportsEachUndeliveredPayload() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            server.setOption(SctpOptions.SO_RCVBUF, 4096);
            try (SctpSocket client = SctpSocket.dial(server.localAddress(), TIMEOUT);
                    SctpSocket accepted = server.accept(TIMEOUT)) {
                client.subscribe(NotificationType.SEND_FAILED_EVENT, NotificationType.ASSOC_CHANGE);
                for (int i = 0; i < 8; i++) {
                    client.send(new byte[4000], SendInfo.DEFAULT);
                }
                client.send("undelivered".getBytes(UTF_8), SendInfo.of(2, 3));
                accepted.abort();

                List<SctpNotification> events = new ArrayList<>();
                ReceiveInfo info = new ReceiveInfo();
                client.setReadTimeout(TIMEOUT);
                byte[] buf = new byte[65536];
                try {
                    while (true) {
                        client.receive(buf, 0, buf.length, info);
                        if (info.isNotification()) {
                            events.add(info.notification());
                        }
                    }
                } catch (SctpAssociationAbortedException | java.net.SocketTimeoutException end) {
                    // the abort surfaces once the notifications are read
                }
                // closing with SO_LINGER 0 sends ABORT with cause 12 (user-initiated abort, RFC 9260 section 3.3.10.12);
                // the kernel hands that cause to both sac_error and ssf_error, in network byte order
                assertThat(events).anySatisfy(n -> assertThat(n).isInstanceOfSatisfying(AssociationChange.class,
                        c -> {
                            assertThat(c.state()).isEqualTo(AssociationChange.State.COMM_LOST);
                            assertThat(c.error()).as("sac_error").isEqualTo(USER_INITIATED_ABORT);
                        }));
                assertThat(events).anySatisfy(n -> assertThat(n).isInstanceOfSatisfying(SendFailed.class, f -> {
                    assertThat(new String(f.payload(), UTF_8)).isEqualTo("undelivered");
                    assertThat(f.info().streamId()).isEqualTo(2);
                    assertThat(f.info().ppid()).isEqualTo(3);
                    assertThat(f.error()).as("ssf_error").isEqualTo(USER_INITIATED_ABORT);
                }));
            }
        }
    }

    @Test
    void unsubscribedTypesAreNoLongerDelivered() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.accepted().subscribe(NotificationType.SHUTDOWN_EVENT);
            pair.accepted().unsubscribe(NotificationType.SHUTDOWN_EVENT);
            pair.client().shutdownOutput();
            assertThat(receiveUntilEnd(pair.accepted())).isEmpty();
        }
    }

    private static SctpNotification next(SctpSocket socket) throws IOException {
        ReceiveInfo info = new ReceiveInfo();
        socket.setReadTimeout(TIMEOUT);
        byte[] buf = new byte[65536];
        while (true) {
            int n = socket.receive(buf, 0, buf.length, info);
            if (info.isNotification()) {
                return info.notification();
            }
            if (n < 0) {
                throw new AssertionError("end of stream before a notification");
            }
        }
    }

    private static List<SctpNotification> receiveUntilEnd(SctpSocket socket) throws IOException {
        List<SctpNotification> events = new ArrayList<>();
        ReceiveInfo info = new ReceiveInfo();
        socket.setReadTimeout(TIMEOUT);
        byte[] buf = new byte[65536];
        while (socket.receive(buf, 0, buf.length, info) >= 0) {
            if (info.isNotification()) {
                events.add(info.notification());
            }
        }
        return events;
    }

}
