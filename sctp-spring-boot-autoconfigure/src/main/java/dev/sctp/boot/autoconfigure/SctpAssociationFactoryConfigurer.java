package dev.sctp.boot.autoconfigure;

import dev.sctp.AssociationParameters;
import dev.sctp.InitOptions;
import dev.sctp.PeerAddressParameters;
import dev.sctp.RtoInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpOptions;
import dev.sctp.SctpServerSocket;
import dev.sctp.SctpSocket;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.connection.SctpSocketSupport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.unit.DataSize;

/**
 * Creates and configures SCTP association factories from {@link SctpListenerProperties} and
 * {@link SctpClientProperties}, then applies the {@link SctpAssociationFactoryCustomizer}s. An application that
 * defines its own factory bean can use it to apply the same properties.
 */
public final class SctpAssociationFactoryConfigurer {

    private final Duration defaultShutdownTimeout;
    private final List<SctpAssociationFactoryCustomizer<?>> customizers;
    private final @Nullable Executor taskExecutor;

    /**
     * Creates a configurer whose factories make their own delivery executor.
     *
     * @param defaultShutdownTimeout the shutdown timeout of endpoints that set none
     * @param customizers the customizers to apply, in order
     */
    public SctpAssociationFactoryConfigurer(Duration defaultShutdownTimeout,
            List<? extends SctpAssociationFactoryCustomizer<?>> customizers) {
        this(defaultShutdownTimeout, customizers, null);
    }

    /**
     * Creates a configurer.
     *
     * @param defaultShutdownTimeout the shutdown timeout of endpoints that set none
     * @param customizers the customizers to apply, in order
     * @param taskExecutor the executor of the factories' deliveries, such as Boot's virtual-thread
     *        {@code applicationTaskExecutor}; {@code null} lets each factory make its own
     */
    public SctpAssociationFactoryConfigurer(Duration defaultShutdownTimeout,
            List<? extends SctpAssociationFactoryCustomizer<?>> customizers, @Nullable Executor taskExecutor) {
        this.defaultShutdownTimeout = defaultShutdownTimeout;
        this.customizers = List.copyOf(customizers);
        this.taskExecutor = taskExecutor;
    }

    /**
     * Returns the shutdown timeout that fits into a lifecycle phase of {@code phaseTimeout}: a tenth (at most one
     * second) less, so that associations still open are aborted before the phase times out.
     *
     * @param phaseTimeout {@code spring.lifecycle.timeout-per-shutdown-phase}
     * @return the shutdown timeout
     */
    public static Duration shutdownTimeoutWithin(Duration phaseTimeout) {
        Duration margin = phaseTimeout.dividedBy(10);
        return phaseTimeout.minus(margin.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : margin);
    }

    /** Returns the shutdown timeout of endpoints that set none. */
    public Duration getDefaultShutdownTimeout() {
        return defaultShutdownTimeout;
    }

    /**
     * Creates the server factory of a listener, configured and customized. Its received messages carry the
     * listener's outbound channel as {@code replyChannel} header, so a handler without an output channel answers
     * on the association and stream of the request.
     *
     * @param name the listener's name
     * @param listener its properties
     * @return the factory
     */
    public SctpServerAssociationFactory createListener(String name, SctpListenerProperties listener) {
        SctpServerAssociationFactory factory = new SctpServerAssociationFactory(listener.address());
        configureListener(factory, listener);
        factory.setHeaderMapper(new SctpReplyChannelHeaderMapper(
                SctpEndpointNames.outboundChannel(name, listener, true)));
        customize(name, factory);
        return factory;
    }

    /**
     * Creates the client factory of a client, configured and customized. Its received messages carry the client's
     * outbound channel as {@code replyChannel} header.
     *
     * @param name the client's name
     * @param client its properties
     * @return the factory
     */
    public SctpClientAssociationFactory createClient(String name, SctpClientProperties client) {
        List<SctpAddress> peers = new ArrayList<>();
        peers.add(client.address());
        for (SctpHostAddress failover : client.getFailoverAddresses()) {
            if (failover != null) {
                peers.add(failover.resolve(client.getNetwork()));
            }
        }
        SctpClientAssociationFactory factory = new SctpClientAssociationFactory(peers);
        configureClient(factory, client);
        factory.setHeaderMapper(new SctpReplyChannelHeaderMapper(
                SctpEndpointNames.outboundChannel(name, client, false)));
        customize(name, factory);
        return factory;
    }

