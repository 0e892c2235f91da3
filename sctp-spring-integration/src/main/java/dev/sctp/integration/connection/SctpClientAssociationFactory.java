package dev.sctp.integration.connection;

import dev.sctp.SctpAddress;
import dev.sctp.SctpSocket;
import dev.sctp.integration.event.SctpAssociationFailedEvent;
import dev.sctp.notification.NotificationType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOffExecution;

/**
 * A client factory: it keeps one association with a peer, connecting to all of the peer's addresses at once
 * ({@code sctp_connectx}), and fails over along a list of peers.
 *
 * <pre>{@code
 * SctpClientAssociationFactory client = new SctpClientAssociationFactory(
 *         SctpAddress.parse("10.0.0.1/10.0.0.2:3868"), SctpAddress.parse("10.0.1.1/10.0.1.2:3868"));
 * client.setConnectTimeout(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>{@link #getAssociation()} returns the open association or connects: to the peer used last, then to the others
 * in list order, each within the connect timeout. Once started, the factory connects in the background and, when the
 * association is lost (not when this side closes it), reconnects with the exponential backoff and jitter of its
 * {@link RetryPolicy}, until the policy gives up or the factory stops. Path failover between the addresses of one
 * peer is native to SCTP and needs no reconnect.
 *
 * @since 0.1.0
 */
public class SctpClientAssociationFactory extends AbstractSctpAssociationFactory {

    /** The default connect timeout, 30 seconds: the Spring Boot property {@code connect-timeout} defaults to it too. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final List<SctpAddress> peers;
    private final Object connectMonitor = new Object();
    private @Nullable SctpAddress localAddress;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private RetryPolicy reconnectPolicy = RetryPolicy.builder().delay(Duration.ofMillis(100))
            .multiplier(2).maxDelay(Duration.ofSeconds(30)).jitter(Duration.ofMillis(50))
            .maxRetries(Long.MAX_VALUE).build();
    private boolean connectOnStart = true;
    private boolean reconnect = true;
    private volatile @Nullable SctpAssociation current;
    private volatile int currentPeer;
    private volatile @Nullable SctpSocket connecting;
    private Duration failbackInterval = Duration.ZERO;
    private final ClientReconnects reconnects = new ClientReconnects(this, logger);

    /**
     * Creates a factory for one or more peers, tried in order.
     *
     * @param peers the peers' addresses and ports, at least one
     */
    public SctpClientAssociationFactory(SctpAddress... peers) {
        this(List.of(peers));
    }

