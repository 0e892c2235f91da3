package dev.sctp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.test.AssociationPair;
import dev.sctp.test.Blackhole;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.ThreadStates;
import java.net.InetAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One-to-one behaviour from the lksctp-tools func_tests checklist (test_1_to_1_*), against the real kernel. */
@RequiresSctp
class OneToOneConformanceTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;

    @Test
    void connectingAnAlreadyConnectedSocketFails() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            assertThatThrownBy(() -> pair.client().connect(pair.server().localAddress(), TIMEOUT))
                    .isInstanceOf(SctpException.class)
                    .hasMessageContaining("already connected");
        }
    }

    @Test
    void sendingOnAnUnconnectedSocketFailsClearly() throws Exception {
        try (SctpSocket socket = SctpSocket.open(SctpNetwork.SCTP, SctpAddress.parse("127.0.0.1:0"))) {
            assertThatThrownBy(() -> socket.send(new byte[] {1}, SendInfo.DEFAULT))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("sendmsg");
        }
    }

    @Test
    void dialWithoutAPortIsRejectedBeforeAnySystemCall() throws Exception {
        try (SctpSocket socket = SctpSocket.open()) {
            assertThatThrownBy(() -> socket.connect(SctpAddress.parse("127.0.0.1:0"), TIMEOUT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("missing port");
        }
    }

    @Test
    void aConnectThatReachesItsOwnSocketIsRefusedInsteadOfAnAssociationWithItself() throws Exception {
        int port;
        try (SctpServerSocket probe = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            port = probe.localAddress().port();
        }
        // What an unbound socket gets by chance when the kernel hands it the port it dials: here on purpose.
        try (SctpSocket socket = SctpSocket.open(SctpNetwork.SCTP, SctpAddress.parse("127.0.0.1:0"))) {
            socket.bind(SctpAddress.parse("127.0.0.1:" + port));
            assertThatThrownBy(() -> socket.connect(SctpAddress.parse("127.0.0.1:" + port), TIMEOUT))
                    .isInstanceOf(java.net.ConnectException.class)
                    .hasMessageContaining("reached this socket itself");
            assertThat(socket.isClosed()).isTrue();
        }
    }

    @Test
    void closeCancelsAPendingConnect() throws Exception {
        String host = Blackhole.ipv4();
        SctpSocket socket = SctpSocket.open(SctpNetwork.SCTP, SctpAddress.parse(host + ":1"));
        CompletableFuture<Throwable> connect = new CompletableFuture<>();
        Thread connector = new Thread(() -> {
            try {
                socket.connect(SctpAddress.parse(host + ":3868"), Duration.ofSeconds(60));
                connect.complete(null);
            } catch (Throwable e) {
                connect.complete(e);
            }
        }, "pending-connect");
        connector.start();
        // wait until it is parked waiting for the INIT ACK that never comes, not merely started
        ThreadStates.await(connector, TIMEOUT, Thread.State.TIMED_WAITING);
        assertThat(connect).isNotDone();
        socket.close();
        assertThat(connect.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(AsynchronousCloseException.class);
    }

    @Test
    void interruptCancelsAPendingConnect() throws Exception {
        String host = Blackhole.ipv4();
        SctpSocket socket = SctpSocket.open(SctpNetwork.SCTP, SctpAddress.parse(host + ":1"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                socket.connect(SctpAddress.parse(host + ":3868"), Duration.ofSeconds(60));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        Thread.sleep(300);
        t.interrupt();
        t.join(TIMEOUT.toMillis());
        assertThat(failure.get()).isInstanceOf(ClosedByInterruptException.class);
        assertThat(socket.isClosed()).isTrue();
    }

    @Test
    void connectsFromAMultiHomedLocalAddressWithPerDialInitOptions() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1/127.0.0.2:0"));
                SctpSocket client = SctpSocket.open(SctpNetwork.SCTP4, SctpAddress.parse("127.0.0.1:0"))) {
            client.setOption(SctpOptions.INIT_MSG, InitOptions.streams(3, 3).withMaxAttempts(2)
                    .withMaxInitTimeout(Duration.ofMillis(1000)));
            client.bind(SctpAddress.parse("127.0.0.2/127.0.0.3:0"));
            client.connect(server.localAddress(), TIMEOUT);
            try (SctpSocket accepted = server.accept(TIMEOUT)) {
                assertThat(accepted.remoteAddress().addresses()).containsExactlyInAnyOrder(
                        InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"));
                assertThatThrownBy(() -> client.send(new byte[1], SendInfo.stream(3)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..2");
                client.send("s2".getBytes(UTF_8), SendInfo.stream(2));
                ReceiveInfo info = new ReceiveInfo();
                accepted.setReadTimeout(TIMEOUT);
                accepted.receive(new byte[8], 0, 8, info);
                assertThat(info.streamId()).isEqualTo(2);
            }
        }
    }

    @Test
    void sendsToAChosenPeerAddress() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1/127.0.0.2:0")) {
            InetAddress second = InetAddress.getByName("127.0.0.2");
            pair.client().send("via .2".getBytes(UTF_8), SendInfo.DEFAULT.withPeerAddress(second));
            byte[] buf = new byte[16];
            pair.accepted().setReadTimeout(TIMEOUT);
            int n = pair.accepted().receive(buf, 0, buf.length, new ReceiveInfo());
            assertThat(new String(buf, 0, n, UTF_8)).isEqualTo("via .2");
            InetAddress notAPeer = InetAddress.getByName("127.0.0.3");
            assertThatThrownBy(() -> pair.client().send(new byte[1], SendInfo.DEFAULT.withPeerAddress(notAPeer)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("127.0.0.3 is not one of this association's peer addresses");
        }
    }

    @Test
    void eofAfterAMessageShutsTheAssociationDownOnceItIsDelivered() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().send("last words".getBytes(UTF_8), SendInfo.DEFAULT.withEof(true));
            byte[] buf = new byte[32];
            ReceiveInfo info = new ReceiveInfo();
            pair.accepted().setReadTimeout(TIMEOUT);
            int n = pair.accepted().receive(buf, 0, buf.length, info);
            assertThat(new String(buf, 0, n, UTF_8)).isEqualTo("last words");
            assertThat(pair.accepted().receive(buf, 0, buf.length, info)).isEqualTo(-1);
            assertThat(info.isEndOfStream()).isTrue();
        }
    }

    @Test
    void readsAfterThePeerShutDownReturnEndOfStreamEveryTime() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().shutdownOutput();
            byte[] buf = new byte[8];
            ReceiveInfo info = new ReceiveInfo();
            pair.accepted().setReadTimeout(TIMEOUT);
            assertThat(pair.accepted().receive(buf, 0, buf.length, info)).isEqualTo(-1);
            assertThat(pair.accepted().receive(buf, 0, buf.length, info)).isEqualTo(-1);
        }
    }

    @Test
    void readerParkedBeforeThisSideShutsDownSeesEndOfStreamWhenTheAssociationEnds() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            SctpSocket accepted = pair.accepted();
            accepted.setReadTimeout(TIMEOUT);
            CompletableFuture<Integer> read = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    read.complete(accepted.receive(new byte[8], 0, 8, new ReceiveInfo()));
                } catch (Throwable e) {
                    read.completeExceptionally(e);
                }
            }, "parked-reader");
            reader.start();
            assertThat(ThreadStates.await(reader, TIMEOUT, Thread.State.TIMED_WAITING))
                    .isEqualTo(Thread.State.TIMED_WAITING);
            accepted.shutdownOutput();
            byte[] buf = new byte[8];
            pair.client().setReadTimeout(TIMEOUT);
            assertThat(pair.client().receive(buf, 0, buf.length, new ReceiveInfo())).isEqualTo(-1);
            pair.client().close();
            // The kernel raises no input readiness when the association completes its shutdown: only the re-check
            // started by shutdownOutput lets the parked reader see the end.
            assertThat(read.get(TIMEOUT.toSeconds() / 2, TimeUnit.SECONDS)).isEqualTo(-1);
        }
    }

    @Test
    void abortedAssociationFailsEveryLaterReadAtOnce() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().abort();
            byte[] buf = new byte[8];
            pair.accepted().setReadTimeout(TIMEOUT);
            assertThatThrownBy(() -> pair.accepted().receive(buf, 0, buf.length, new ReceiveInfo()))
                    .isInstanceOf(SctpAssociationAbortedException.class);
            long start = System.nanoTime();
            assertThatThrownBy(() -> pair.accepted().receive(buf, 0, buf.length, new ReceiveInfo()))
                    .isInstanceOf(SctpAssociationAbortedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void listenerAddressesAreReportedWithTheWildcardExpanded() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse(":0"))) {
            SctpAddress bound = server.localAddress();
            assertThat(bound.port()).isPositive();
            assertThat(bound.addresses()).contains(InetAddress.getByName("127.0.0.1"),
                    InetAddress.getByName("127.0.0.2"));
        }
    }
}
