package dev.sctp.test;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small network inside the test VM for the reliability tests: a network namespace for the peer, joined to this
 * (root) namespace by independent veth pairs, one per path, each path with addresses of its own. Paths can be cut and
 * restored, or impaired with {@code tc netem} (loss, delay, jitter, reordering, duplication), in both directions.
 *
 * <p>The peer runs as a separate process inside the namespace ({@link #inPeer}); this JVM is the other endpoint, bound
 * to {@link #local} addresses. Path {@code p} (1-based) uses 10.{@code L}.{@code p}.1 here and 10.{@code L}.{@code
 * p}.2 in the namespace, where {@code L} numbers the lab, so a lab left over by a crashed run cannot clash. Needs root,
 * the {@code veth} and {@code sch_netem} modules and iproute2, which the test VM has ({@code scripts/sctp-vm}).
 *
 * <pre>{@code
 * try (FaultLab lab = FaultLab.create(2);
 *      ExternalPeer peer = ExternalPeer.start(lab.inPeer(sink, "5000", lab.peer(1), lab.peer(2)))) {
 *     lab.cut(1);      // the primary path goes silent both ways
 *     lab.restore(1);
 * }
 * }</pre>
 */
public final class FaultLab implements AutoCloseable {

    private static final AtomicInteger LABS = new AtomicInteger();

    private final String namespace;
    private final int lab;
    private final int paths;

    private FaultLab(String namespace, int lab, int paths) {
        this.namespace = namespace;
        this.lab = lab;
        this.paths = paths;
    }

    /**
     * Builds a namespace for the peer with {@code paths} independent paths to it.
     *
     * @param paths how many veth pairs, 1 to 8
     * @return the lab; close it to remove the namespace and its links
     */
    public static FaultLab create(int paths) throws IOException, InterruptedException {
        if (paths < 1 || paths > 8) {
            throw new IllegalArgumentException("paths is " + paths + "; a lab has 1 to 8 paths");
        }
        int lab = 100 + (int) ((ProcessHandle.current().pid() * 7 + LABS.incrementAndGet()) % 150);
        FaultLab created = new FaultLab("sctplab" + lab, lab, paths);
        created.build();
        return created;
    }

    private void build() throws IOException, InterruptedException {
        run("ip", "netns", "add", namespace);
        try {
            run("ip", "-n", namespace, "link", "set", "lo", "up");
            for (int p = 1; p <= paths; p++) {
                String here = device(p);
                String there = peerDevice(p);
                addLink(here, there);
                run("ip", "addr", "add", local(p) + "/24", "dev", here);
                run("ip", "-n", namespace, "addr", "add", peer(p) + "/24", "dev", there);
                run("ip", "link", "set", here, "up");
                run("ip", "-n", namespace, "link", "set", there, "up");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Adds a veth pair; a pair from a namespace just deleted may linger for a moment, so that is retried. */
    private void addLink(String here, String there) throws IOException, InterruptedException {
        for (int attempt = 0;; attempt++) {
            try {
                run("ip", "link", "add", here, "type", "veth", "peer", "name", there, "netns", namespace);
                return;
            } catch (IOException e) {
                if (attempt >= 100 || !e.getMessage().contains("exists")) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * The peer's host crashes: every process in the namespace is killed with SIGKILL while the paths are cut, so no
     * SHUTDOWN or ABORT gets out, and the namespace with its sockets and links is gone. This side hears nothing.
     */
    public void crashPeerHost() throws IOException, InterruptedException {
        for (int p = 1; p <= paths; p++) {
            cut(p);
        }
        for (String pid : run("ip", "netns", "pids", namespace).split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        // the links go first: a namespace's teardown can lag behind its deletion, and the rebuilt host needs them
        for (int p = 1; p <= paths; p++) {
            run("ip", "link", "del", device(p));
        }
        run("ip", "netns", "del", namespace);
    }

    /** The crashed peer host comes back: the namespace and its paths, with the same addresses, and no process. */
    public void rebootPeerHost() throws IOException, InterruptedException {
        build();
    }

    /** Returns the number of paths. */
    public int paths() {
        return paths;
    }

    /** Returns this side's address on {@code path} (1-based). */
    public String local(int path) {
        return "10." + lab + "." + check(path) + ".1";
    }

    /** Returns the peer namespace's address on {@code path} (1-based). */
    public String peer(int path) {
        return "10." + lab + "." + check(path) + ".2";
    }

    /** Returns this side's addresses, path 1 first. */
    public List<InetAddress> localAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (int p = 1; p <= paths; p++) {
            addresses.add(InetAddress.getByName(local(p)));
        }
        return addresses;
    }

    /** Returns the peer's addresses, path 1 first. */
    public List<InetAddress> peerAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (int p = 1; p <= paths; p++) {
            addresses.add(InetAddress.getByName(peer(p)));
        }
        return addresses;
    }

    /** Returns {@code command} prefixed so that it runs inside the peer's namespace. */
    public List<String> inPeer(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return full;
    }

    /** Cuts {@code path}: every packet on it is dropped, both ways, while the links stay up as a broken wire would. */
    public void cut(int path) throws IOException, InterruptedException {
        impair(path, "loss", "100%");
    }

    /**
     * Impairs {@code path} in both directions with {@code tc netem} arguments, e.g. {@code "loss", "10%", "delay",
     * "20ms", "5ms"}; replaces any earlier impairment of that path.
     */
    public void impair(int path, String... netem) throws IOException, InterruptedException {
        List<String> here = new ArrayList<>(List.of("tc", "qdisc", "replace", "dev", device(path), "root", "netem"));
        here.addAll(List.of(netem));
        run(here.toArray(String[]::new));
        List<String> there = new ArrayList<>(List.of("tc", "-n", namespace, "qdisc", "replace", "dev",
                peerDevice(path), "root", "netem"));
        there.addAll(List.of(netem));
        run(there.toArray(String[]::new));
    }

    /** Restores {@code path}: removes its impairment in both directions. */
    public void restore(int path) throws IOException, InterruptedException {
        run("tc", "qdisc", "del", "dev", device(path), "root");
        run("tc", "-n", namespace, "qdisc", "del", "dev", peerDevice(path), "root");
    }

    /** Removes the namespace; its veth pairs go with it. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (run("ip", "netns", "list").lines().anyMatch(line -> line.split(" ")[0].equals(namespace))) {
            run("ip", "netns", "del", namespace);
        }
    }

    private String device(int path) {
        return "la" + lab + "p" + check(path);
    }

    private String peerDevice(int path) {
        return "lb" + lab + "p" + check(path);
    }

    private int check(int path) {
        if (path < 1 || path > paths) {
            throw new IllegalArgumentException("path " + path + " does not exist; this lab has paths 1 to " + paths);
        }
        return path;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return HostCommand.run("the fault lab needs root, iproute2 and the veth and sch_netem modules"
                + " (scripts/sctp-vm provides them)", command);
    }
}
