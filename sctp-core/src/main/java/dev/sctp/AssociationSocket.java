package dev.sctp;

import dev.sctp.internal.linux.AuthenticationCodec;
import dev.sctp.internal.linux.LinuxSctpSocket;
import dev.sctp.internal.linux.OptionCodec;
import dev.sctp.internal.linux.PathOptionCodec;
import dev.sctp.internal.linux.ReconfigurationCodec;
import dev.sctp.internal.linux.StatusCodec;
import dev.sctp.notification.NotificationType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link SctpSocket} offers besides moving messages and its life cycle: timeouts and deadlines,
 * notification subscriptions, options, local and peer addresses, association status and per-path parameters. Its
 * public methods are {@link SctpSocket}'s; this class only keeps that file to one concern.
 */
abstract sealed class AssociationSocket permits SctpSocket {

    final LinuxSctpSocket socket;
    private volatile long readTimeoutNanos;
    private volatile long writeTimeoutNanos;

    AssociationSocket(LinuxSctpSocket socket) {
        this.socket = socket;
    }

    // ---- deadlines -------------------------------------------------------------------------------------------

    /** Sets the timeout of every later receive (zero: none). */
    public void setReadTimeout(Duration timeout) {
        readTimeoutNanos = SocketSetup.timeoutNanos("read timeout", timeout);
    }

    /** Sets the timeout of every later send (zero: none). */
    public void setWriteTimeout(Duration timeout) {
        writeTimeoutNanos = SocketSetup.timeoutNanos("write timeout", timeout);
    }

    /** Returns the receive timeout; zero means none. */
    public Duration getReadTimeout() {
        return Duration.ofNanos(readTimeoutNanos);
    }

    /** Returns the send timeout; zero means none. */
    public Duration getWriteTimeout() {
        return Duration.ofNanos(writeTimeoutNanos);
    }

    /**
     * Sets an absolute deadline for receives and sends, including ones already waiting; null removes it. A passed
     * deadline makes every call time out at once until it is moved.
     */
    public void setDeadline(Instant deadline) {
        setReadDeadline(deadline);
        setWriteDeadline(deadline);
    }

    /** Sets the absolute deadline of receives, including one already waiting; null removes it. */
    public void setReadDeadline(Instant deadline) {
        socket.poll().setReadDeadline(SocketSetup.deadline(deadline));
    }

    /** Sets the absolute deadline of sends, including one already waiting; null removes it. */
    public void setWriteDeadline(Instant deadline) {
        socket.poll().setWriteDeadline(SocketSetup.deadline(deadline));
    }

    final long readDeadline() {
        return SocketSetup.deadlineAfter(readTimeoutNanos);
    }

    final long writeDeadline() {
        return SocketSetup.deadlineAfter(writeTimeoutNanos);
    }

    // ---- notifications, options, addresses -------------------------------------------------------------------

    /** Turns on delivery of the given notification types (SCTP_EVENT). */
    public void subscribe(NotificationType... types) throws IOException {
        SocketSetup.subscribe(socket, SocketSetup.typeSet(types), true);
    }

    /** Turns off delivery of the given notification types. */
    public void unsubscribe(NotificationType... types) throws IOException {
        SocketSetup.subscribe(socket, SocketSetup.typeSet(types), false);
    }

    /** Returns a socket option's value; see {@link SctpOptions}. */
    public <T> T getOption(SctpOption<T> option) throws IOException {
        return OptionCodec.get(socket, option);
    }

    /** Adds local addresses to the association at run time (bindx add), at the bound port. */
    public void bindAdd(List<InetAddress> addresses) throws IOException {
        socket.bindx(addresses, localPortForBindx(), true);
    }

    /** Removes local addresses at run time (bindx remove); removing the last one fails. */
    public void bindRemove(List<InetAddress> addresses) throws IOException {
        socket.bindx(addresses, localPortForBindx(), false);
    }

    private int localPortForBindx() throws IOException {
        List<InetSocketAddress> local = socket.localAddresses();
        if (local.isEmpty()) {
            throw new SocketException("socket is not bound: bind it before adding or removing addresses");
        }
        return local.get(0).getPort();
    }

