package dev.sctp.integration.connection;

import dev.sctp.SctpNetwork;
import dev.sctp.integration.support.SctpHeaderMapper;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The settings half of every SCTP association factory: the limits and timeouts of its associations, and what runs
 * them (executor, header mapper, interceptors, observations); what each socket gets is {@link SocketSettings}. Not a
 * type of its own for users: its setters are the factories' ({@link AbstractSctpAssociationFactory} is the public
 * base class). Set them before the factory starts.
 */
abstract class AssociationFactorySettings extends SocketSettings {

    /** The default maximum message size: 64 KiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;

    /**
     * Unless set, {@code maxPartialMessageBytes} is this many times {@code maxMessageSize}: room for a few messages
     * of the largest size interleaved at once, as a peer's round-robin scheduler sends them over I-DATA.
     */
    public static final int DEFAULT_PARTIAL_MESSAGES = 4;

    private SctpNetwork network = SctpNetwork.SCTP;
    private @Nullable Executor taskExecutor;
    private SctpHeaderMapper headerMapper = new SctpHeaderMapper();
    private int maxAssociations = Integer.MAX_VALUE;
    private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    /** 0: unset, {@link #DEFAULT_PARTIAL_MESSAGES} times the maximum message size. */
    private long maxPartialMessageBytes;
    private int readBufferSize = DEFAULT_MAX_MESSAGE_SIZE;
    private int maxInFlightSends = 64;
    private int maxPendingDeliveries = 64;
    private Duration sendTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ZERO;
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private @Nullable SctpAssociationInterceptorFactoryChain interceptorFactoryChain;
    private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

    /**
     * Sets the interceptors each new association gets, for handshakes and auditing; none by default.
     *
     * @param interceptorFactoryChain the chain, or {@code null} for none
     */
    public void setInterceptorFactoryChain(@Nullable SctpAssociationInterceptorFactoryChain interceptorFactoryChain) {
        this.interceptorFactoryChain = interceptorFactoryChain;
    }

    /**
     * Sets the registry of the associations' observations: each association's life, from COMM_UP to its end, is an
     * Observation named {@code sctp.association} with the low-cardinality keys {@code factory},
     * {@code role} ({@code server} or {@code client}) and, at the end, {@code reason}; with Micrometer's meter
     * handler that is a long task timer while associations are open and a timer of their durations. Default
     * {@link ObservationRegistry#NOOP}: none.
     *
     * @param observationRegistry the registry
     */
    public void setObservationRegistry(ObservationRegistry observationRegistry) {
        this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
    }

    /** Returns the registry of the associations' observations. */
    public ObservationRegistry getObservationRegistry() {
        return observationRegistry;
    }

    /** Returns the interceptor chain, if any. */
    public @Nullable SctpAssociationInterceptorFactoryChain getInterceptorFactoryChain() {
        return interceptorFactoryChain;
    }

    /**
     * Sets the address family of the sockets; default {@link SctpNetwork#SCTP} (dual stack as needed).
     *
     * @param network the network
     */
    public void setNetwork(SctpNetwork network) {
        this.network = network;
    }

    /** Returns the network of the sockets. */
    public SctpNetwork getNetwork() {
        return network;
    }

    /**
     * Sets the executor for readers, deliveries and accepting; by default the factory creates a cached pool.
     *
     * @param taskExecutor the executor; virtual threads work
     */
    public void setTaskExecutor(@Nullable Executor taskExecutor) {
        this.taskExecutor = taskExecutor;
    }

    /** Returns the executor set, or {@code null} for the factory's own. */
    public @Nullable Executor getTaskExecutor() {
        return taskExecutor;
    }

    /**
     * Sets the mapper between SCTP metadata and headers.
     *
     * @param headerMapper the mapper
     */
    public void setHeaderMapper(SctpHeaderMapper headerMapper) {
        this.headerMapper = headerMapper;
    }

    /** Returns the header mapper. */
    public SctpHeaderMapper getHeaderMapper() {
        return headerMapper;
    }

    /**
     * Sets the most associations open at once; a server aborts associations beyond it. Default unlimited.
     *
     * @param maxAssociations the limit, at least 1
     */
    public void setMaxAssociations(int maxAssociations) {
        this.maxAssociations = positive("maxAssociations", maxAssociations);
    }

    /** Returns the most associations open at once. */
    public int getMaxAssociations() {
        return maxAssociations;
    }

    /**
     * Sets the largest message sent or received, in bytes; default 64 KiB. Larger received messages are discarded
     * with an error naming the limit; larger sends fail.
     *
     * @param maxMessageSize the limit, at least 1
     */
    public void setMaxMessageSize(int maxMessageSize) {
        this.maxMessageSize = positive("maxMessageSize", maxMessageSize);
    }