    /**
     * Applies a listener's properties to a server factory (the addresses excepted, which the factory is built with).
     *
     * @param factory the factory
     * @param listener the properties
     */
    public void configureListener(SctpServerAssociationFactory factory, SctpListenerProperties listener) {
        configure(factory, listener, listener.getCookieLife());
        factory.setBacklog(listener.getBacklog());
        Integer maxAssociations = listener.getMaxAssociations();
        if (maxAssociations != null) {
            factory.setMaxAssociations(maxAssociations);
        }
        Integer maxPerPeer = listener.getMaxAssociationsPerPeer();
        if (maxPerPeer != null) {
            factory.setMaxAssociationsPerPeer(maxPerPeer);
        }
        factory.setAllowedPeers(listener.getAllowedPeers());
    }

    /**
     * Applies a client's properties to a client factory (the peers excepted, which the factory is built with).
     *
     * @param factory the factory
     * @param client the properties
     */
    public void configureClient(SctpClientAssociationFactory factory, SctpClientProperties client) {
        configure(factory, client, null);
        SctpHostAddress local = client.getLocalAddresses();
        if (local != null) {
            factory.setLocalAddress(local.resolve(client.getNetwork()));
        }
        factory.setConnectTimeout(client.getConnectTimeout());
        factory.setConnectOnStart(client.isConnectOnStart());
        SctpClientProperties.Reconnect reconnect = client.getReconnect();
        factory.setReconnect(reconnect.isEnabled());
        Long maxAttempts = reconnect.getMaxAttempts();
        factory.setReconnectPolicy(RetryPolicy.builder()
                .delay(reconnect.getInitialDelay())
                .multiplier(reconnect.getMultiplier())
                .maxDelay(reconnect.getMaxDelay())
                .jitter(reconnect.getJitter())
                .maxRetries(maxAttempts != null ? maxAttempts : Long.MAX_VALUE)
                .build());
    }

    /**
     * Applies the settings every factory shares.
     *
     * @param factory the factory
     * @param endpoint the properties
     */
    public void configure(AbstractSctpAssociationFactory factory, SctpEndpointProperties endpoint) {
        configure(factory, endpoint, null);
    }

    private void configure(AbstractSctpAssociationFactory factory, SctpEndpointProperties endpoint,
            @Nullable Duration cookieLife) {
        factory.setAutoStartup(endpoint.isAutoStartup());
        if (taskExecutor != null) {
            factory.setTaskExecutor(taskExecutor);
        }
        factory.setNetwork(endpoint.getNetwork());
        initOptions(factory, endpoint);
        SctpEndpointProperties.Rto rto = endpoint.getRto();
        if (rto.getInitial() != null || rto.getMin() != null || rto.getMax() != null) {
            factory.setOption(SctpOptions.RTO_INFO,
                    new RtoInfo(orZero(rto.getInitial()), orZero(rto.getMin()), orZero(rto.getMax())));
        }
        Integer maxRetransmissions = endpoint.getMaxRetransmissions();
        if (maxRetransmissions != null || cookieLife != null) {
            factory.setOption(SctpOptions.ASSOC_INFO, AssociationParameters.of(
                    maxRetransmissions != null ? maxRetransmissions : 0, orZero(cookieLife)));
        }
        peerAddressParameters(factory, endpoint);
        bytes(endpoint.getSendBufferSize(), factory::setSoSendBufferSize);
        bytes(endpoint.getReceiveBufferSize(), factory::setSoReceiveBufferSize);
        factory.setNoDelay(endpoint.isNodelay());
        Duration linger = endpoint.getLinger();
        if (linger != null) {
            factory.setSoLinger((int) linger.getSeconds());
        }
        factory.setMaxMessageSize((int) endpoint.getMaxMessageSize().toBytes());
        DataSize partial = endpoint.getMaxPartialMessageBytes();
        if (partial != null) {
            factory.setMaxPartialMessageBytes(partial.toBytes());
        }
        factory.setMaxInFlightSends(endpoint.getMaxInFlightSends());
        factory.setMaxPendingDeliveries(endpoint.getMaxPendingDeliveries());
        factory.setSendTimeout(endpoint.getSendTimeout());
        factory.setIdleTimeout(endpoint.getIdleTimeout());
        Duration shutdown = endpoint.getShutdownTimeout();
        factory.setShutdownTimeout(shutdown != null ? shutdown : defaultShutdownTimeout);
    }