    /**
     * Creates a factory for a list of peers, tried in order.
     *
     * @param peers the peers' addresses and ports, at least one
     */
    public SctpClientAssociationFactory(List<SctpAddress> peers) {
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("at least one peer address is needed");
        }
        for (SctpAddress peer : peers) {
            if (peer.port() == 0) {
                throw new IllegalArgumentException("peer address " + peer + " has no port");
            }
        }
        this.peers = List.copyOf(peers);
    }

    /** Returns the peers, in failover order. */
    public List<SctpAddress> getPeers() {
        return peers;
    }

    /** Returns the peer of the current (or last) association. */
    public SctpAddress getCurrentPeer() {
        return peers.get(currentPeer);
    }

    /**
     * Sets local addresses to bind before connecting (multi-homing on this side); by default the kernel chooses.
     *
     * @param localAddress the local addresses and port (0 for any)
     */
    public void setLocalAddress(@Nullable SctpAddress localAddress) {
        this.localAddress = localAddress;
    }

    /** Returns the local addresses bound before connecting, or null when the kernel chooses. */
    public @Nullable SctpAddress getLocalAddress() {
        return localAddress;
    }

    /**
     * Sets how long one connect attempt may take, including COMM_UP; default {@link #DEFAULT_CONNECT_TIMEOUT}.
     *
     * @param connectTimeout the timeout, positive
     */
    public void setConnectTimeout(Duration connectTimeout) {
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, not " + connectTimeout);
        }
        this.connectTimeout = connectTimeout;
    }

    /** Returns the connect timeout. */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /**
     * Sets the policy of background (re)connecting: its back-off (by default exponential from 100 ms, doubling up to
     * 30 s, with 50 ms jitter) spaces the attempts, and it decides when to give up (by default never).
     *
     * @param reconnectPolicy the policy
     */
    public void setReconnectPolicy(RetryPolicy reconnectPolicy) {
        this.reconnectPolicy = reconnectPolicy;
    }

    /** Returns the policy of background (re)connecting. */
    public RetryPolicy getReconnectPolicy() {
        return reconnectPolicy;
    }

    /**
     * Sets whether starting the factory connects in the background; default true. Otherwise the first
     * {@link #getAssociation()} connects.
     *
     * @param connectOnStart whether to connect on start
     */
    public void setConnectOnStart(boolean connectOnStart) {
        this.connectOnStart = connectOnStart;
    }

    /** Returns whether starting the factory connects in the background. */
    public boolean isConnectOnStart() {
        return connectOnStart;
    }

    /**
     * Sets whether a lost association is reconnected in the background; default true.
     *
     * @param reconnect whether to reconnect
     */
    public void setReconnect(boolean reconnect) {
        this.reconnect = reconnect;
    }

    /** Returns whether a lost association is reconnected in the background. */
    public boolean isReconnect() {
        return reconnect;
    }

    /**
     * Sets how long the factory stays with a later peer of the list before it tries to go back to the first: once
     * connected elsewhere, every interval it connects to the first peer and, when that succeeds, moves to the new
     * association and shuts the other down gracefully (requests still waiting on it fail). Zero (the default) stays
     * with whichever peer answered.
     *
     * @param failbackInterval the interval, zero for no failback
     */
    public void setFailbackInterval(Duration failbackInterval) {
        if (failbackInterval.isNegative()) {
            throw new IllegalArgumentException("failbackInterval must not be negative, not " + failbackInterval);
        }
        this.failbackInterval = failbackInterval;
    }

    /** Returns the failback interval; zero when off. */
    public Duration getFailbackInterval() {
        return failbackInterval;
    }

    /**
     * Tries to connect at once if there is no open association, for control-bus use; a failure is logged, and the
     * background reconnects carry on as before.
     *
     * @return whether the factory is connected afterwards
     * @throws IllegalStateException if the factory is not running
     */
    public boolean retryConnection() {
        if (!isRunning()) {
            throw new IllegalStateException("Factory '" + getComponentName() + "' is not running: start it before "
                    + "retrying its connection");
        }
        try {
            getAssociation();
            return true;
        } catch (IOException | RuntimeException e) {
            logger.warn(e, () -> "Factory '" + getComponentName() + "' retried its connection: " + e.getMessage());
            return isConnected();
        }
    }

    /** Returns whether the factory has an open association. */
    public boolean isConnected() {
        SctpAssociation association = current;
        return association != null && association.isOpen();
    }

    /**
     * Returns the open association, connecting first if there is none.
     *
     * @return the association, up (COMM_UP seen)
     * @throws SctpAssociationException if no peer could be reached; the message names every peer and its failure
     */
    public SctpAssociation getAssociation() throws IOException {
        SctpAssociation association = current;
        if (association != null && association.isOpen()) {
            return association;
        }
        synchronized (connectMonitor) {
            association = current;
            if (association != null && association.isOpen()) {
                return association;
            }
            if (!isRunning()) {
                throw new SctpAssociationException(null, "Factory '" + getComponentName()
                        + "' is not running: start it before sending", null);
            }
            return connect();
        }
    }

    private SctpAssociation connect() throws IOException {
        List<String> failures = new ArrayList<>();
        IOException first = null;
        int start = currentPeer;
        for (int i = 0; i < peers.size(); i++) {
            if (i > 0 && !isRunning()) {
                failures.add("stopped before the remaining peers were tried");
                break;
            }
            int index = (start + i) % peers.size();
            SctpAddress peer = peers.get(index);
            try {
                SctpAssociation association = connect(peer);
                currentPeer = index;
                current = association;
                if (index != 0) {
                    reconnects.failBackLater();
                }
                return association;
            } catch (IOException e) {
                failures.add(peer + ": " + e.getMessage());
                if (first == null) {
                    first = e;
                }
                callbacks().connectFailed(peer, e);
                publish(new SctpAssociationFailedEvent(this, getComponentName(), peer, null, e));
            }
        }
        throw new SctpAssociationException(null, "Factory '" + getComponentName() + "' could not connect to "
                + (peers.size() == 1 ? "its peer " : "any of its " + peers.size() + " peers ") + failures, first);
    }

    private SctpAssociation connect(SctpAddress peer) throws IOException {
        if (getOpenAssociationCount() >= getMaxAssociations()) {
            throw new SctpAssociationException(null, "The " + getMaxAssociations()
                    + " associations allowed (maxAssociations) are open", null);
        }
        SctpSocket socket = SctpSocket.open(getNetwork(), peer);
        SctpAssociation association = null;
        connecting = socket;
        try {
            if (!isRunning()) { // stop() cleared running before it looked at connecting: one of us sees the other
                throw new SctpAssociationException(null, "Factory '" + getComponentName()
                        + "' stopped before connecting to " + peer, null);
            }
            applyOptions(socket);
            socket.subscribe(SUBSCRIBED.toArray(NotificationType[]::new));
            SctpAddress local = localAddress;
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(peer, connectTimeout);
            association = new SctpAssociation(this, socket, false);
            register(association);
            return association.upFuture().get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(socket, association);
            throw new SctpAssociationException(null, "Interrupted connecting to " + peer, e);
        } catch (ExecutionException | TimeoutException e) {
            close(socket, association);
            throw new SctpAssociationException(null, "No COMM_UP from " + peer + " within " + connectTimeout, e);
        } catch (IOException | RuntimeException e) {
            close(socket, association);
            throw e;
        } finally {
            connecting = null;
        }
    }

    private static void close(SctpSocket socket, @Nullable SctpAssociation association) {
        if (association != null) {
            association.abort();
        } else {
            socket.close();
        }
    }

    /**
     * Connects to the first peer and, if it answers, moves there from the later peer in use; returns false if the
     * first peer did not answer (the failback is tried again later).
     */
    boolean failBack() {
        synchronized (connectMonitor) {
            SctpAssociation old = current;
            if (!isRunning() || currentPeer == 0 || old == null || !old.isOpen()) {
                return true; // stopped, already back, or lost: the reconnect starts from the peer used last
            }
            SctpAddress first = peers.get(0);
            SctpAssociation association;
            try {
                association = connect(first);
            } catch (IOException | RuntimeException e) {
                logger.debug(() -> "Factory '" + getComponentName() + "' cannot fail back to " + first + " yet: "
                        + e.getMessage());
                return false;
            }
            currentPeer = 0;
            current = association;
            logger.info(() -> "Factory '" + getComponentName() + "' failed back to " + first + "; shutting down "
                    + "association " + old.getId() + " with " + old.getRemoteAddress());
            old.shutdown();
            return true;
        }
    }

    @Override
    protected void doStart() {
        if (connectOnStart) {
            reconnects.connect(reconnectPolicy.getBackOff().start(), 0);
        }
    }

    @Override
    protected void doStop() {
        // A connect in progress holds connectMonitor for up to the connect timeout per peer: closing its socket
        // ends it at once, so stopping does not wait for it.
        SctpSocket attempt = connecting;
        if (attempt != null) {
            attempt.close();
        }
        synchronized (connectMonitor) {
            reconnects.cancel();
        }
    }

    @Override
    protected void onAssociationClosed(SctpAssociation association, CloseReason reason) {
        // a close this side asked for (closeAssociation, an idle policy) is not a loss to repair
        if (association == current && reconnect && isRunning() && !association.isCloseRequested()
                && (reason == CloseReason.LOST || reason == CloseReason.FAILED || reason == CloseReason.SHUTDOWN)) {
            logger.info(() -> "Association " + association.getId() + " of factory '" + getComponentName()
                    + "' ended (" + reason + "); reconnecting");
            BackOffExecution backOff = reconnectPolicy.getBackOff().start();
            reconnects.connect(backOff, backOff.nextBackOff());
        }
    }

    @Override
    public String getComponentType() {
        return "sctp:client-association-factory";
    }
}
