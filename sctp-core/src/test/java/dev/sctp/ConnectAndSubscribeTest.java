package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.NotificationType;
import dev.sctp.notification.SctpNotification;
import dev.sctp.notification.SenderDry;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.Blackhole;
import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connect's failures and results, and subscriptions, checked against the real kernel. */
@RequiresSctp
class ConnectAndSubscribeTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;

    @Test
    void connectWhoseInitIsNeverAnsweredFailsWithConnectExceptionNotATimeout() throws Exception {
        String host = Blackhole.ipv4();
        try (SctpSocket socket = SctpSocket.open(SctpNetwork.SCTP4, SctpAddress.parse(host + ":1"))) {
            // INIT goes out at 100 ms, once more at most 200 ms later, then the kernel gives up with ETIMEDOUT.
            socket.setOption(SctpOptions.RTO_INFO,
                    new RtoInfo(Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(200)));
            socket.setOption(SctpOptions.INIT_MSG,
                    InitOptions.DEFAULT.withMaxAttempts(1).withMaxInitTimeout(Duration.ofMillis(200)));
            long start = System.nanoTime();
            // The caller's timeout is far away: the failure must be the kernel's, not this deadline.
            assertThatThrownBy(() -> socket.connect(SctpAddress.parse(host + ":3868"), Duration.ofSeconds(120)))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("ETIMEDOUT")
                    .hasMessageContaining("no answer to INIT from " + host + ":3868")
                    .hasMessageContaining("is a listener there");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
            assertThat(socket.isConnected()).isFalse();
            assertThat(socket.associationId()).isZero();
        }
    }

    @Test
    void associationIdIsTheOneTheKernelReportsOnBothSides() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
                SctpSocket client = SctpSocket.open(SctpNetwork.SCTP4, server.localAddress())) {
            assertThat(client.associationId()).as("before connect").isZero();
            client.subscribe(NotificationType.ASSOC_CHANGE);
            client.connect(server.localAddress(), TIMEOUT);
            try (SctpSocket accepted = server.accept(TIMEOUT)) {
                int id = client.associationId();
                assertThat(id).isPositive();
                assertThat(client.status().associationId()).isEqualTo(id);
                AssociationChange up = (AssociationChange) nextNotification(client);
                assertThat(up.state()).isEqualTo(AssociationChange.State.COMM_UP);
                assertThat(up.associationId()).isEqualTo(id);
                assertThat(accepted.associationId()).isPositive()
                        .isEqualTo(accepted.status().associationId())
                        .isNotEqualTo(id);
                int clientPort = client.localAddress().port();
                int serverPort = server.localAddress().port();
                assertThat(kernelAssociationIds(clientPort, serverPort)).as("/proc/net/sctp/assocs").contains(id);
                assertThat(kernelAssociationIds(serverPort, clientPort)).as("/proc/net/sctp/assocs")
                        .contains(accepted.associationId());
            }
        }
    }

    @Test
    void subscribingToATypeTwiceInOneCallIsAllowedAndTakesEffect() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().subscribe(NotificationType.SENDER_DRY_EVENT, NotificationType.SENDER_DRY_EVENT);
            // the kernel answers a SENDER_DRY subscription on an idle association with the event at once
            assertThat(nextNotification(pair.client())).isInstanceOf(SenderDry.class);
            pair.client().unsubscribe(NotificationType.SENDER_DRY_EVENT, NotificationType.SENDER_DRY_EVENT);
            pair.server().subscribe(NotificationType.ASSOC_CHANGE, NotificationType.ASSOC_CHANGE);
            pair.server().unsubscribe(NotificationType.ASSOC_CHANGE, NotificationType.ASSOC_CHANGE);
        }
    }

    @Test
    void aNullTypeIsRejectedNamingItsPosition() throws Exception {
        try (SctpSocket socket = SctpSocket.open()) {
            assertThatThrownBy(() -> socket.subscribe(NotificationType.ASSOC_CHANGE, null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("index 1");
        }
    }

    private static SctpNotification nextNotification(SctpSocket socket) throws IOException {
        ReceiveInfo info = new ReceiveInfo();
        socket.setReadTimeout(TIMEOUT);
        byte[] buf = new byte[65536];
        while (true) {
            socket.receive(buf, 0, buf.length, info);
            if (info.isNotification()) {
                return info.notification();
            }
        }
    }

    /** The ASSOC-ID column of /proc/net/sctp/assocs for associations from {@code localPort} to {@code peerPort}. */
    private static List<Integer> kernelAssociationIds(int localPort, int peerPort) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/sctp/assocs"));
        List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
        int idColumn = header.indexOf("ASSOC-ID");
        int localColumn = header.indexOf("LPORT");
        int peerColumn = header.indexOf("RPORT");
        assertThat(idColumn).as("ASSOC-ID column in " + header).isNotNegative();
        List<Integer> ids = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (Integer.parseInt(f[localColumn]) == localPort && Integer.parseInt(f[peerColumn]) == peerPort) {
                ids.add(Integer.parseInt(f[idColumn]));
            }
        }
        return ids;
    }
}
