package dev.sctp.demo;

import dev.sctp.SctpAddress;
import dev.sctp.SctpServerSocket;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A port the kernel picks (port 0), for the demo whose client connects to its own listener. */
final class FreePort {

    private FreePort() {
    }

    static int pick() {
        try (SctpServerSocket probe = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            return probe.localAddress().port();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