    /** Returns the local addresses and port, read fresh from the kernel (SCTP_GET_LOCAL_ADDRS). */
    public SctpAddress localAddress() throws IOException {
        return toAddress(socket.localAddresses());
    }

    /** Returns the peer's addresses and port, read fresh from the kernel (SCTP_GET_PEER_ADDRS). */
    public SctpAddress remoteAddress() throws IOException {
        return toAddress(socket.peerAddresses());
    }

    static SctpAddress toAddress(List<InetSocketAddress> list) {
        if (list.isEmpty()) {
            return SctpAddress.wildcard(0);
        }
        return SctpAddress.of(list.stream().map(InetSocketAddress::getAddress).toList(), list.get(0).getPort());
    }

    // ---- status and per-path parameters ----------------------------------------------------------------------

    /**
     * Returns the association's state, negotiated stream counts, windows and primary path (SCTP_STATUS, RFC 6458
     * section 8.2.1).
     *
     * @throws SctpException if the socket has no association (not yet connected, or already shut down)
     */
    public SctpStatus status() throws IOException {
        return StatusCodec.status(socket);
    }

    /**
     * Returns the state, congestion window, RTO and MTU of the path to {@code path}, one of the peer's addresses
     * (SCTP_GET_PEER_ADDR_INFO, RFC 6458 section 8.2.2).
     *
     * @throws IllegalArgumentException if {@code path} is not one of {@link #remoteAddress()}'s addresses
     */
    public PeerAddressInfo peerAddressInfo(InetSocketAddress path) throws IOException {
        return StatusCodec.peerAddressInfo(socket, path);
    }

    /** Returns {@link #peerAddressInfo} for every address of the peer, in the kernel's order. */
    public List<PeerAddressInfo> paths() throws IOException {
        return StatusCodec.paths(socket);
    }

    /**
     * Returns the association's packet and chunk counters (SCTP_GET_ASSOC_STATS). Each call resets the observed
     * maximum RTO; see {@link AssociationStats}.
     */
    public AssociationStats associationStats() throws IOException {
        return StatusCodec.associationStats(socket);
    }

    /**
     * Returns the heartbeat, retransmission, MTU and SACK settings of the path to {@code path}, or with
     * {@code null} the association's (SCTP_PEER_ADDR_PARAMS). Modify the result and pass it to
     * {@link #setPeerAddressParameters} to change one setting.
     *
     * @throws IllegalArgumentException if {@code path} is not one of the peer's addresses
     */
    public PeerAddressParameters getPeerAddressParameters(@Nullable InetSocketAddress path) throws IOException {
        return PathOptionCodec.get(socket, path);
    }

    /**
     * Applies {@code parameters} to the path of its {@link PeerAddressParameters#address()}, or to every path when
     * that is null; the same as {@code setOption(SctpOptions.PEER_ADDR_PARAMS, parameters)}.
     */
    public void setPeerAddressParameters(PeerAddressParameters parameters) throws IOException {
        PathOptionCodec.set(socket, parameters);
    }

    // ---- RFC 6525 reconfiguration and SCTP-AUTH ----------------------------------------------------------------

    /**
     * Asks the peer to reset the given outgoing streams, or all of them when none are given (RFC 6525 section 5.1.2;
     * {@code SCTP_RESET_STREAMS}): their next stream sequence numbers start again at 0, at both ends. The call only
     * sends the request; the outcome arrives as a {@link dev.sctp.notification.StreamReset} notification
     * ({@link dev.sctp.notification.NotificationType#STREAM_RESET_EVENT}), with the OUTGOING_SSN flag when it was
     * performed, and DENIED as well when the peer does not allow it; the peer gets one with INCOMING_SSN. Needs {@link SctpOptions#RECONFIG_SUPPORTED} negotiated
     * and {@link SctpOptions#ENABLE_STREAM_RESET} allowing stream resets.
     *
     * @param streams stream numbers below the outbound stream count, at most 248; none for all streams
     * @throws SctpException with errno ENOPROTOOPT if reconfiguration was not negotiated or not enabled (the message
     *     says which setting to change), EINPROGRESS if an earlier request is outstanding, EAGAIN if data queued on
     *     those streams is not sent yet
     * @throws IllegalArgumentException if a stream does not exist
     */
    public void resetOutgoingStreams(int... streams) throws IOException {
        ReconfigurationCodec.resetStreams(socket, true, false, streams);
    }

