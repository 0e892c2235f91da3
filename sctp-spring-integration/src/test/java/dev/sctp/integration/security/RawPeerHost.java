package dev.sctp.integration.security;

import dev.sctp.test.HostCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host for a raw-socket SCTP peer ({@code rawpeer.c}): a network namespace joined to this one by a veth pair,
 * 10.251.{@code k}.1 here and 10.251.{@code k}.2 there. What this side sends to the peer's address goes out under
 * a MAC address that is not the peer's (a permanent neighbour entry), so the peer's kernel drops it before SCTP and
 * only a packet socket on {@link #peerDevice()} sees it. The peer's own kernel would otherwise answer the
 * listener's packets for an association it does not know as out of the blue, with an ABORT that ends it.
 */
final class RawPeerHost implements AutoCloseable {

    private static final AtomicInteger HOSTS = new AtomicInteger();

    private final String namespace;
    private final int k;

    private RawPeerHost(String namespace, int k) {
        this.namespace = namespace;
        this.k = k;
    }

    /** Builds the namespace and its link; needs root and iproute2, which the test VM has. */
    static RawPeerHost create() throws IOException, InterruptedException {
        int k = 20 + (int) ((ProcessHandle.current().pid() * 7 + HOSTS.incrementAndGet()) % 200);
        RawPeerHost host = new RawPeerHost("sctpraw" + k, k);
        try {
            run("ip", "netns", "add", host.namespace);
            run("ip", "link", "add", host.device(), "type", "veth", "peer", "name", host.peerDevice(), "netns",
                    host.namespace);
            run("ip", "addr", "add", host.local() + "/24", "dev", host.device());
            run("ip", "-n", host.namespace, "addr", "add", host.peer() + "/24", "dev", host.peerDevice());
            run("ip", "link", "set", host.device(), "up");
            run("ip", "-n", host.namespace, "link", "set", host.peerDevice(), "up");
            // a locally administered MAC that no interface has: the peer's IP layer sees "another host's" frames
            run("ip", "neigh", "replace", host.peer(), "lladdr", "02:00:5e:00:53:01", "dev", host.device(), "nud",
                    "permanent");
        } catch (IOException | InterruptedException | RuntimeException e) {
            try {
                host.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return host;
    }

    /** This side's address on the link, where the listener binds. */
    String local() {
        return "10.251." + k + ".1";
    }

    /** The raw peer's address. */
    String peer() {
        return "10.251." + k + ".2";
    }

    /** The raw peer's interface, for its packet socket. */
    String peerDevice() {
        return "rb" + k;
    }

    private String device() {
        return "ra" + k;
    }

    /** Returns {@code command} prefixed so that it runs inside the peer's namespace. */
    List<String> inPeer(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return full;
    }

    /** Removes the namespace; the veth pair goes with it. */
    @Override
    public void close() throws IOException {
        try {
            if (run("ip", "netns", "list").lines().anyMatch(line -> line.split(" ")[0].equals(namespace))) {
                run("ip", "netns", "del", namespace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while removing namespace " + namespace, e);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return HostCommand.run("the raw peer's host needs root and iproute2 (scripts/sctp-vm provides them)",
                command);
    }
}