    private static void initOptions(AbstractSctpAssociationFactory factory, SctpEndpointProperties endpoint) {
        SctpEndpointProperties.Streams streams = endpoint.getStreams();
        SctpEndpointProperties.Init init = endpoint.getInit();
        if (streams.getOutbound() != null || streams.getInbound() != null || init.getMaxAttempts() != null
                || init.getMaxTimeout() != null) {
            factory.setInitOptions(new InitOptions(orZero(streams.getOutbound()), orZero(streams.getInbound()),
                    orZero(init.getMaxAttempts()), orZero(init.getMaxTimeout())));
        }
    }

    // SCTP_PEER_ADDR_PARAMS is written whole: only a read-modify-write of each socket's current values changes just
    // the configured fields and keeps the kernel's defaults (sysctl net.sctp.*) for the others.
    private static void peerAddressParameters(AbstractSctpAssociationFactory factory, SctpEndpointProperties e) {
        SctpEndpointProperties.Heartbeat heartbeat = e.getHeartbeat();
        if (heartbeat.getEnabled() == null && heartbeat.getInterval() == null && e.getPathMaxRetransmissions() == null
                && e.getSackDelay() == null) {
            return;
        }
        factory.setSocketSupport(new PathParameters(heartbeat.getEnabled(), heartbeat.getInterval(),
                e.getPathMaxRetransmissions(), e.getSackDelay()));
    }

    /** Changes the configured path parameters of listeners, client sockets and accepted associations. */
    record PathParameters(@Nullable Boolean heartbeatEnabled, @Nullable Duration heartbeatInterval,
            @Nullable Integer pathMaxRetransmissions, @Nullable Duration sackDelay) implements SctpSocketSupport {

        @Override
        public void postProcessServerSocket(SctpServerSocket serverSocket) throws IOException {
            serverSocket.setOption(SctpOptions.PEER_ADDR_PARAMS,
                    apply(serverSocket.getOption(SctpOptions.PEER_ADDR_PARAMS)));
        }

        @Override
        public void postProcessSocket(SctpSocket socket) throws IOException {
            socket.setPeerAddressParameters(apply(socket.getPeerAddressParameters(null)));
        }

        /** Returns {@code current} with the configured fields changed. */
        PeerAddressParameters apply(PeerAddressParameters current) {
            PeerAddressParameters p = current;
            if (heartbeatEnabled != null) {
                p = p.withHeartbeatEnabled(heartbeatEnabled);
            }
            if (heartbeatInterval != null) {
                p = p.withHeartbeatInterval(heartbeatInterval);
            }
            if (pathMaxRetransmissions != null) {
                p = p.withPathMaxRetransmissions(pathMaxRetransmissions);
            }
            if (sackDelay != null) {
                p = p.withSackDelay(sackDelay);
            }
            return p;
        }
    }

    // As Boot applies WebServerFactoryCustomizers: a customizer whose type argument does not fit the factory is
    // skipped, also when it is a lambda, whose type argument is known only by the ClassCastException of its call.
    @SuppressWarnings("unchecked")
    private void customize(String name, AbstractSctpAssociationFactory factory) {
        LambdaSafe.callbacks(SctpAssociationFactoryCustomizer.class, customizers, factory)
                .withLogger(SctpAssociationFactoryConfigurer.class)
                .invoke(customizer -> customizer.customize(name, factory));
    }

    private static void bytes(@Nullable DataSize size, java.util.function.IntConsumer setter) {
        if (size != null) {
            setter.accept((int) size.toBytes());
        }
    }

    private static int orZero(@Nullable Integer value) {
        return value != null ? value : 0;
    }

    private static Duration orZero(@Nullable Duration value) {
        return value != null ? value : Duration.ZERO;
    }

}
