package dev.sctp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.test.AssociationPair;
import dev.sctp.test.RequiresSctp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Listening, dialling and exchanging messages over real kernel associations. */
@RequiresSctp
class SctpSocketTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;

    @ParameterizedTest(name = "listen {0}, dial {1}")
    @CsvSource(delimiter = ';', value = {
        "127.0.0.1:0; 127.0.0.1",
        "127.0.0.1/127.0.0.2:0; 127.0.0.2",
        "[::1]:0; [::1]",
        "[::1]/[::2]:0; [::2]",
        ":0; 127.0.0.1",
        ":0; [::1]",
        ":0; [::ffff:127.0.0.1]",
        "[::]:0; 127.0.0.1",
        "127.0.0.1/[::1]:0; [::1]",
        "127.0.0.1/[::1]:0; 127.0.0.1",
    })
    void exchangesMessagesAcrossTheListenAndDialMatrix(String listen, String dialHost) throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse(listen))) {
            int port = server.localAddress().port();
            try (SctpSocket client = SctpSocket.dial(SctpAddress.parse(dialHost + ":" + port), TIMEOUT);
                    SctpSocket accepted = server.accept(TIMEOUT)) {
                echoOnce(client, accepted, "from client");
                echoOnce(accepted, client, "from server");
            }
        }
    }

    @Test
    void multiHomedAssociationReportsEveryAddressOnBothSides() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1/127.0.0.2:0"));
                SctpSocket client = SctpSocket.open(SctpNetwork.SCTP, SctpAddress.parse("127.0.0.1:0"))) {
            client.bind(SctpAddress.parse("127.0.0.1/127.0.0.3:0"));
            client.connect(server.localAddress(), TIMEOUT);
            try (SctpSocket accepted = server.accept(TIMEOUT)) {
                InetAddress one = InetAddress.getByName("127.0.0.1");
                InetAddress two = InetAddress.getByName("127.0.0.2");
                InetAddress three = InetAddress.getByName("127.0.0.3");
                assertThat(client.remoteAddress().addresses()).containsExactlyInAnyOrder(one, two);
                assertThat(accepted.remoteAddress().addresses()).containsExactlyInAnyOrder(one, three);
                assertThat(accepted.localAddress().addresses()).containsExactlyInAnyOrder(one, two);
                assertThat(client.remoteAddress().port()).isEqualTo(server.localAddress().port());
                echoOnce(client, accepted, "multi-homed");
            }
        }
    }

    @Test
    void dialFromAMultiHomedLocalAddressWithInitOptionsInOneCall() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            server.setOption(SctpOptions.INIT_MSG, InitOptions.streams(20, 20));
            try (SctpSocket client = SctpSocket.dial(server.localAddress(), SctpAddress.parse("127.0.0.1/127.0.0.3:0"),
                    InitOptions.streams(5, 7), TIMEOUT);
                    SctpSocket accepted = server.accept(TIMEOUT)) {
                assertThat(accepted.remoteAddress().addresses()).containsExactlyInAnyOrder(
                        InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.3"));
                assertThat(client.status().outboundStreams()).isEqualTo(5);
                assertThat(client.status().inboundStreams()).isEqualTo(7);
                echoOnce(client, accepted, "dialled");
            }
        }
    }

    @Test
    void deliversStreamPpidAndUnorderedFlagWithEachMessage() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().send("a".getBytes(UTF_8), SendInfo.of(3, 46).withUnordered(true).withContext(7));
            pair.client().send("b".getBytes(UTF_8), SendInfo.of(2, 0xfffffff0));
            ReceiveInfo info = new ReceiveInfo();
            byte[] buf = new byte[16];

            assertThat(pair.accepted().receive(buf, 0, buf.length, info)).isEqualTo(1);
            assertThat(info.streamId()).isEqualTo(3);
            assertThat(info.ppid()).isEqualTo(46);
            assertThat(info.isUnordered()).isTrue();
            assertThat(info.isComplete()).isTrue();
            assertThat(info.isNotification()).isFalse();

            assertThat(pair.accepted().receive(buf, 0, buf.length, info)).isEqualTo(1);
            assertThat(info.streamId()).isEqualTo(2);
            assertThat(info.ppid()).isEqualTo(0xfffffff0);
            assertThat(info.isUnordered()).isFalse();
            assertThat(info.ssn()).isEqualTo(0);
        }
    }

    @Test
    void directAndHeapBuffersCarryTheSameBytes() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            ByteBuffer direct = ByteBuffer.allocateDirect(64);
            direct.put("direct payload".getBytes(UTF_8)).flip();
            pair.client().send(direct, SendInfo.DEFAULT);
            assertThat(direct.hasRemaining()).isFalse();

            ByteBuffer heap = ByteBuffer.allocate(64);
            heap.position(5);
            ReceiveInfo info = new ReceiveInfo();
            int n = pair.accepted().receive(heap, info);
            assertThat(n).isEqualTo(14);
            assertThat(heap.position()).isEqualTo(19);
            assertThat(new String(heap.array(), 5, n, UTF_8)).isEqualTo("direct payload");

            ByteBuffer heapOut = ByteBuffer.wrap("heap payload".getBytes(UTF_8));
            pair.accepted().send(heapOut, SendInfo.stream(1));
            ByteBuffer directIn = ByteBuffer.allocateDirect(64);
            n = pair.client().receive(directIn, info);
            directIn.flip();
            byte[] got = new byte[directIn.remaining()];
            directIn.get(got);
            assertThat(n).isEqualTo(12);
            assertThat(new String(got, UTF_8)).isEqualTo("heap payload");
            assertThat(info.streamId()).isEqualTo(1);
        }
    }

    @Test
    void smallBufferReadsAMessageInPartsMarkedIncompleteUntilTheLast() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().send("0123456789".getBytes(UTF_8), SendInfo.DEFAULT);
            ReceiveInfo info = new ReceiveInfo();
            byte[] buf = new byte[4];
            StringBuilder got = new StringBuilder();
            int parts = 0;
            do {
                int n = pair.accepted().receive(buf, 0, buf.length, info);
                got.append(new String(buf, 0, n, UTF_8));
                parts++;
            } while (!info.isComplete());
            assertThat(got).hasToString("0123456789");
            assertThat(parts).isEqualTo(3);
        }
    }

    @Test
    void byteStreamViewReadsAndWritesLikeASocket() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            OutputStream out = pair.client().getOutputStream();
            InputStream in = pair.accepted().getInputStream();
            out.write("stream".getBytes(UTF_8));
            out.write('!');
            byte[] buf = new byte[32];
            assertThat(in.read(buf, 0, 0)).isZero();
            int n = in.read(buf);
            assertThat(new String(buf, 0, n, UTF_8)).isEqualTo("stream");
            assertThat(in.read()).isEqualTo('!');
            pair.client().shutdownOutput();
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read(buf)).isEqualTo(-1);
        }
    }

    @Test
    void dialToAPortWithoutListenerIsRefusedAtOnce() throws Exception {
        int port;
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            port = server.localAddress().port();
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> SctpSocket.dial(SctpAddress.parse("127.0.0.1:" + port), TIMEOUT))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("ECONNREFUSED")
                .hasMessageContaining("127.0.0.1:" + port);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void concurrentAcceptsEachGetTheirOwnAssociation() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            int count = 8;
            var accepted = new java.util.concurrent.ConcurrentLinkedQueue<SctpSocket>();
            var errors = new java.util.concurrent.ConcurrentLinkedQueue<Throwable>();
            List<Thread> acceptors = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread t = new Thread(() -> {
                    try {
                        while (accepted.size() < count) {
                            accepted.add(server.accept(Duration.ofSeconds(2)));
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        // the others took the rest
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                t.start();
                acceptors.add(t);
            }
            List<SctpSocket> clients = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    clients.add(SctpSocket.dial(server.localAddress(), TIMEOUT));
                }
                for (Thread t : acceptors) {
                    t.join(TIMEOUT.toMillis());
                }
                assertThat(errors).isEmpty();
                assertThat(accepted).hasSize(count);
                assertThat(accepted.stream().map(s -> {
                    try {
                        return s.remoteAddress().port();
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).distinct()).hasSize(count);
            } finally {
                clients.forEach(SctpSocket::close);
                accepted.forEach(SctpSocket::close);
            }
        }
    }

    @Test
    void bindAddAndRemoveChangeTheListenersAddressesAtRunTime() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            InetAddress two = InetAddress.getByName("127.0.0.2");
            InetAddress three = InetAddress.getByName("127.0.0.3");
            server.bindAdd(List.of(two, three));
            assertThat(server.localAddress().addresses())
                    .containsExactlyInAnyOrder(InetAddress.getByName("127.0.0.1"), two, three);
            int port = server.localAddress().port();
            try (SctpSocket client = SctpSocket.dial(SctpAddress.parse("127.0.0.3:" + port), TIMEOUT);
                    SctpSocket accepted = server.accept(TIMEOUT)) {
                echoOnce(client, accepted, "via added address");
            }
            server.bindRemove(List.of(two));
            assertThat(server.localAddress().addresses()).doesNotContain(two).contains(three);
            assertThatThrownBy(() -> server.bindRemove(List.of(InetAddress.getByName("127.0.0.1"), three)))
                    .hasMessageContaining("bindx remove");
        }
    }

    @Test
    void bindingAnAddressInUseIsABindException() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            SctpAddress taken = server.localAddress();
            assertThatThrownBy(() -> SctpServerSocket.bind(taken))
                    .isInstanceOf(java.net.BindException.class)
                    .hasMessageContaining("EADDRINUSE")
                    .hasMessageContaining(String.valueOf(taken.port()));
        }
    }

    @Test
    void streamBeyondTheNegotiatedCountIsRejectedWithTheLimit() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            // Linux asks for 10 outbound streams by default.
            assertThatThrownBy(() -> pair.client().send(new byte[] {1}, SendInfo.stream(10)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("stream 10")
                    .hasMessageContaining("10 outbound streams")
                    .hasMessageContaining("0..9");
            echoOnce(pair.client(), pair.accepted(), "still usable");
        }
    }

    @Test
    void oversizeMessageIsRejectedWithTheLimit() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().setOption(SctpOptions.SO_SNDBUF, 16 * 1024);
            int limit = pair.client().getOption(SctpOptions.SO_SNDBUF);
            assertThatThrownBy(() -> pair.client().send(new byte[limit + 1], SendInfo.DEFAULT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(String.valueOf(limit + 1))
                    .hasMessageContaining(String.valueOf(limit))
                    .hasMessageContaining("SO_SNDBUF");
        }
    }

    @Test
    void receiveIntoNoRoomOrAReadOnlyBufferIsRejectedAndTheMessageIsKept() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().send("kept".getBytes(UTF_8), SendInfo.DEFAULT);
            ReceiveInfo info = new ReceiveInfo();
            assertThatThrownBy(() -> pair.accepted().receive(new byte[8], 0, 0, info))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 bytes remaining");
            assertThatThrownBy(() -> pair.accepted().receive(ByteBuffer.allocateDirect(0), info))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> pair.accepted().receive(ByteBuffer.allocateDirect(8).asReadOnlyBuffer(), info))
                    .isInstanceOf(java.nio.ReadOnlyBufferException.class);
            assertThatThrownBy(() -> pair.accepted().receive(ByteBuffer.allocate(8).asReadOnlyBuffer(), info))
                    .isInstanceOf(java.nio.ReadOnlyBufferException.class);
            ByteBuffer dst = ByteBuffer.allocate(8);
            pair.accepted().setReadTimeout(TIMEOUT);
            assertThat(pair.accepted().receive(dst, info)).isEqualTo(4);
            assertThat(new String(dst.array(), 0, 4, UTF_8)).isEqualTo("kept");
        }
    }

    @Test
    void anEmptyMessageWithEofShutsDownAndWithoutEofIsRejected() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            assertThatThrownBy(() -> pair.client().send(new byte[0], SendInfo.DEFAULT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty message")
                    .hasMessageContaining("withEof");
            echoOnce(pair.client(), pair.accepted(), "last");
            assertThat(pair.client().send(ByteBuffer.allocate(0), SendInfo.DEFAULT.withEof(true))).isZero();
            pair.accepted().setReadTimeout(TIMEOUT);
            assertThat(pair.accepted().receive(new byte[8], 0, 8, new ReceiveInfo())).isEqualTo(-1);
        }
    }

    static void echoOnce(SctpSocket from, SctpSocket to, String text) throws Exception {
        from.send(text.getBytes(UTF_8), SendInfo.DEFAULT);
        byte[] buf = new byte[256];
        ReceiveInfo info = new ReceiveInfo();
        to.setReadTimeout(TIMEOUT);
        int n = to.receive(buf, 0, buf.length, info);
        assertThat(new String(buf, 0, n, UTF_8)).isEqualTo(text);
        assertThat(info.isComplete()).isTrue();
    }
}
