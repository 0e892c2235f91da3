package dev.sctp.integration.connection;

import dev.sctp.SctpAddress;
import dev.sctp.SctpServerSocket;
import dev.sctp.SctpSocket;
import dev.sctp.integration.event.SctpAssociationFailedEvent;
import dev.sctp.integration.event.SctpAssociationRejectedEvent;
import dev.sctp.integration.event.SctpServerListeningEvent;
import dev.sctp.integration.event.SctpServerStoppedEvent;
import dev.sctp.notification.NotificationType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A server factory of one-to-one associations: it listens on one or more local addresses at once (multi-homing with
 * {@code sctp_bindx}) and accepts each association as its own socket.
 *
 * <pre>{@code
 * SctpServerAssociationFactory server = new SctpServerAssociationFactory(SctpAddress.parse("10.0.0.1/10.0.0.2:3868"));
 * server.setBacklog(128);
 * server.setInitOptions(InitOptions.streams(16, 16));
 * }</pre>
 *
 * <p>Port 0 picks an ephemeral port; {@link #getPort()} tells which once the factory is listening. The listener's
 * notification subscriptions and options carry over to accepted associations.
 *
 * <p>Each accepted association is checked before anything is read from it: every one of its peer's addresses must be
 * in {@link #setAllowedPeers allowedPeers} (when set), and the listener must have fewer than
 * {@code maxAssociations} open, and fewer than {@link #setMaxAssociationsPerPeer maxAssociationsPerPeer} initiated
 * from the same address. Otherwise the association is aborted, logged with the peer's addresses, published as an
 * {@link SctpAssociationRejectedEvent} and counted by the observers
 * ({@link SctpAssociationObserver#associationRejected}). "Allowed" means every address the peer lists, not only the
 * primary one: the kernel may send to any of them after a path fails. A peer that later adds an address outside the
 * allow-list (ASCONF, reported as a peer address change) is aborted the same way.
 *
 * <p>A one-to-many ({@code SOCK_SEQPACKET}) variant would be another subclass of
 * {@link AbstractSctpAssociationFactory} with the same association and listener contracts.
 *
 * @since 0.1.0
 */
public class SctpServerAssociationFactory extends AbstractSctpAssociationFactory {

    private SctpAddress localAddress;
    private int backlog;
    private List<String> allowedPeers = List.of();
    private PeerAllowList allowList = PeerAllowList.ALL;
    private int maxAssociationsPerPeer = Integer.MAX_VALUE;
    private volatile @Nullable SctpServerSocket serverSocket;
    private volatile @Nullable SctpAddress boundAddress;

    /**
     * Creates a factory that listens on {@code localAddress}.
     *
     * @param localAddress the local addresses and port; no address means every local address, port 0 any port
     */
    public SctpServerAssociationFactory(SctpAddress localAddress) {
        this.localAddress = localAddress;
    }

    /**
     * Creates a factory that listens on every local address at {@code port}.
     *
     * @param port the port, 0 for any
     */
    public SctpServerAssociationFactory(int port) {
        this(SctpAddress.wildcard(port));
    }

    /**
     * Sets the addresses to listen on; takes effect at the next start.
     *
     * @param localAddress the addresses and port
     */
    public void setLocalAddress(SctpAddress localAddress) {
        this.localAddress = localAddress;
    }

    /** Returns the addresses the factory is configured to listen on. */
    public SctpAddress getLocalAddress() {
        return localAddress;
    }

    /**
     * Sets the accept queue length; 0 (the default) uses the system's {@code net.core.somaxconn}.
     *
     * @param backlog the backlog
     */
    public void setBacklog(int backlog) {
        this.backlog = backlog;
    }

    /** Returns the configured backlog. */
    public int getBacklog() {
        return backlog;
    }

    /**
     * Sets the peers that may associate: IPv4 and IPv6 CIDR ranges or single addresses, literal only (no host
     * names). Every address a peer lists must be in a range, not only the one it connected from, since the kernel may
     * send on any of them. Empty (the default) allows every peer.
     *
     * @param cidrs the ranges, e.g. {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code fd00::/8}
     * @throws IllegalArgumentException naming an entry that is not a literal address with a fitting prefix length
     */
    public void setAllowedPeers(List<String> cidrs) {
        List<String> copy = List.copyOf(cidrs);
        this.allowList = PeerAllowList.parse(copy);
        this.allowedPeers = copy;
    }

    /**
     * Checks allowed-peer entries as {@link #setAllowedPeers} does, for configuration validation.
     *
     * @param cidrs the ranges
     * @throws IllegalArgumentException naming the first invalid entry, why, and the expected form
     */
    public static void checkAllowedPeers(List<String> cidrs) {
        PeerAllowList.parse(cidrs);
    }

    /** Returns the allowed peer ranges; empty when every peer is allowed. */
    public List<String> getAllowedPeers() {
        return allowedPeers;
    }

    /** Returns whether {@code address} is an allowed peer address. */
    public boolean isAllowedPeer(java.net.InetAddress address) {
        return allowList.allows(address);
    }

    PeerAllowList allowList() {
        return allowList;
    }

    /**
     * Sets the most associations open at once that were initiated from one peer address (the source address of the
     * INIT, which the kernel lists first; the further addresses a peer lists are its own claim and do not count);
     * further ones are aborted as they are accepted. Default unlimited.
     *
     * @param maxAssociationsPerPeer the limit, at least 1
     */
    public void setMaxAssociationsPerPeer(int maxAssociationsPerPeer) {
        if (maxAssociationsPerPeer < 1) {
            throw new IllegalArgumentException("maxAssociationsPerPeer must be at least 1, not "
                    + maxAssociationsPerPeer);
        }
        this.maxAssociationsPerPeer = maxAssociationsPerPeer;
    }

    /** Returns the most associations open at once with one peer address. */
    public int getMaxAssociationsPerPeer() {
        return maxAssociationsPerPeer;
    }

    /** Returns the bound port while listening, else -1. */
    public int getPort() {
        SctpAddress bound = boundAddress;
        return bound == null ? -1 : bound.port();
    }

    /** Returns the bound addresses and port while listening, else {@code null}. */
    public @Nullable SctpAddress getBoundAddress() {
        return boundAddress;
    }

    /** Returns whether the factory is listening. */
    public boolean isListening() {
        return boundAddress != null;
    }

    @Override
    protected void doStart() {
        SctpServerSocket server = null;
        try {
            server = SctpServerSocket.open(getNetwork(), localAddress);
            applyOptions(server);
            server.subscribe(SUBSCRIBED.toArray(NotificationType[]::new));
            server.bind(localAddress, backlog);
            SctpAddress bound = server.localAddress();
            synchronized (this) {
                serverSocket = server;
                boundAddress = bound;
            }
            SctpServerSocket listening = server;
            // a thread of its own, like the readers: it blocks for the factory's whole life
            readerThreads().newThread(() -> acceptLoop(listening, bound)).start();
            logger.info(() -> "Factory '" + getComponentName() + "' listening on " + bound);
            publish(new SctpServerListeningEvent(this, getComponentName(), bound));
        } catch (IOException e) {
            if (server != null) {
                server.close();
            }
            throw new UncheckedIOException("Factory '" + getComponentName() + "' cannot listen on " + localAddress
                    + ": " + e.getMessage(), e);
        }
    }

    private void acceptLoop(SctpServerSocket server, SctpAddress bound) {
        Throwable failure = null;
        while (isRunning() && !server.isClosed()) {
            SctpSocket socket;
            try {
                socket = server.accept();
            } catch (IOException | RuntimeException e) {
                if (!isRunning() || server.isClosed()) {
                    break;
                }
                logger.error(e, () -> "Factory '" + getComponentName() + "' failed to accept; retrying");
                if (!pause()) {
                    failure = e;
                    break;
                }
                continue;
            }
            accepted(socket);
        }
        if (failure != null) {
            forget(server);
            server.close();
        }
        logger.info(() -> "Factory '" + getComponentName() + "' stopped listening on " + bound);
        publish(new SctpServerStoppedEvent(this, getComponentName(), bound, failure));
    }

    private boolean pause() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void accepted(SctpSocket socket) {
        SctpAddress peer = remoteOf(socket);
        ListenerAdmission.Refusal refusal = ListenerAdmission.check(this, peer);
        if (refusal != null) {
            // aborted before a reader exists: nothing the peer sent is read, buffered here or delivered
            abortQuietly(socket);
            callbacks().rejected(peer, null, refusal.reason(),
                    new SctpAssociationException(null, refusal.message(), null));
            return;
        }
        try {
            getSocketSupport().postProcessSocket(socket);
            register(new SctpAssociation(this, socket, true));
        } catch (IOException | RuntimeException e) {
            abortQuietly(socket);
            logger.error(e, () -> "Factory '" + getComponentName() + "' could not set up an association from " + peer);
            publish(new SctpAssociationFailedEvent(this, getComponentName(), peer, null, e));
        }
    }

    private static @Nullable SctpAddress remoteOf(SctpSocket socket) {
        try {
            return socket.remoteAddress();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void abortQuietly(SctpSocket socket) {
        try {
            socket.abort();
        } catch (IOException | RuntimeException e) {
            socket.close();
        }
    }

    @Override
    protected void doStop() {
        SctpServerSocket server = serverSocket;
        if (server != null) {
            // cleared here, not by the accept loop: isListening() is false once stop() returns, and a loop that
            // ends after a quick restart must not clear the new listener's address
            forget(server);
            server.close();
        }
    }

    /** Clears the listening state if it still belongs to {@code server}. */
    private synchronized void forget(SctpServerSocket server) {
        if (serverSocket == server) {
            serverSocket = null;
            boundAddress = null;
        }
    }

    @Override
    public String getComponentType() {
        return "sctp:server-association-factory";
    }
}
