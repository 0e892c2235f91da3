package dev.sctp.benchmarks.cross;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The Java peer process of the cross-process benchmark: {@code java ... CrossPeer dev|jdk}. It speaks the same
 * line protocol on stdin/stdout as {@code src/main/c/sctp_peer.c} (see that file's header), so
 * {@link CrossProcessBenchmark} drives the C loop, this library and the JDK alike. It stays up across every round,
 * so the rounds measure warmed-up code, not JVM start-up.
 */
public final class CrossPeer {

    private final PeerStack stack;
    private final PrintStream out;
    private final Map<Integer, PeerLink> links = new HashMap<>();

    private CrossPeer(PeerStack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    /**
     * Runs the command loop until {@code quit} or the end of stdin.
     *
     * @param args one of {@link PeerKind#javaKinds()}' names, then optionally {@code --rcvbuf BYTES} and
     *     {@code --sndbuf BYTES} (see {@link SocketBuffers})
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CrossPeer " + String.join("|", PeerKind.javaKinds().stream().map(PeerKind::key)
                    .toList()) + " [--rcvbuf BYTES] [--sndbuf BYTES]");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (PeerStack stack = PeerKind.byName(args[0]).newStack(SocketBuffers.parse(args, 1))) {
            new CrossPeer(stack, out).run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        } catch (Exception | Error e) {
            // The harness reads one line per command; "error ..." tells it why this peer is gone.
            out.println("error " + e.toString().replace('\n', ' '));
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split("\\s+");
            if (w[0].isEmpty()) {
                continue;
            }
            switch (w[0]) {
                case "listen" -> out.println("port " + stack.listen());
                case "accept" -> {
                    links.put(freeSlot(w), stack.accept());
                    out.println("ok");
                }
                case "connect" -> {
                    int id = freeSlot(w);
                    links.put(id, stack.connect(arg(w, 2, 3)));
                    out.println("ok");
                }
                case "info" -> {
                    PeerLink link = link(w, 2);
                    out.println("rcvbuf " + link.receiveBufferSize() + " sndbuf " + link.sendBufferSize());
                }
                case "send" -> send(link(w, 5), size(w), arg(w, 3, 5), arg(w, 4, 5));
                case "recv" -> receive(link(w, 3), size(w));
                case "echo" -> echo(link(w, 2));
                case "pipeline" -> pipeline(link(w, 6), size(w), arg(w, 3, 6), arg(w, 4, 6), arg(w, 5, 6));
                case "latency" -> latency(link(w, 5), size(w), arg(w, 3, 5), arg(w, 4, 5));
                case "quit" -> {
                    for (PeerLink l : links.values()) {
                        l.close();
                    }
                    return;
                }
                default -> throw new IllegalArgumentException("unknown command: " + line);
            }
        }
    }

    private void send(PeerLink link, int size, long max, long budgetMillis) throws IOException {
        link.prepare(size);
        long start = System.nanoTime();
        long deadline = start + budgetMillis * 1_000_000;
        long sent = 0;
        while (sent < max) {
            link.send(size);
            sent++;
            // Reading the clock every 64 messages keeps it out of the per-message cost, as in sctp_peer.c.
            if ((sent & 63) == 0 && System.nanoTime() > deadline) {
                break;
            }
        }
        link.flush(); // a batched link still holds up to a batch: it goes out before the end is taken
        long end = System.nanoTime(); // the last message's send returned; the marker follows
        link.send(Payload.MARKER_SIZE);
        out.println("sent " + sent + " start=" + start + " end=" + end);
    }

    private void receive(PeerLink link, int size) throws IOException {
        link.prepare(size);
        long received = 0;
        long bytes = 0;
        while (true) {
            int n = link.receive();
            if (n == Payload.MARKER_SIZE) {
                break;
            }
            if (n != size) {
                throw new IllegalStateException("recv: a message of " + n + " bytes arrived, expected " + size);
            }
            received++;
            bytes += n;
        }
        out.println("received " + received + " bytes=" + bytes + " end=" + System.nanoTime());
    }

    private void echo(PeerLink link) throws IOException {
        long echoed = 0;
        while (link.receive() != Payload.MARKER_SIZE) {
            link.echo();
            echoed++;
        }
        link.flush();
        out.println("echoed " + echoed);
    }

    private void pipeline(PeerLink link, int size, long max, long window, long budgetMillis) throws IOException {
        if (window < 1) {
            throw new IllegalArgumentException("pipeline window " + window + " must be at least 1");
        }
        link.prepare(size);
        long start = System.nanoTime();
        long deadline = start + budgetMillis * 1_000_000;
        long sent = 0;
        long received = 0;
        boolean open = true;
        while (received < sent || (open && sent < max)) {
            while (open && sent < max && sent - received < window) {
                link.send(size);
                sent++;
            }
            int n = link.receive();
            if (n != size) {
                throw new IllegalStateException("pipeline: an echo of " + n + " bytes arrived, expected " + size);
            }
            received++;
            if (open && (received & 63) == 0 && System.nanoTime() > deadline) {
                open = false;
            }
        }
        long end = System.nanoTime();
        link.send(Payload.MARKER_SIZE);
        out.println("pipelined " + received + " start=" + start + " end=" + end);
    }

    private void latency(PeerLink link, int size, int max, long budgetMillis) throws IOException {
        if (max < 1) {
            throw new IllegalArgumentException("latency: at most " + max + " round trips; use 1 or more");
        }
        link.prepare(size);
        long[] rtt = new long[max]; // once per command, so the loop itself allocates nothing
        long start = System.nanoTime();
        long deadline = start + budgetMillis * 1_000_000;
        long t = start;
        int n = 0;
        while (n < max && t <= deadline) {
            link.send(size);
            int got = link.receive();
            if (got != size) {
                throw new IllegalStateException("latency: an echo of " + got + " bytes arrived, expected " + size);
            }
            long now = System.nanoTime();
            rtt[n++] = now - t;
            t = now;
        }
        link.send(Payload.MARKER_SIZE);
        Arrays.sort(rtt, 0, n);
        out.println("latency " + n + " start=" + start + " end=" + t + " p50=" + percentile(rtt, n, 500) + " p99="
                + percentile(rtt, n, 990) + " p999=" + percentile(rtt, n, 999));
    }

    /** The nearest-rank percentile of the first {@code n} (sorted) values, in thousandths, as sctp_peer.c has it. */
    static long percentile(long[] sorted, int n, int perMille) {
        long rank = ((long) n * perMille + 999) / 1000;
        return sorted[(int) Math.max(0, rank - 1)];
    }

    private int freeSlot(String[] w) {
        int id = arg(w, 1, w[0].equals("connect") ? 3 : 2);
        if (links.containsKey(id)) {
            throw new IllegalArgumentException(w[0] + ": slot " + id + " is in use");
        }
        return id;
    }

    private PeerLink link(String[] w, int words) {
        int id = arg(w, 1, words);
        PeerLink link = links.get(id);
        if (link == null) {
            throw new IllegalArgumentException(w[0] + ": no association in slot " + id);
        }
        return link;
    }

    private static int size(String[] w) {
        int size = arg(w, 2, w.length);
        if (size <= Payload.MARKER_SIZE || size > Payload.MAX_SIZE) {
            throw new IllegalArgumentException("message size " + size + " must be between 2 and " + Payload.MAX_SIZE);
        }
        return size;
    }

    private static int arg(String[] w, int index, int words) {
        if (w.length != words) {
            throw new IllegalArgumentException(w[0] + " takes " + (words - 1) + " arguments, got " + (w.length - 1));
        }
        return Integer.parseInt(w[index]);
    }
}
