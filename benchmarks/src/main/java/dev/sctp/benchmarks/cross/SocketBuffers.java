package dev.sctp.benchmarks.cross;

import java.io.IOException;

/**
 * The SO_RCVBUF and SO_SNDBUF a peer sets on every socket before its association is set up: on the listener before
 * accept (accepted associations inherit them) and on the client socket before connect, so the window the peers
 * advertise in INIT and INIT-ACK already has the size asked for.
 *
 * @param receive SO_RCVBUF in bytes, or 0 to leave the kernel's default
 * @param send SO_SNDBUF in bytes, or 0 to leave the kernel's default
 */
record SocketBuffers(int receive, int send) {

    /** The kernel's defaults on both. */
    static final SocketBuffers DEFAULT = new SocketBuffers(0, 0);

    /** Checks that neither value is negative. */
    SocketBuffers {
        if (receive < 0 || send < 0) {
            throw new IllegalArgumentException("socket buffer sizes " + receive + " / " + send
                    + " must be 0 (the kernel's default) or positive");
        }
    }

    /** Sets one buffer size on a socket, with whatever option API the peer's implementation has. */
    @FunctionalInterface
    interface Setter {
        /** Sets the buffer to {@code bytes}. */
        void set(int bytes) throws IOException;
    }

    /** Sets SO_RCVBUF and SO_SNDBUF through the setters, each only where a size other than the default is asked. */
    void applyTo(Setter receiveBuffer, Setter sendBuffer) throws IOException {
        if (receive > 0) {
            receiveBuffer.set(receive);
        }
        if (send > 0) {
            sendBuffer.set(send);
        }
    }

    /**
     * Parses a peer's arguments after its kind: {@code [--rcvbuf BYTES] [--sndbuf BYTES]}, as
     * {@link Options#bufferArgs()} writes them and {@code sctp_peer.c} reads them too.
     */
    static SocketBuffers parse(String[] args, int from) {
        int receive = 0;
        int send = 0;
        for (int i = from; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value in bytes");
            }
            switch (args[i]) {
                case "--rcvbuf" -> receive = Integer.parseInt(args[i + 1]);
                case "--sndbuf" -> send = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown peer argument " + args[i]
                        + "; known: --rcvbuf BYTES --sndbuf BYTES");
            }
        }
        return new SocketBuffers(receive, send);
    }
}
