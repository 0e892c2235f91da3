package dev.sctp.test;

import dev.sctp.InitOptions;
import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpNetwork;
import dev.sctp.SctpOptions;
import dev.sctp.SctpServerSocket;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A standalone SCTP echo server built on this library, run in a second JVM by the interop tests: every message
 * goes back on the stream it came on, with the same PPID and ordering.
 *
 * <p>Usage: {@code java -cp <test classpath> dev.sctp.test.EchoPeer [port]}. Port 0 (the default) picks a free
 * one. Once listening it prints {@value #READY_PREFIX}{@code <port>} on a line of its own. It exits when its standard
 * input reaches end of file, so it cannot outlive a test JVM that dies without killing it.
 */
public final class EchoPeer {

    /** The line prefix announcing the bound port. */
    public static final String READY_PREFIX = "EchoPeer listening on port ";

    /** Streams offered in each direction, more than the kernel's default 10 so tests can use high stream ids. */
    public static final int STREAMS = 32;

    private EchoPeer() {
    }

    /**
     * Listens on 127.0.0.1 and echoes every association's messages on its own thread.
     *
     * @param args the port, optional
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        exitWhenStdinCloses();
        try (SctpServerSocket server = SctpServerSocket.open(SctpNetwork.SCTP,
                SctpAddress.parse("127.0.0.1:" + port))) {
            server.setOption(SctpOptions.INIT_MSG, InitOptions.streams(STREAMS, STREAMS));
            server.bind(SctpAddress.parse("127.0.0.1:" + port), 0);
            System.out.println(READY_PREFIX + server.localAddress().port());
            System.out.flush();
            while (true) {
                SctpSocket association = server.accept();
                Thread t = new Thread(() -> echo(association), "echo-" + association);
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void echo(SctpSocket association) {
        try (association) {
            ReceiveInfo info = new ReceiveInfo();
            // Large enough for any test message; a partial read is still handled by accumulating below.
            ByteBuffer message = ByteBuffer.allocateDirect(1 << 20);
            while (true) {
                int n = association.receive(message, info);
                if (n < 0) {
                    return; // the peer shut down
                }
                if (info.isNotification() || !info.isComplete()) {
                    continue; // notifications are not echoed; a partial message waits for its end
                }
                message.flip();
                association.send(message, SendInfo.of(info.streamId(), info.ppid()).withUnordered(info.isUnordered()));
                message.clear();
            }
        } catch (IOException e) {
            System.out.println("EchoPeer: association ended: " + e);
        }
    }

    private static void exitWhenStdinCloses() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // ignore anything written to us; only end of file matters
                }
            } catch (IOException e) {
                // treat a broken pipe like end of file
            }
            System.exit(0);
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
