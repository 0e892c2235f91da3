package dev.sctp;

import dev.sctp.internal.linux.AuthenticationCodec;
import dev.sctp.internal.linux.LinuxSctpSocket;
import dev.sctp.internal.linux.OptionCodec;
import dev.sctp.notification.NotificationType;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A one-to-one SCTP listener: it binds to several local addresses at once and accepts associations as
 * {@link SctpSocket}s.
 *
 * <p>Notification subscriptions made here carry over to every accepted association. Closing the listener wakes a
 * thread blocked in {@link #accept()}.
 *
 * <pre>{@code
 * try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1/127.0.0.2:0"))) {
 *     int port = server.localAddress().port();
 *     try (SctpSocket association = server.accept()) { ... }
 * }
 * }</pre>
 */
public final class SctpServerSocket implements Closeable {

    /**
     * The backlog that stands for {@code net.core.somaxconn}: listen(2) cuts any larger value down to it, in the
     * socket's own network namespace. Not read from /proc/sys/net/core/somaxconn: a sysctl file answers only a read
     * at offset 0 (proc_dointvec), and Files.readString reads a file that reports size 0 one byte first, so it got
     * "4" of "4096" and the listener refused connects beyond 5 queued associations.
     */
    private static final int SYSTEM_BACKLOG = Integer.MAX_VALUE;

    private final SctpNetwork network;
    private final LinuxSctpSocket socket;
    private final Set<NotificationType> subscriptions = EnumSet.noneOf(NotificationType.class);
    private volatile long acceptTimeoutNanos;
    private volatile boolean bound;

    private SctpServerSocket(SctpNetwork network, LinuxSctpSocket socket) {
        this.network = network;
        this.socket = socket;
    }

