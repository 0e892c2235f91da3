package dev.sctp.boot.autoconfigure.app;

import dev.sctp.test.ExternalPeer;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer in another process and another SCTP implementation's API: Python's socket module over the kernel's
 * one-to-one SCTP sockets. It binds to a given local address (so the listener sees that primary address),
 * connects, sends {@code count} messages of {@code size} bytes on stream 0, and reads the replies either one per
 * request or, with {@code lazy}, not until it gets a line on its standard input, with a small receive buffer so
 * the replies back up into the sender. Closing its input (or {@link #close()}) ends the association with SHUTDOWN.
 */
public final class PythonPeer implements AutoCloseable {

    private static final String SCRIPT = String.join("\n",
            "import socket, sys",
            "local, port, count, size, lazy = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]),"
                    + " sys.argv[5] == 'lazy'",
            "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_SCTP)",
            "if lazy:",
            "    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)",
            "s.bind((local, 0))",
            "s.connect(('127.0.0.1', port))",
            "print('UP', s.getsockname()[1], flush=True)",
            "def read(expected):",
            "    got = b''",
            "    while len(got) < expected:",
            "        m = s.recv(65536)",
            "        if not m:",
            "            raise SystemExit('closed after %d bytes' % len(got))",
            "        got += m",
            "    if got != b'A' * expected:",
            "        raise SystemExit('unexpected reply')",
            "for i in range(count):",
            "    s.send(b'a' * size)",
            "    if not lazy:",
            "        read(size)",
            "print('SENT', flush=True)",
            "if lazy:",
            "    sys.stdin.readline()",
            "    read(count * size)",
            "print('DONE', flush=True)",
            "sys.stdin.read()",
            "s.close()",
            "print('CLOSED', flush=True)");

    private static final Pattern UP = Pattern.compile("UP (\\d+)");

    private final ExternalPeer process;
    private final String local;
    private final int port;

    private PythonPeer(ExternalPeer process, String local, int port) {
        this.process = process;
        this.local = local;
        this.port = port;
    }

    /**
     * Starts a peer and waits until its association is up.
     *
     * @param local the local address to bind, such as 127.0.0.2
     * @param serverPort the listener's port on 127.0.0.1
     * @param count messages to send
     * @param size bytes of each
     * @param lazy whether to hold the replies unread until {@link #readReplies()}
     * @return the connected peer
     * @throws Exception if it cannot start or does not connect in time
     */
    public static PythonPeer connect(String local, int serverPort, int count, int size, boolean lazy)
            throws Exception {
        ExternalPeer process = ExternalPeer.start("python3", "-c", SCRIPT, local, Integer.toString(serverPort),
                Integer.toString(count), Integer.toString(size), lazy ? "lazy" : "eager");
        try {
            // Python starts slowly in the emulated VM
            Matcher m = UP.matcher(process.awaitOutput(out -> UP.matcher(out).find(), Duration.ofMinutes(3)));
            m.find();
            return new PythonPeer(process, local, Integer.parseInt(m.group(1)));
        } catch (Exception | AssertionError e) {
            process.close();
            throw e;
        }
    }

    /** Returns the {@code association} tag its association has at the listener: local address and port. */
    public String tag() {
        return local + ":" + port;
    }

    /**
     * Waits until the peer printed {@code word} (SENT, DONE or CLOSED).
     *
     * @param word the word
     * @throws InterruptedException if interrupted
     */
    public void await(String word) throws InterruptedException {
        process.awaitOutput(out -> out.contains(word + "\n"), Duration.ofMinutes(1));
    }

    /**
     * Lets a lazy peer read its replies.
     *
     * @throws IOException if the peer is gone
     */
    public void readReplies() throws IOException {
        process.write("go\n");
    }

    /**
     * Closes the peer's socket (SHUTDOWN) and waits until it did.
     *
     * @throws Exception if it does not close in time
     */
    public void shutdown() throws Exception {
        process.closeInput();
        await("CLOSED");
    }

    @Override
    public void close() {
        process.close();
    }
}
