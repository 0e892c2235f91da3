package dev.sctp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.test.AssociationPair;
import dev.sctp.test.Blackhole;
import dev.sctp.test.RequiresSctp;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Timeouts and deadlines that must fire, must not fire, and leave the association usable. */
@RequiresSctp
class DeadlineTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;

    @Test
    void readTimeoutFiresAndTheAssociationStaysUsable() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.accepted().setReadTimeout(Duration.ofMillis(200));
            ReceiveInfo info = new ReceiveInfo();
            byte[] buf = new byte[16];
            long start = System.nanoTime();
            assertThatThrownBy(() -> pair.accepted().receive(buf, 0, buf.length, info))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("recvmsg timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));

            pair.client().send("after".getBytes(UTF_8), SendInfo.DEFAULT);
            pair.accepted().setReadTimeout(TIMEOUT);
            int n = pair.accepted().receive(buf, 0, buf.length, info);
            assertThat(new String(buf, 0, n, UTF_8)).isEqualTo("after");
        }
    }

    @Test
    void timeoutsTooLongForNanosecondsMeanForeverAndNegativeOnesAreRejectedByName() throws Exception {
        Duration millennium = Duration.ofDays(365L * 1000); // overflows Duration.toNanos()
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.accepted().setReadTimeout(millennium);
            pair.client().setWriteTimeout(millennium);
            pair.server().setAcceptTimeout(millennium);
            pair.client().send("long".getBytes(UTF_8), SendInfo.DEFAULT);
            byte[] buf = new byte[16];
            assertThat(pair.accepted().receive(buf, 0, buf.length, new ReceiveInfo())).isEqualTo(4);
            assertThat(pair.accepted().getReadTimeout()).isPositive();

            assertThatThrownBy(() -> pair.accepted().setReadTimeout(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("read timeout PT-1S must not be negative")
                    .hasMessageContaining("Duration.ZERO");
            assertThatThrownBy(() -> pair.client().setWriteTimeout(Duration.ofMillis(-5)))
                    .hasMessageContaining("write timeout PT-0.005S");
            assertThatThrownBy(() -> pair.server().setAcceptTimeout(Duration.ofSeconds(-2)))
                    .hasMessageContaining("accept timeout PT-2S");
            assertThatThrownBy(() -> pair.server().accept(Duration.ofSeconds(-3)))
                    .hasMessageContaining("accept timeout PT-3S");
        }
    }

    @Test
    void readTimeoutDoesNotFireWhenDataArrivesInTime() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.accepted().setReadTimeout(Duration.ofSeconds(10));
            CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(100);
                    pair.client().send("late".getBytes(UTF_8), SendInfo.DEFAULT);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] buf = new byte[16];
            int n = pair.accepted().receive(buf, 0, buf.length, new ReceiveInfo());
            assertThat(new String(buf, 0, n, UTF_8)).isEqualTo("late");
        }
    }

    @Test
    void pastReadDeadlineFailsAtOnceEvenWithDataQueuedAndCanBeLifted() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().send("queued".getBytes(UTF_8), SendInfo.DEFAULT);
            pair.accepted().setReadDeadline(Instant.now().minusSeconds(1));
            byte[] buf = new byte[16];
            assertThatThrownBy(() -> pair.accepted().receive(buf, 0, buf.length, new ReceiveInfo()))
                    .isInstanceOf(SocketTimeoutException.class);
            pair.accepted().setReadDeadline(null);
            pair.accepted().setReadTimeout(TIMEOUT);
            int n = pair.accepted().receive(buf, 0, buf.length, new ReceiveInfo());
            assertThat(new String(buf, 0, n, UTF_8)).isEqualTo("queued");
        }
    }

    @Test
    void deadlineMovedWhileWaitingWakesTheReader() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    pair.accepted().receive(new byte[8], 0, 8, new ReceiveInfo());
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            Thread.sleep(200);
            assertThat(reader).isNotDone();
            pair.accepted().setReadDeadline(Instant.now().plusMillis(100));
            assertThat(reader.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void writeTimeoutFiresWhenThePeerStopsReading() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().setWriteTimeout(Duration.ofMillis(300));
            byte[] chunk = new byte[8192];
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1_000_000; i++) {
                    pair.client().send(chunk, SendInfo.DEFAULT);
                }
            }).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("sendmsg timed out");

            // The association is still usable: a marker sent now arrives after the backlog once the peer reads.
            pair.client().setWriteTimeout(TIMEOUT);
            CompletableFuture<Void> marker = CompletableFuture.runAsync(() -> {
                try {
                    pair.client().send("ok".getBytes(UTF_8), SendInfo.DEFAULT);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            pair.accepted().setReadTimeout(TIMEOUT);
            byte[] buf = new byte[65536];
            ReceiveInfo info = new ReceiveInfo();
            int backlog = 0;
            while (true) {
                int n = pair.accepted().receive(buf, 0, buf.length, info);
                if (n == 2 && buf[0] == 'o' && buf[1] == 'k') {
                    break;
                }
                assertThat(n).isEqualTo(chunk.length);
                backlog++;
            }
            marker.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(backlog).isPositive();
        }
    }

    @Test
    void acceptTimeoutFiresAndTheListenerStillAccepts() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            assertThatThrownBy(() -> server.accept(Duration.ofMillis(150)))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("accept timed out");
            try (SctpSocket client = SctpSocket.dial(server.localAddress(), TIMEOUT);
                    SctpSocket accepted = server.accept(TIMEOUT)) {
                assertThat(accepted.isConnected()).isTrue();
                assertThat(client.isConnected()).isTrue();
            }
        }
    }

    @Test
    void connectTimeoutFiresWhenInitGoesUnanswered() throws Exception {
        String host = Blackhole.ipv4();
        try (SctpSocket socket = SctpSocket.open(SctpNetwork.SCTP, SctpAddress.parse(host + ":1"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> socket.connect(SctpAddress.parse(host + ":3868"), Duration.ofMillis(500)))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining(host + ":3868");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(490)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void connectDeadlineInThePastFailsWithoutConnecting() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
                SctpSocket socket = SctpSocket.open(SctpNetwork.SCTP, server.localAddress())) {
            assertThatThrownBy(() -> socket.connect(server.localAddress(), Instant.now().minusSeconds(1)))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(socket.isConnected()).isFalse();
        }
    }
}
