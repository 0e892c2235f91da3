package dev.sctp.integration.security;

import dev.sctp.test.ExternalPeer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code peers/hostile_peer.py}, a peer in a process of its own (see the script for its modes). */
final class PeerScript {

    /** Python starts slowly in the emulated VM (-S skips the site imports, the bulk of its start-up). */
    static final Duration TIMEOUT = Duration.ofSeconds(45);

    private PeerScript() {
    }

    static ExternalPeer start(String mode, int serverPort, String serverHost, String localAddresses, String... args)
            throws IOException {
        Path script;
        try {
            script = Path.of(PeerScript.class.getResource("/peers/hostile_peer.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> command = new ArrayList<>(List.of("python3", "-u", "-S", "-E", script.toString(), mode, serverHost,
                String.valueOf(serverPort), localAddresses));
        command.addAll(List.of(args));
        return ExternalPeer.start(command);
    }

    /** Returns how many echoes a {@code pinger} got so far. */
    static long echoes(ExternalPeer pinger) {
        return pinger.output().lines().filter(line -> line.startsWith("echo ping-")).count();
    }

    /** Waits until the peer printed {@code line} (a whole line), and returns its output. */
    static String awaitLine(ExternalPeer peer, String line) throws InterruptedException {
        return peer.awaitOutput(out -> out.lines().anyMatch(line::equals), TIMEOUT);
    }
}