    /**
     * Opens an unbound listener of {@code network} for addresses like {@code addressHint}, so options can be set
     * before {@link #bind(SctpAddress, int)}. SO_REUSEADDR is on.
     */
    public static SctpServerSocket open(SctpNetwork network, SctpAddress addressHint) throws IOException {
        int family = SocketSetup.family(network, addressHint.addresses());
        LinuxSctpSocket s = SocketSetup.open(network, family);
        try {
            OptionCodec.set(s, SctpOptions.SO_REUSEADDR, true);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return new SctpServerSocket(network, s);
    }

    /** Opens a listener, binds it to {@code local} with the system's backlog, and starts listening. */
    public static SctpServerSocket bind(SctpAddress local) throws IOException {
        return bind(SctpNetwork.SCTP, local);
    }

    /** Opens a listener of {@code network}, binds it to {@code local} and starts listening. */
    public static SctpServerSocket bind(SctpNetwork network, SctpAddress local) throws IOException {
        SctpServerSocket server = open(network, local);
        try {
            server.bind(local, 0);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Binds to every address of {@code local} (bindx; an empty list means all local addresses) and listens.
     *
     * <p>The kernel keeps up to {@code backlog + 1} established associations waiting for {@link #accept()} and
     * refuses further INITs with an ABORT (the client sees ECONNREFUSED) until accept takes some.
     *
     * @param backlog the accept queue length; 0 or less uses {@code net.core.somaxconn}, and the kernel cuts a
     *     larger value down to it
     */
    public void bind(SctpAddress local, int backlog) throws IOException {
        requireOpen();
        socket.bindx(local.addresses(), local.port(), true);
        socket.listen(backlog > 0 ? backlog : SYSTEM_BACKLOG);
        bound = true;
    }

    /** Accepts the next association, waiting as long as the accept timeout allows (default: forever). */
    public SctpSocket accept() throws IOException {
        return accept(SocketSetup.deadlineAfter(acceptTimeoutNanos));
    }

    /** Accepts the next association, or throws {@link java.net.SocketTimeoutException} after {@code timeout}. */
    public SctpSocket accept(Duration timeout) throws IOException {
        return accept(SocketSetup.deadline("accept timeout", timeout));
    }

    private SctpSocket accept(long deadline) throws IOException {
        if (!bound) {
            throw new IllegalStateException("listener is not bound: call bind first");
        }
        LinuxSctpSocket accepted = socket.accept(deadline);
        try {
            Set<NotificationType> subscribed;
            synchronized (subscriptions) {
                subscribed = subscriptions.isEmpty() ? Set.of() : EnumSet.copyOf(subscriptions);
            }
            // Re-applied explicitly so the carry-over does not depend on which fields the kernel copies.
            SocketSetup.subscribe(accepted, subscribed, true);
            // the kernel copies SO_LINGER to accepted sockets, but a positive time lives here (OptionCodec)
            accepted.setLingerSeconds(socket.lingerSeconds());
            return SctpSocket.accepted(network, accepted);
        } catch (IOException | RuntimeException e) {
            accepted.close();
            throw e;
        }
    }

    /** Sets the timeout of later {@link #accept()} calls (zero: none). */
    public void setAcceptTimeout(Duration timeout) {
        acceptTimeoutNanos = SocketSetup.timeoutNanos("accept timeout", timeout);
    }

    /** Sets an absolute deadline for accepts, including one already waiting; null removes it. */
    public void setDeadline(Instant deadline) {
        socket.poll().setReadDeadline(SocketSetup.deadline(deadline));
    }

    /** Turns on the given notification types here and on every association accepted from now on. */
    public void subscribe(NotificationType... types) throws IOException {
        SocketSetup.subscribe(socket, SocketSetup.typeSet(types), true);
        synchronized (subscriptions) {
            subscriptions.addAll(List.of(types));
        }
    }

    /** Turns off the given notification types here and for associations accepted from now on. */
    public void unsubscribe(NotificationType... types) throws IOException {
        SocketSetup.subscribe(socket, SocketSetup.typeSet(types), false);
        synchronized (subscriptions) {
            subscriptions.removeAll(List.of(types));
        }
    }

    /** Adds local addresses at run time (bindx add), at the bound port. */
    public void bindAdd(List<InetAddress> addresses) throws IOException {
        socket.bindx(addresses, localAddress().port(), true);
    }

    /** Removes local addresses at run time (bindx remove); removing the last one fails. */
    public void bindRemove(List<InetAddress> addresses) throws IOException {
        socket.bindx(addresses, localAddress().port(), false);
    }

    /** Returns the bound addresses and port, read fresh from the kernel. */
    public SctpAddress localAddress() throws IOException {
        return SctpSocket.toAddress(socket.localAddresses());
    }

    /** Sets a socket option, inherited by accepted associations where the kernel copies it; see {@link SctpOptions}. */
    public <T> SctpServerSocket setOption(SctpOption<T> option, T value) throws IOException {
        OptionCodec.set(socket, option, value);
        return this;
    }

    /** Returns a socket option's value. */
    public <T> T getOption(SctpOption<T> option) throws IOException {
        return OptionCodec.get(socket, option);
    }

    /**
     * Sets SCTP-AUTH shared key {@code keyNumber} (RFC 4895; {@code SCTP_AUTH_KEY}) on the listener's endpoint,
     * replacing one of that number. Every association accepted from then on starts with the endpoint's keys; use
     * {@link SctpOptions#AUTH_ACTIVE_KEY} to choose the one it sends with. The key bytes are copied and never logged
     * or kept by this library.
     *
     * @param keyNumber 0..65535
     * @param key the key, at most 256 bytes
     * @throws SctpException with errno EACCES if SCTP-AUTH is not in use (the message says how to turn it on)
     */
    public void setAuthKey(int keyNumber, byte[] key) throws IOException {
        AuthenticationCodec.setKey(socket, keyNumber, key);
    }

    /**
     * Stops the endpoint from sending with key {@code keyNumber} ({@code SCTP_AUTH_DEACTIVATE_KEY}) in associations
     * accepted from then on; it must not be the active key.
     *
     * @throws IllegalArgumentException if there is no such key or it is the active one
     */
    public void deactivateAuthKey(int keyNumber) throws IOException {
        AuthenticationCodec.deactivateKey(socket, keyNumber);
    }

    /**
     * Deletes key {@code keyNumber} from the endpoint ({@code SCTP_AUTH_DELETE_KEY}), so associations accepted from
     * then on do not have it; it must not be the active key.
     *
     * @throws IllegalArgumentException if there is no such key or it is the active one
     */
    public void deleteAuthKey(int keyNumber) throws IOException {
        AuthenticationCodec.deleteKey(socket, keyNumber);
    }

    /** Stops listening and wakes threads blocked in accept; idempotent. */
    @Override
    public void close() {
        socket.close();
    }

    /** Returns whether {@link #close()} was called. */
    public boolean isClosed() {
        return socket.isClosed();
    }

    private void requireOpen() throws ClosedChannelException {
        if (socket.isClosed()) {
            throw new ClosedChannelException();
        }
    }

    LinuxSctpSocket linux() {
        return socket;
    }

    @Override
    public String toString() {
        return "SctpServerSocket[" + network.networkName() + (isClosed() ? ", closed" : "") + "]";
    }
}
