package dev.sctp;

import dev.sctp.internal.linux.LinuxSctpSocket;
import dev.sctp.internal.linux.OptionCodec;
import dev.sctp.internal.linux.SctpConstants;
import dev.sctp.internal.linux.SockaddrCodec;
import dev.sctp.internal.linux.StatusCodec;
import dev.sctp.notification.NotificationType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What every socket of this package needs at creation: the family choice and the default options. */
final class SocketSetup {

    private SocketSetup() {
    }

    /**
     * Picks the address family for {@code network} and the addresses the socket will use: AF_INET for sctp4, or for
     * sctp when every address is IPv4 and none is the wildcard; AF_INET6 otherwise (dual-stack for sctp).
     */
    static int family(SctpNetwork network, List<InetAddress> addresses) {
        return switch (network) {
            case SCTP4 -> SockaddrCodec.AF_INET;
            case SCTP6 -> SockaddrCodec.AF_INET6;
            case SCTP -> !addresses.isEmpty() && addresses.stream()
                    .allMatch(a -> a instanceof Inet4Address && !a.isAnyLocalAddress())
                    ? SockaddrCodec.AF_INET : SockaddrCodec.AF_INET6;
        };
    }

    /**
     * Opens a one-to-one socket with this library's defaults: RCVINFO on, NODELAY on, V6ONLY per network. It checks
     * {@link SctpAvailability} first, so an unsupported platform or a kernel without SCTP fails here with the reason.
     */
    static LinuxSctpSocket open(SctpNetwork network, int family) throws IOException {
        SctpAvailability.ensureAvailable();
        LinuxSctpSocket socket = LinuxSctpSocket.open(family, SctpConstants.SOCK_STREAM);
        try {
            if (family == SockaddrCodec.AF_INET6) {
                socket.setInt(SctpConstants.IPPROTO_IPV6, SctpConstants.IPV6_V6ONLY, "IPV6_V6ONLY",
                        network == SctpNetwork.SCTP6 ? 1 : 0);
            }
            applyDefaults(socket);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Options every association socket gets, including accepted ones. */
    static void applyDefaults(LinuxSctpSocket socket) throws IOException {
        // RCVINFO carries stream, PPID and TSNs with each message (RFC 6458 section 8.1.29).
        socket.setInt(SctpConstants.SOL_SCTP, SctpConstants.SCTP_RECVRCVINFO, "SCTP_RECVRCVINFO", 1);
        // Without NODELAY small messages wait for acknowledgements: ~210 msg/s instead of ~7,600 on loopback.
        socket.setInt(SctpConstants.SOL_SCTP, SctpConstants.SCTP_NODELAY, "SCTP_NODELAY", 1);
    }

    /**
     * Returns {@code types} as a set; repeating a type is allowed and counts once.
     *
     * @throws NullPointerException naming the position of a null element
     */
    static Set<NotificationType> typeSet(NotificationType... types) {
        Set<NotificationType> set = EnumSet.noneOf(NotificationType.class);
        for (int i = 0; i < types.length; i++) {
            if (types[i] == null) {
                throw new NullPointerException("notification type at index " + i + " is null: pass"
                        + " NotificationType values only");
            }
            set.add(types[i]);
        }
        return set;
    }

    /**
     * Returns the id of an accepted socket's association (SCTP_STATUS), or 0 when the association is already gone:
     * the accepted socket is still returned then, and its first call reports the end.
     */
    static int acceptedAssociationId(LinuxSctpSocket socket) throws IOException {
        try {
            return StatusCodec.status(socket).associationId();
        } catch (SctpException e) {
            return 0;
        }
    }

    /** Turns notification types on or off with SCTP_EVENT (RFC 6458 section 6.2.2), one call per type. */
    static void subscribe(LinuxSctpSocket socket, Set<NotificationType> types, boolean on) throws IOException {
        for (NotificationType type : types) {
            socket.set(SctpConstants.SOL_SCTP, SctpConstants.SCTP_EVENT, "SCTP_EVENT(" + type + ")", b -> {
                b.putInt(SctpConstants.EVENT_ASSOC_ID, 0);
                b.putShort(SctpConstants.EVENT_TYPE, (short) type.code());
                b.put(SctpConstants.EVENT_ON, (byte) (on ? 1 : 0));
                return SctpConstants.SCTP_EVENT_SIZE;
            });
        }
    }

    /**
     * Checks a relative timeout and returns it in nanoseconds, 0 for none (null or zero); one beyond what nanoseconds
     * hold counts as forever.
     *
     * @param what what the timeout is for, named in the error
     */
    static long timeoutNanos(String what, Duration timeout) {
        if (timeout == null || timeout.isZero()) {
            return 0;
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(what + " " + timeout + " must not be negative: use a positive "
                    + "duration, or Duration.ZERO to wait without a timeout");
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Converts a timeout to an absolute nanoTime deadline; null or zero means none. */
    static long deadline(String what, Duration timeout) {
        return deadlineAfter(timeoutNanos(what, timeout));
    }

    /** Returns the nanoTime deadline {@code nanos} from now; 0 means none, and a sum that overflows is forever. */
    static long deadlineAfter(long nanos) {
        if (nanos == 0) {
            return Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        long deadline = now + nanos;
        return deadline < now ? Long.MAX_VALUE : deadline;
    }

    /** Converts a wall-clock deadline to a nanoTime deadline; null means none. */
    static long deadline(Instant instant) {
        if (instant == null) {
            return Long.MAX_VALUE;
        }
        Duration left = Duration.between(Instant.now(), instant);
        long now = System.nanoTime();
        if (left.compareTo(Duration.ofDays(365 * 100)) > 0) {
            return Long.MAX_VALUE;
        }
        // A deadline in the past stays in the past, so the next operation times out at once.
        return now + Math.max(left.toNanos(), -Duration.ofDays(365).toNanos());
    }

    /** The body of {@link SctpSocket#dial(SctpAddress, SctpAddress, InitOptions, Duration)}. */
    static SctpSocket dial(SctpAddress remote, @Nullable SctpAddress local, @Nullable InitOptions init,
            Duration timeout) throws IOException {
        // the family must suit both ends: AF_INET only when every address is IPv4
        List<InetAddress> hint = new ArrayList<>(remote.addresses());
        if (local != null) {
            hint.addAll(local.addresses());
        }
        SctpSocket s = SctpSocket.open(SctpNetwork.SCTP, SctpAddress.of(hint, 0));
        try {
            if (init != null) {
                s.setOption(SctpOptions.INIT_MSG, init);
            }
            if (local != null) {
                s.bind(local);
            }
            s.connect(remote, timeout);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Fails a connect that reached this socket itself. When nothing listens on the target port and the kernel
     * picked that same port for this socket, the INIT comes back to the socket that sent it and the association
     * comes up with itself (a self-connect, as TCP has; Go's net package guards against it the same way). Such an
     * association is aborted and reported as refused.
     */
    static void rejectSelfConnect(LinuxSctpSocket socket, SctpAddress remote) throws IOException {
        List<InetSocketAddress> local = socket.localAddresses();
        if (local.isEmpty() || local.get(0).getPort() != remote.port()) {
            return;
        }
        for (InetSocketAddress peer : socket.peerAddresses()) {
            if (local.contains(peer)) {
                OptionCodec.set(socket, SctpOptions.SO_LINGER, 0); // ABORT, not SHUTDOWN, on close
                socket.close();
                throw new ConnectException("connect to " + remote + " reached this socket itself: nothing listens on"
                        + " port " + remote.port() + ", and the kernel had given this socket that same port"
                        + " (a self-connect); the socket is closed");
            }
        }
    }
}
