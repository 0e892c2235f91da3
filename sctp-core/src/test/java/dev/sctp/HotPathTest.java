package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.internal.linux.PollRegistration;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.ThreadStates;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The send and receive paths against the kernel: readiness, default send parameters, receive without association. */
@RequiresSctp
class HotPathTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;
    private static final Duration PYTHON_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void receiveOnASocketThatNeverConnectedFailsAtOnceAndSaysWhy() throws Exception {
        try (SctpSocket socket = SctpSocket.open()) {
            socket.setReadTimeout(TIMEOUT); // without the check this would wait, and then time out
            long start = System.nanoTime();
            assertThatThrownBy(() -> socket.receive(new byte[8], 0, 8, new ReceiveInfo()))
                    .isInstanceOf(SctpException.class).hasMessageContaining("not connected")
                    .hasMessageContaining("connect it first")
                    .satisfies(e -> assertThat(((SctpException) e).errno()).isEqualTo(107));
            assertThatThrownBy(() -> socket.receive(ByteBuffer.allocateDirect(8), new ReceiveInfo()))
                    .isInstanceOf(SctpException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void receiveAfterAFailedConnectFailsAtOnce() throws Exception {
        int port;
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            port = server.localAddress().port();
        }
        try (SctpSocket socket = SctpSocket.open()) {
            assertThatThrownBy(() -> socket.connect(SctpAddress.parse("127.0.0.1:" + port), TIMEOUT))
                    .isInstanceOf(ConnectException.class);
            socket.setReadTimeout(TIMEOUT);
            assertThatThrownBy(() -> socket.receive(new byte[8], 0, 8, new ReceiveInfo()))
                    .isInstanceOf(SctpException.class).hasMessageContaining("not connected");
        }
    }

    @Test
    void aSenderThatNeverWaitsGetsNoOutputReadinessFromTheSacksOfItsMessages() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            PollRegistration poll = pair.client().linux().poll();
            ByteBuffer message = ByteBuffer.allocateDirect(1024);
            byte[] in = new byte[2048];
            ReceiveInfo info = new ReceiveInfo();
            pair.accepted().setReadTimeout(TIMEOUT);
            // connect waited for output readiness; the first send that goes through stops watching it
            pair.client().send(message, SendInfo.DEFAULT);
            assertThat(pair.accepted().receive(in, 0, in.length, info)).isEqualTo(1024);
            awaitAllAcknowledged(pair.client());
            assertThat(poll.isWriteArmed()).isFalse();
            int before = poll.writeSeq();
            // Rounds of 20 KiB never fill the send buffer, so no send has to wait; every message is acknowledged.
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < 20; i++) {
                    message.clear();
                    pair.client().send(message, SendInfo.DEFAULT);
                }
                for (int i = 0; i < 20; i++) {
                    assertThat(pair.accepted().receive(in, 0, in.length, info)).isEqualTo(1024);
                }
            }
            awaitAllAcknowledged(pair.client());
            assertThat(poll.isWriteArmed()).isFalse();
            assertThat(poll.writeSeq()).as("output readiness events seen by the poller").isEqualTo(before);
        }
    }

    @Test
    void aSendThatHasToWaitWatchesOutputUntilItGoesThroughAndThenStops() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            PollRegistration poll = pair.client().linux().poll();
            int messages = 2000;
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try {
                    byte[] chunk = new byte[8192];
                    for (int i = 0; i < messages; i++) {
                        pair.client().send(chunk, SendInfo.DEFAULT); // 16 MB: the unread peer makes it wait
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "blocked-sender");
            sender.start();
            ThreadStates.await(sender, TIMEOUT, Thread.State.WAITING, Thread.State.TIMED_WAITING);
            assertThat(poll.isWriteArmed()).as("output readiness watched while the send waits").isTrue();
            byte[] in = new byte[8192];
            ReceiveInfo info = new ReceiveInfo();
            pair.accepted().setReadTimeout(TIMEOUT);
            for (int i = 0; i < messages; i++) {
                assertThat(pair.accepted().receive(in, 0, in.length, info)).isEqualTo(8192);
            }
            sender.join(TIMEOUT.toMillis());
            assertThat(failure.get()).isNull();
            assertThat(sender.isAlive()).isFalse();
            assertThat(poll.isWriteArmed()).as("no longer watched once the send went through").isFalse();
        }
    }

    /**
     * Python's socket module is the peer in another process: it reads SCTP_RCVINFO and prints stream and PPID of
     * every message, so it shows what went on the wire.
     */
    private static final String PYTHON_RECEIVER = String.join("\n",
            "import socket, struct, sys",
            "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 132)",
            "s.bind(('127.0.0.1', 0)); s.listen(1)",
            "print('port %d' % s.getsockname()[1], flush=True)",
            "c, _ = s.accept()",
            "c.setsockopt(132, 32, 1)  # SCTP_RECVRCVINFO",
            "got = 0",
            "while got < int(sys.argv[1]):",
            "    data, anc, flags, addr = c.recvmsg(65536, 256)",
            "    if flags & 0x8000: continue  # MSG_NOTIFICATION",
            "    for level, kind, p in anc:",
            "        if level == 132 and kind == 3:",
            "            print('msg sid=%d ppid=%d len=%d' % (struct.unpack_from('=H', p, 0)[0],",
            "                  struct.unpack_from('!I', p, 8)[0], len(data)), flush=True)",
            "    got += 1",
            "print('done', flush=True)");

    @Test
    void aMessageSentWithTheDefaultSendInfoUsesTheSocketsDefaultStreamAndPpidAtAPeerInAnotherProcess()
            throws Exception {
        try (ExternalPeer python = ExternalPeer.start("python3", "-c", PYTHON_RECEIVER, "4")) {
            // Generous: starting python3 alone takes tens of seconds in a busy emulated test VM.
            Matcher port = Pattern.compile("port (\\d+)").matcher(python.awaitOutput(
                    out -> out.contains("\n") && out.contains("port "), PYTHON_TIMEOUT));
            assertThat(port.find()).isTrue();
            try (SctpSocket socket = SctpSocket.dial(SctpAddress.parse("127.0.0.1:" + port.group(1)), TIMEOUT)) {
                socket.setOption(SctpOptions.DEFAULT_SNDINFO, SendInfo.of(3, 46));
                socket.send(new byte[10], SendInfo.DEFAULT);
                socket.send(new byte[11], SendInfo.of(1, 7));
                socket.send(ByteBuffer.allocateDirect(12), SendInfo.DEFAULT, 2, 9);
                socket.send(new byte[13], SendInfo.DEFAULT);
                String out = python.awaitOutput(o -> o.contains("done"), PYTHON_TIMEOUT);
                assertThat(out).containsSubsequence("msg sid=3 ppid=46 len=10", "msg sid=1 ppid=7 len=11",
                        "msg sid=2 ppid=9 len=12", "msg sid=3 ppid=46 len=13");
            }
        }
    }

    @Test
    void queuedMessagesReadAheadInOneCallKeepTheirBoundariesNotificationsAndEndOfStream() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.accepted().subscribe(dev.sctp.notification.NotificationType.SHUTDOWN_EVENT);
            int[] sizes = {10, 6000, 1, 2048, 2049, 300, 5000, 7, 9, 11, 13};
            for (int i = 0; i < sizes.length; i++) {
                byte[] payload = new byte[sizes[i]];
                java.util.Arrays.fill(payload, (byte) i);
                pair.client().send(payload, SendInfo.of(i % 5, 100 + i));
            }
            awaitAllAcknowledged(pair.client()); // everything waits in the accepted socket's queue
            pair.client().shutdownOutput();
            pair.accepted().setReadTimeout(TIMEOUT);
            ByteBuffer in = ByteBuffer.allocateDirect(8192);
            ReceiveInfo info = new ReceiveInfo();
            for (int i = 0; i < sizes.length; i++) {
                in.clear();
                int n = pair.accepted().receive(in, info);
                assertThat(n).as("message %d", i).isEqualTo(sizes[i]);
                assertThat(info.isComplete()).isTrue();
                assertThat(info.streamId()).isEqualTo(i % 5);
                assertThat(info.ppid()).isEqualTo(100 + i);
                assertThat(in.get(0)).isEqualTo((byte) i);
                assertThat(in.get(n - 1)).isEqualTo((byte) i);
            }
            // a small buffer takes a message in parts, as recvmsg would give it
            in.clear().limit(4);
            assertThat(pair.accepted().receive(in, info)).isZero();
            assertThat(info.notification()).isInstanceOf(dev.sctp.notification.Shutdown.class);
            assertThat(pair.accepted().receive(in, info)).isEqualTo(-1);
        }
    }

    @Test
    void aMessageLargerThanTheBufferArrivesInPartsWhetherReadAheadOrNot() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            for (int i = 0; i < 3; i++) {
                pair.client().send(new byte[5000], SendInfo.of(0, i));
            }
            awaitAllAcknowledged(pair.client());
            pair.accepted().setReadTimeout(TIMEOUT);
            byte[] in = new byte[3000];
            ReceiveInfo info = new ReceiveInfo();
            for (int i = 0; i < 3; i++) {
                assertThat(pair.accepted().receive(in, 0, in.length, info)).isEqualTo(3000);
                assertThat(info.isComplete()).isFalse();
                assertThat(info.ppid()).isEqualTo(i);
                assertThat(pair.accepted().receive(in, 0, in.length, info)).isEqualTo(2000);
                assertThat(info.isComplete()).isTrue();
            }
        }
    }

    @Test
    void aDefaultRetransmissionPolicyAbandonsAMessageAfterThatManyRetransmissions() throws Exception {
        String peerHost = "127.0.0.12"; // loopback, not on lo: black-holing it cuts only this association
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse(peerHost + ":0"));
                SctpSocket client = SctpSocket.dial(server.localAddress(), TIMEOUT);
                SctpSocket accepted = server.accept(TIMEOUT)) {
            assertThat(client.getOption(SctpOptions.PR_SUPPORTED)).as("the peer's PR-SCTP support").isTrue();
            client.setOption(SctpOptions.RTO_INFO, new RtoInfo(Duration.ofMillis(200), Duration.ofMillis(100),
                    Duration.ofMillis(200)));
            client.setOption(SctpOptions.ASSOC_INFO, AssociationParameters.of(100, Duration.ofSeconds(60)));
            client.setOption(SctpOptions.DEFAULT_PRINFO, PrInfo.retransmissions(1));
            try (AutoCloseable cut = dev.sctp.test.Blackhole.drop(peerHost)) {
                client.send(new byte[] {1}, SendInfo.DEFAULT); // never acknowledged: retransmitted, then abandoned
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                // The kernel counts it under the RTX policy; had the default become a 1 ms lifetime (or been lost),
                // the RTX counter would stay 0.
                while (abandonedSent(client, 0x20) == 0) {
                    assertThat(System.nanoTime()).as("abandoned under the RTX policy in time").isLessThan(deadline);
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
                }
                assertThat(abandonedSent(client, 0x10)).as("abandoned under the TTL policy").isZero();
                assertThat(client.status().state()).isEqualTo(AssociationState.ESTABLISHED);
            }
        }
    }

    /** SCTP_PR_ASSOC_STATUS (struct sctp_prstatus: assoc_id @0, sid u16 @4, policy u16 @6, unsent @8, sent @16). */
    private static long abandonedSent(SctpSocket socket, int policy) throws java.io.IOException {
        return socket.linux().get(132, 115, "SCTP_PR_ASSOC_STATUS", 24, b -> {
            b.putShort(6, (short) policy);
            return 24;
        }, (b, len) -> b.getLong(16));
    }

    static void awaitAllAcknowledged(SctpSocket socket) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (socket.status().unackedData() != 0) {
            assertThat(System.nanoTime()).as("all data acknowledged in time").isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
        }
    }
}
