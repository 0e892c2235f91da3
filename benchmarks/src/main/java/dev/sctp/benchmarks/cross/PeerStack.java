package dev.sctp.benchmarks.cross;

import java.io.Closeable;
import java.io.IOException;

/**
 * How one SCTP implementation opens associations on 127.0.0.1 for {@link CrossPeer}: one listener per process, any
 * number of accepted or dialled associations. Every association has SCTP_NODELAY on, and the socket buffers of
 * {@link SocketBuffers} set on the listener before it listens and on a client socket before it connects.
 */
interface PeerStack extends Closeable {

    /** Binds the listener on 127.0.0.1 with a port the kernel picks, and returns that port. */
    int listen() throws IOException;

    /** Accepts the next association on the listener. */
    PeerLink accept() throws IOException;

    /** Connects a new association to 127.0.0.1:{@code port}. */
    PeerLink connect(int port) throws IOException;
}