    /**
     * Asks the peer to reset its outgoing streams toward this side, the given ones or all when none are given (RFC
     * 6525 section 5.1.3). The peer answers with a reset of its outgoing streams; see
     * {@link #resetOutgoingStreams} for the notification and the errors.
     *
     * @param streams stream numbers below the inbound stream count, at most 248; none for all streams
     */
    public void resetIncomingStreams(int... streams) throws IOException {
        ReconfigurationCodec.resetStreams(socket, false, true, streams);
    }

    /**
     * Asks the peer to reset the association (RFC 6525 section 5.1.4; {@code SCTP_RESET_ASSOC}): both directions
     * continue from new TSNs, and every stream's sequence numbers start again at 0. Only allowed once everything sent
     * is acknowledged. The outcome arrives as an {@link dev.sctp.notification.AssociationReset} notification with the
     * new TSNs. Needs {@link SctpOptions#RECONFIG_SUPPORTED} negotiated and {@link SctpOptions#ENABLE_STREAM_RESET}
     * allowing association resets.
     *
     * @throws SctpException with errno ENOPROTOOPT, EINPROGRESS or EAGAIN as for {@link #resetOutgoingStreams}
     */
    public void resetAssociation() throws IOException {
        ReconfigurationCodec.resetAssociation(socket);
    }

    /**
     * Asks to add streams (RFC 6525 sections 5.1.5 and 5.1.6; {@code SCTP_ADD_STREAMS}): {@code outgoing} more
     * streams to send on, usable once the peer agrees, and {@code incoming} more that the peer may send on. The
     * outcome arrives as {@link dev.sctp.notification.StreamChange} notifications, which on Linux carry the number of
     * streams added (not the new totals); {@link #status()} then shows the new counts. Needs
     * {@link SctpOptions#RECONFIG_SUPPORTED} negotiated and {@link SctpOptions#ENABLE_STREAM_RESET} allowing stream
     * additions.
     *
     * @param incoming inbound streams to add, 0..65535
     * @param outgoing outbound streams to add, 0..65535; at least one stream in all
     * @throws SctpException with errno ENOPROTOOPT or EINPROGRESS as for {@link #resetOutgoingStreams}
     * @throws IllegalArgumentException if a count is out of range or the total would exceed 65535 streams
     */
    public void addStreams(int incoming, int outgoing) throws IOException {
        ReconfigurationCodec.addStreams(socket, incoming, outgoing);
    }

    /**
     * Sets SCTP-AUTH shared key {@code keyNumber} (RFC 4895; {@code SCTP_AUTH_KEY}), replacing one of that number.
     * On an unconnected socket or listener the key goes to future associations, on a connected one to its
     * association. Use it with {@link SctpOptions#AUTH_ACTIVE_KEY} to send with it. The key bytes are copied and
     * never logged or kept by this library.
     *
     * @param keyNumber 0..65535
     * @param key the key, at most 256 bytes
     * @throws SctpException with errno EACCES if SCTP-AUTH is not in use (the message says how to turn it on)
     */
    public void setAuthKey(int keyNumber, byte[] key) throws IOException {
        AuthenticationCodec.setKey(socket, keyNumber, key);
    }

    /**
     * Stops sending with key {@code keyNumber} ({@code SCTP_AUTH_DEACTIVATE_KEY}); it must not be the active key.
     * Once nothing in flight uses it, subscribers get an {@link dev.sctp.notification.Authentication} notification
     * with {@code FREE_KEY}, after which {@link #deleteAuthKey} can remove it.
     *
     * @throws IllegalArgumentException if there is no such key or it is the active one
     */
    public void deactivateAuthKey(int keyNumber) throws IOException {
        AuthenticationCodec.deactivateKey(socket, keyNumber);
    }

    /**
     * Deletes key {@code keyNumber} ({@code SCTP_AUTH_DELETE_KEY}); it must not be the active key.
     *
     * @throws IllegalArgumentException if there is no such key or it is the active one
     */
    public void deleteAuthKey(int keyNumber) throws IOException {
        AuthenticationCodec.deleteKey(socket, keyNumber);
    }
}
