package dev.sctp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.EchoPeer;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Interoperability with real peers that do not use this library: socat (byte-stream SCTP), lksctp-tools'
 * {@code sctp_test} (one-to-many and one-to-one sockets with explicit stream, PPID and ordering per message) and
 * this library in a second JVM. Everything runs on loopback, and every process and wait is bounded.
 *
 * <p>The peers must be installed ({@code apt-get install socat lksctp-tools}); a missing one fails the test rather
 * than skipping it, like {@link RequiresSctp}.
 */
@RequiresSctp
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InteropTest {

    /** Generous: the test VM emulates the CPU, and a JVM takes seconds to start there. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    // ---- socat ------------------------------------------------------------------------------------------------

    @Test
    void socatEchoServerReturnsWhatOurClientSends() throws Exception {
        int port = freePort();
        // PIPE writes back whatever it reads. socat treats SCTP as a byte stream, so one message may come back
        // split or merged with another: send one at a time and compare bytes, not message boundaries.
        try (ExternalPeer socat = ExternalPeer.start("socat", "SCTP4-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr",
                "PIPE");
                SctpSocket client = dialWhenListening(SctpAddress.parse("127.0.0.1:" + port), socat, null)) {
            ReceiveInfo info = new ReceiveInfo();
            for (String text : List.of("hello socat", "x".repeat(1000), "0123456789".repeat(400), "bye")) {
                client.send(text.getBytes(US_ASCII), SendInfo.of(2, 46));
                byte[] echoed = receiveBytes(client, text.length(), info);
                assertThat(new String(echoed, US_ASCII)).isEqualTo(text);
                // socat sends with plain write(2): the default stream 0 and PPID 0, whatever we used.
                assertThat(info.streamId()).isZero();
                assertThat(info.ppid()).isZero();
            }
            // Our SHUTDOWN is end of file for socat, which then exits.
            client.shutdownOutput();
            assertThat(socat.waitFor(TIMEOUT)).as("socat exit code, output: %s", socat.output()).isZero();
        }
    }

    @Test
    void socatClientExchangesWithOurServer() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            int port = server.localAddress().port();
            try (ExternalPeer socat = ExternalPeer.start("socat", "-", "SCTP4-CONNECT:127.0.0.1:" + port);
                    SctpSocket accepted = server.accept(TIMEOUT)) {
                ReceiveInfo info = new ReceiveInfo();
                String fromSocat = "hello from socat\n";
                socat.write(fromSocat);
                assertThat(new String(receiveBytes(accepted, fromSocat.length(), info), US_ASCII))
                        .isEqualTo(fromSocat);
                assertThat(info.streamId()).isZero();

                accepted.send("hello from dev.sctp\n".getBytes(US_ASCII), SendInfo.of(0, 0));
                socat.awaitOutput(out -> out.contains("hello from dev.sctp\n"), TIMEOUT);

                // End of file on socat's stdin becomes SHUTDOWN, which we must see as the end of the stream.
                socat.closeInput();
                accepted.setReadTimeout(TIMEOUT);
                byte[] rest = new byte[64];
                int n;
                do {
                    n = accepted.receive(rest, 0, rest.length, info);
                } while (n == 0);
                assertThat(n).isEqualTo(-1);
                assertThat(socat.waitFor(TIMEOUT)).as("socat exit code, output: %s", socat.output()).isZero();
            }
        }
    }

    // ---- lksctp-tools sctp_test -------------------------------------------------------------------------------

    /** What sctp_test prints for each message it receives at its default (maximum) debug level. */
    private static final Pattern SCTP_TEST_RECEIVED = Pattern.compile(
            "Data (\\d+) bytes\\. First \\d+ bytes: ([^\\n]*)\\n\\s*SNDRCV\\(stream=(\\d+) ssn=(\\d+) tsn=\\d+"
                    + " flags=0x([0-9a-f]+) ppid=(\\d+)");

    @Test
    void sctpTestServerReceivesStreamsPpidsAndOrderingFromOurClient() throws Exception {
        int port = freePort();
        // Default socket type: a one-to-many (SOCK_SEQPACKET) server, receiving from our one-to-one client.
        try (ExternalPeer sctpTest = ExternalPeer.start("sctp_test", "-H", "127.0.0.1", "-P", String.valueOf(port),
                "-l");
                SctpSocket client = dialWhenListening(SctpAddress.parse("127.0.0.1:" + port), sctpTest, null)) {
            List<Sent> sent = List.of(
                    new Sent(0, 46, false, "first-on-0 " + "a".repeat(100)),
                    new Sent(1, 47, false, "first-on-1 " + "b".repeat(1000)),
                    new Sent(1, 47, false, "second-on-1 " + "c".repeat(1500)),
                    new Sent(4, 0x01020304, true, "unordered " + "d".repeat(3000)),
                    new Sent(2, -1, false, "max-ppid " + "e".repeat(20000)));
            // sctp_test forgets to reset msg_controllen after printing a notification, so the message after one
            // (here: after COMMUNICATION_UP) is printed without its SNDRCV line. A primer absorbs that; the pattern
            // below needs the SNDRCV line, so the primer never matches.
            client.send("primer".getBytes(US_ASCII), SendInfo.of(9, 0)); // a stream of its own: SSNs below stay 0-based
            for (Sent s : sent) {
                SendInfo info = SendInfo.of(s.stream(), s.ppid()).withUnordered(s.unordered());
                client.send(s.payload().getBytes(US_ASCII), info);
            }
            String out = sctpTest.awaitOutput(o -> SCTP_TEST_RECEIVED.matcher(o).results().count() >= sent.size(),
                    TIMEOUT);

            List<Received> got = new ArrayList<>();
            Matcher m = SCTP_TEST_RECEIVED.matcher(out);
            while (m.find()) {
                got.add(new Received(Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5), 16), Long.parseLong(m.group(6))));
            }
            List<Received> expected = List.of(
                    // sctp_test prints the first 9 characters and sinfo_ppid as the kernel passed it, which is
                    // network byte order: so our host-order PPID must show up byte-swapped.
                    new Received(111, "first-on-", 0, 0, 0, wire(46)),
                    new Received(1011, "first-on-", 1, 0, 0, wire(47)),
                    new Received(1512, "second-on", 1, 1, 0, wire(47)),
                    // SCTP_UNORDERED is flag 0x1, and unordered messages carry no stream sequence number.
                    new Received(3010, "unordered", 4, 0, 1, wire(0x01020304)),
                    new Received(20009, "max-ppid ", 2, 0, 0, wire(-1)));
            assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** A message sctp_test printed as sent: size, stream, SCTP_UNORDERED flag and raw PPID. */
    private static final Pattern SCTP_TEST_SENT = Pattern.compile(
            "sendmsg\\(sk=\\d+, assoc=\\d+\\)\\s*(\\d+) bytes\\.\\s*SNDRCV\\(stream=(\\d+) flags=0x([0-9a-f]+)"
                    + " ppid=(\\d+)");

    @Test
    void sctpTestClientDeliversItsMessagePatternToOurServer() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            int port = server.localAddress().port();
            // -T: one-to-one socket; -c 4: sizes 1, 1000, 2000, ... 32768; -x 1: one round of 10 messages;
            // -M 4: streams 1, 2, 3, 0, 1, ...; -o 2: alternately ordered and unordered; PPIDs are random.
            try (ExternalPeer sctpTest = ExternalPeer.start("sctp_test", "-H", "127.0.0.1", "-P", "0", "-h",
                    "127.0.0.1", "-p", String.valueOf(port), "-s", "-T", "-c", "4", "-x", "1", "-M", "4", "-o", "2");
                    SctpSocket accepted = server.accept(TIMEOUT)) {
                accepted.setReadTimeout(TIMEOUT);
                List<Received> got = new ArrayList<>();
                ReceiveInfo info = new ReceiveInfo();
                ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                while (true) {
                    int n = accepted.receive(buf, info);
                    if (n < 0) {
                        break; // sctp_test closes after its last message
                    }
                    if (info.isNotification()) {
                        continue;
                    }
                    buf.flip();
                    byte[] part = new byte[buf.remaining()];
                    buf.get(part);
                    buf.clear();
                    message.write(part);
                    if (info.isComplete()) {
                        byte[] payload = message.toByteArray();
                        message.reset();
                        assertThat(payload).as("sctp_test's pattern in a %d-byte message", payload.length)
                                .isEqualTo(sctpTestPayload(payload.length));
                        got.add(new Received(payload.length, "", info.streamId(), 0, info.isUnordered() ? 1 : 0,
                                wire(info.ppid())));
                    }
                }
                assertThat(sctpTest.waitFor(TIMEOUT)).as("sctp_test exit code, output: %s", sctpTest.output())
                        .isZero();

                // What sctp_test says it sent, PPIDs as it passed them to the kernel (already network order).
                List<Received> expected = new ArrayList<>();
                Matcher m = SCTP_TEST_SENT.matcher(sctpTest.output());
                while (m.find()) {
                    expected.add(new Received(Integer.parseInt(m.group(1)), "", Integer.parseInt(m.group(2)), 0,
                            Integer.parseInt(m.group(3), 16), Long.parseLong(m.group(4))));
                }
                assertThat(expected).extracting(Received::size)
                        .containsExactly(1, 1000, 2000, 3000, 5000, 10000, 15000, 20000, 25000, 32768);
                assertThat(expected).extracting(Received::stream).containsExactly(1, 2, 3, 0, 1, 2, 3, 0, 1, 2);
                // Unordered messages may overtake ordered ones, so compare as a set (the sizes are unique).
                assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    /** sctp_test's payload of {@code size} bytes: the digits 0-9 repeated, then a NUL. */
    private static byte[] sctpTestPayload(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size - 1; i++) {
            b[i] = (byte) ('0' + i % 10);
        }
        return b;
    }

    /** The unsigned value a C program sees in {@code sinfo_ppid} for a host-order PPID we send or receive. */
    private static long wire(int ppid) {
        return Integer.toUnsignedLong(Integer.reverseBytes(ppid));
    }

    private record Sent(int stream, int ppid, boolean unordered, String payload) {
    }

    private record Received(int size, String prefix, int stream, int ssn, int flags, long rawPpid) {
    }

    // ---- a second JVM -----------------------------------------------------------------------------------------

    @Test
    void secondJvmEchoesEveryStreamAndPpid() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The peer runs with this JVM's -XX flags (JIT and GC, see sctp.test.jvmArgs in the parent pom).
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-XX:"))
                .forEach(command::add);
        // Surefire's class path may be one manifest-only jar; its Class-Path entries load in the child just the same.
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EchoPeer.class.getName(), "0"));
        try (ExternalPeer peer = ExternalPeer.start(command)) {
            String out = peer.awaitOutput(o -> o.contains(EchoPeer.READY_PREFIX) && o.indexOf('\n',
                    o.indexOf(EchoPeer.READY_PREFIX)) > 0, TIMEOUT);
            Matcher m = Pattern.compile(Pattern.quote(EchoPeer.READY_PREFIX) + "(\\d+)").matcher(out);
            assertThat(m.find()).isTrue();
            SctpAddress address = SctpAddress.parse("127.0.0.1:" + m.group(1));

            try (SctpSocket client = dialWhenListening(address, peer,
                    InitOptions.streams(EchoPeer.STREAMS, EchoPeer.STREAMS))) {
                List<Sent> sent = new ArrayList<>();
                int[] streams = {0, 1, 7, 15, 31};
                int[] ppids = {0, 46, -1, 0x7fffffff, 51};
                for (int i = 0; i < streams.length; i++) {
                    sent.add(new Sent(streams[i], ppids[i], false, "msg " + i + " on " + streams[i]));
                }
                sent.add(new Sent(3, 18, true, "unordered"));
                // Larger than the 64 KiB read buffer below, so it also comes back in several partial deliveries.
                sent.add(new Sent(9, 60, false, "large " + "z".repeat(100_000)));
                // Pipelined: everything goes out before anything is read back, so the peer sees a burst.
                for (Sent s : sent) {
                    client.send(s.payload().getBytes(ISO_8859_1),
                            SendInfo.of(s.stream(), s.ppid()).withUnordered(s.unordered()));
                }
                client.setReadTimeout(TIMEOUT);
                List<Sent> echoed = new ArrayList<>();
                ReceiveInfo info = new ReceiveInfo();
                while (echoed.size() < sent.size()) {
                    byte[] payload = receiveMessage(client, info);
                    echoed.add(new Sent(info.streamId(), info.ppid(), info.isUnordered(),
                            new String(payload, ISO_8859_1)));
                }
                // Messages on different streams may be delivered in any order relative to each other.
                assertThat(echoed).containsExactlyInAnyOrderElementsOf(sent);
            }
            assertThat(peer.isAlive()).as("echo peer still serving, output: %s", peer.output()).isTrue();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /**
     * Returns a loopback port that was free a moment ago, by letting the kernel pick one for our own listener.
     * The external peer then binds it; the short race with other processes is acceptable in a test VM.
     */
    private static int freePort() throws IOException {
        try (SctpServerSocket probe = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            return probe.localAddress().port();
        }
    }

    /**
     * Dials {@code address} until {@code peer} listens there: an INIT to a port nobody listens on is answered by
     * ABORT at once, so retrying is cheap. The connection that succeeds is the one the test uses, because peers
     * such as a non-forking socat serve exactly one association.
     */
    private static SctpSocket dialWhenListening(SctpAddress address, ExternalPeer peer, InitOptions init)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            SctpSocket socket = SctpSocket.open(SctpNetwork.SCTP, address);
            try {
                if (init != null) {
                    socket.setOption(SctpOptions.INIT_MSG, init);
                }
                socket.connect(address, Duration.ofSeconds(10));
                return socket;
            } catch (ConnectException e) {
                socket.close();
                if (!peer.isAlive()) {
                    throw new AssertionError(peer + " exited before listening; output:\n" + peer.output(), e);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(peer + " did not listen within " + TIMEOUT + "; output:\n"
                            + peer.output(), e);
                }
                Thread.sleep(50);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }
    }

    /** Reads data until {@code length} bytes have arrived, across message boundaries (socat is byte-oriented). */
    private static byte[] receiveBytes(SctpSocket socket, int length, ReceiveInfo info) throws IOException {
        socket.setReadTimeout(TIMEOUT);
        byte[] out = new byte[length];
        int have = 0;
        while (have < length) {
            int n = socket.receive(out, have, length - have, info);
            if (n < 0) {
                throw new AssertionError("end of stream after " + have + " of " + length + " bytes");
            }
            have += n;
        }
        return out;
    }

    /** Reads one whole message, joining partial deliveries, and skipping notifications. */
    private static byte[] receiveMessage(SctpSocket socket, ReceiveInfo info) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        while (true) {
            int n = socket.receive(buf, 0, buf.length, info);
            if (n < 0) {
                throw new AssertionError("end of stream in the middle of the exchange");
            }
            if (info.isNotification()) {
                continue;
            }
            message.write(buf, 0, n);
            if (info.isComplete()) {
                return message.toByteArray();
            }
        }
    }
}
