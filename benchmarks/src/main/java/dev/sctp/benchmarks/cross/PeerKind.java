package dev.sctp.benchmarks.cross;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The SCTP implementations the cross-process benchmark pairs with each other, by the name the command line uses. */
public enum PeerKind {

    /** {@code src/main/c/sctp_peer.c}: raw sendmsg/recvmsg, no library. */
    C("c", "C loop", null),
    /** This library, blocking calls on direct buffers. */
    DEV("dev", "dev.sctp", b -> new DevSctpStack(false, b)),
    /** This library's batch API: one sendmmsg for up to 64 queued messages, one recvmmsg for every queued one. */
    DEV_BATCHED("dev-batched", "dev.sctp batched", b -> new DevSctpStack(true, b)),
    /** The JDK's com.sun.nio.sctp.SctpChannel, blocking. */
    JDK("jdk", "JDK SctpChannel", JdkSctpStack::new);

    private final String key;
    private final String label;
    private final Function<SocketBuffers, PeerStack> stack;

    PeerKind(String key, String label, Function<SocketBuffers, PeerStack> stack) {
        this.key = key;
        this.label = label;
        this.stack = stack;
    }

    /** Returns the name used on the command line ({@code --kinds c,dev,jdk}) and by {@link CrossPeer}. */
    public String key() {
        return key;
    }

    /** Returns the name the report shows. */
    public String label() {
        return label;
    }

    /** Returns whether this kind runs in a JVM ({@link CrossPeer}) rather than as the C binary. */
    public boolean isJava() {
        return stack != null;
    }

    PeerStack newStack(SocketBuffers buffers) {
        if (stack == null) {
            throw new IllegalStateException(key + " is not a Java peer");
        }
        return stack.apply(buffers);
    }

    /**
     * Returns the kind named {@code key}.
     *
     * @throws IllegalArgumentException naming the known kinds if there is none
     */
    public static PeerKind byName(String key) {
        for (PeerKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown peer kind '" + key + "'; use one of "
                + Arrays.stream(values()).map(PeerKind::key).toList());
    }

    /** Returns the kinds that run in a JVM. */
    public static List<PeerKind> javaKinds() {
        return Arrays.stream(values()).filter(PeerKind::isJava).toList();
    }
}