    /** Returns the largest message size. */
    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Sets the most bytes of unfinished messages one association keeps at once, over all its streams. Only messages
     * read in parts count; they are kept until their last part, and with fragment interleaving and I-DATA
     * (RFC 8260) the kernel hands over parts of messages of many streams in turn, so {@code maxMessageSize} alone
     * would let a peer make the association hold nearly that much on each of up to 65,535 streams. Beyond this
     * limit the association is aborted with an error naming it, and what it kept is dropped. Default
     * {@value #DEFAULT_PARTIAL_MESSAGES} times {@code maxMessageSize}; at least {@code maxMessageSize}, else a
     * message of the largest size could not be put together (checked when the factory starts).
     *
     * @param maxPartialMessageBytes the limit, at least 1
     */
    public void setMaxPartialMessageBytes(long maxPartialMessageBytes) {
        if (maxPartialMessageBytes < 1) {
            throw new IllegalArgumentException("maxPartialMessageBytes must be at least 1, not "
                    + maxPartialMessageBytes);
        }
        this.maxPartialMessageBytes = maxPartialMessageBytes;
    }

    /**
     * Returns the most bytes of unfinished messages one association keeps: as set, else
     * {@value #DEFAULT_PARTIAL_MESSAGES} times {@code maxMessageSize}.
     */
    public long getMaxPartialMessageBytes() {
        return maxPartialMessageBytes > 0 ? maxPartialMessageBytes
                : (long) DEFAULT_PARTIAL_MESSAGES * maxMessageSize;
    }

    /** Fails if the settings contradict each other; called as the factory starts. */
    void checkSettings() {
        if (maxPartialMessageBytes > 0 && maxPartialMessageBytes < maxMessageSize) {
            throw new IllegalStateException("Factory '" + getComponentName() + "' has maxPartialMessageBytes "
                    + maxPartialMessageBytes + ", below its maxMessageSize " + maxMessageSize + ": a message of"
                    + " the largest size read in parts could never be put together. Set maxPartialMessageBytes to at"
                    + " least maxMessageSize, or leave it unset (" + DEFAULT_PARTIAL_MESSAGES
                    + " x maxMessageSize)");
        }
    }

    /**
     * Sets the most an association reads in one call, in this process; larger messages are read in parts and
     * reassembled. Default 64 KiB. Each association reads into a 4 KiB array while its messages fit, and into one of
     * this size only while a longer message is read, so an idle association holds 4 KiB, not this size. Not the
     * kernel's receive buffer: that is {@link #setSoReceiveBufferSize}.
     *
     * @param readBufferSize the buffer size, at least 1
     */
    public void setReadBufferSize(int readBufferSize) {
        this.readBufferSize = positive("readBufferSize", readBufferSize);
    }

    /** Returns the most an association reads in one call. */
    public int getReadBufferSize() {
        return readBufferSize;
    }

    /**
     * Sets the read buffer's size.
     *
     * @param receiveBufferSize the buffer size
     * @deprecated the name suggests SO_RCVBUF: use {@link #setReadBufferSize} (this buffer) or
     *     {@link #setSoReceiveBufferSize} (the kernel's)
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public void setReceiveBufferSize(int receiveBufferSize) {
        setReadBufferSize(receiveBufferSize);
    }

    /**
     * Returns the read buffer's size.
     *
     * @return the size
     * @deprecated use {@link #getReadBufferSize}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public int getReceiveBufferSize() {
        return getReadBufferSize();
    }

    /**
     * Sets the most sends in flight on one association at once; further senders wait up to the send timeout.
     * Default 64.
     *
     * @param maxInFlightSends the limit, at least 1
     */
    public void setMaxInFlightSends(int maxInFlightSends) {
        this.maxInFlightSends = positive("maxInFlightSends", maxInFlightSends);
    }

    /** Returns the most sends in flight per association. */
    public int getMaxInFlightSends() {
        return maxInFlightSends;
    }

    /**
     * Sets the most received messages of one association that wait for or are in delivery; when reached, the reader
     * stops reading and the kernel's window throttles the peer. Default 64.
     *
     * @param maxPendingDeliveries the limit, at least 1
     */
    public void setMaxPendingDeliveries(int maxPendingDeliveries) {
        this.maxPendingDeliveries = positive("maxPendingDeliveries", maxPendingDeliveries);
    }

    /** Returns the most pending deliveries per association. */
    public int getMaxPendingDeliveries() {
        return maxPendingDeliveries;
    }

    /**
     * Sets how long a send may wait for an in-flight slot and for room in the send buffer; zero waits forever.
     * Default 10 seconds.
     *
     * @param sendTimeout the timeout
     */
    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = nonNegative("sendTimeout", sendTimeout);
    }

    /** Returns the send timeout. */
    public Duration getSendTimeout() {
        return sendTimeout;
    }

    /**
     * Sets how long an association may see no message before an idle event is published; zero (the default) turns
     * idle detection off.
     *
     * @param idleTimeout the idle timeout
     */
    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = nonNegative("idleTimeout", idleTimeout);
    }

    /** Returns the idle timeout; zero when off. */
    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    /**
     * Sets how long stopping waits for associations to shut down gracefully before aborting them. Default 10 s.
     *
     * @param shutdownTimeout the timeout
     */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = nonNegative("shutdownTimeout", shutdownTimeout);
    }

    /** Returns the shutdown timeout. */
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
        return value;
    }

    private static Duration nonNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, not " + value);
        }
        return value;
    }
}
