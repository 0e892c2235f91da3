package dev.sctp.boot.autoconfigure;

import dev.sctp.SctpAddress;
import dev.sctp.SctpNetwork;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Settings shared by SCTP listeners and clients: socket options of sctp-core, limits and timeouts of the association
 * factory, defaults for sending, payload conversion and channel names. Unset options keep the kernel's defaults.
 *
 * @see SctpListenerProperties
 * @see SctpClientProperties
 */
public abstract class SctpEndpointProperties {

    /** Whether the listener or client starts with the application. */
    private boolean autoStartup = true;

    /** Address family of the sockets: sctp (IPv4 or IPv6 as the addresses need), sctp4 or sctp6. */
    private SctpNetwork network = SctpNetwork.SCTP;

    /** Streams asked for and accepted in INIT (SCTP_INITMSG). */
    @NestedConfigurationProperty
    private final Streams streams = new Streams();

    /** INIT retransmission of new associations (SCTP_INITMSG). */
    @NestedConfigurationProperty
    private final Init init = new Init();

    /** Retransmission timeout bounds (SCTP_RTOINFO). */
    @NestedConfigurationProperty
    private final Rto rto = new Rto();

    /** Heartbeats on idle paths (SCTP_PEER_ADDR_PARAMS). */
    @NestedConfigurationProperty
    private final Heartbeat heartbeat = new Heartbeat();

    /** Defaults for messages sent without SCTP headers. */
    @NestedConfigurationProperty
    private final Send send = new Send();

    /** Retransmissions of one message before the association is declared unreachable (SCTP_ASSOCINFO). */
    private @Nullable Integer maxRetransmissions;

    /** Retransmissions on one path before the path is marked inactive (SCTP_PEER_ADDR_PARAMS). */
    private @Nullable Integer pathMaxRetransmissions;

    /** Delay before a received DATA chunk is acknowledged, at most 500ms (SCTP_PEER_ADDR_PARAMS). */
    private @Nullable Duration sackDelay;

    /** Kernel send buffer of each socket (SO_SNDBUF). */
    private @Nullable DataSize sendBufferSize;

    /** Kernel receive buffer of each socket (SO_RCVBUF). */
    private @Nullable DataSize receiveBufferSize;

    /** Whether small messages are sent at once instead of being bundled (SCTP_NODELAY). */
    private boolean nodelay = true;

    /**
     * How long closing a socket waits for SHUTDOWN to complete, in whole seconds (SO_LINGER). Zero makes close send
     * ABORT; unset leaves lingering off.
     */
    private @Nullable Duration linger;

    /** Largest message sent or received; larger received messages are discarded with an error. */
    private DataSize maxMessageSize = DataSize.ofKilobytes(64);

    /**
     * Most bytes of unfinished messages one association keeps at once, over all its streams (messages read in parts,
     * which I-DATA interleaves on many streams); beyond it the association is aborted. At least max-message-size;
     * unset is 4 times max-message-size.
     */
    private @Nullable DataSize maxPartialMessageBytes;

    /** Most sends waiting in the kernel at once on one association; further senders wait up to the send timeout. */
    private int maxInFlightSends = 64;

    /** Most received messages of one association waiting for delivery before reading pauses. */
    private int maxPendingDeliveries = 64;

    /** How long a send may wait for a slot and for room in the send buffer; zero waits forever. */
    private Duration sendTimeout = Duration.ofSeconds(10);

    /** How long an association may see no message before an idle event is published; zero turns it off. */
    private Duration idleTimeout = Duration.ZERO;

    /**
     * How long stopping waits for associations to complete SHUTDOWN before aborting them. Unset follows
     * spring.lifecycle.timeout-per-shutdown-phase, less a margin so the aborts happen within that phase.
     */
    private @Nullable Duration shutdownTimeout;

    /** Payload type of received messages: bytes (byte[]) or string (decoded with the charset). */
    private PayloadType payloadType = PayloadType.BYTES;

    /** Charset that decodes string payloads and encodes String payloads being sent. */
    private Charset charset = StandardCharsets.UTF_8;

    /** Name of the channel received messages are sent to. Unset uses the listener's or client's default name. */
    private @Nullable String inboundChannel;

    /** Name of the channel whose messages are sent over SCTP. Unset uses the listener's or client's default name. */
    private @Nullable String outboundChannel;

    /**
     * Name of the channel that gets an ErrorMessage when handling a received message fails. The ErrorMessage carries
     * the failed message's headers, so a handler's return value goes back on the same association and stream. Unset
     * logs the failure.
     */
    private @Nullable String errorChannel;

    public boolean isAutoStartup() {
        return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public SctpNetwork getNetwork() {
        return network;
    }

    public void setNetwork(SctpNetwork network) {
        this.network = network;
    }

    public Streams getStreams() {
        return streams;
    }

    public Init getInit() {
        return init;
    }

    public Rto getRto() {
        return rto;
    }

    public Heartbeat getHeartbeat() {
        return heartbeat;
    }

    public Send getSend() {
        return send;
    }

    public @Nullable Integer getMaxRetransmissions() {
        return maxRetransmissions;
    }

    public void setMaxRetransmissions(@Nullable Integer maxRetransmissions) {
        this.maxRetransmissions = maxRetransmissions;
    }

    public @Nullable Integer getPathMaxRetransmissions() {
        return pathMaxRetransmissions;
    }

    public void setPathMaxRetransmissions(@Nullable Integer pathMaxRetransmissions) {
        this.pathMaxRetransmissions = pathMaxRetransmissions;
    }

    public @Nullable Duration getSackDelay() {
        return sackDelay;
    }

    public void setSackDelay(@Nullable Duration sackDelay) {
        this.sackDelay = sackDelay;
    }

    public @Nullable DataSize getSendBufferSize() {
        return sendBufferSize;
    }

    public void setSendBufferSize(@Nullable DataSize sendBufferSize) {
        this.sendBufferSize = sendBufferSize;
    }

    public @Nullable DataSize getReceiveBufferSize() {
        return receiveBufferSize;
    }

    public void setReceiveBufferSize(@Nullable DataSize receiveBufferSize) {
        this.receiveBufferSize = receiveBufferSize;
    }

    public boolean isNodelay() {
        return nodelay;
    }

    public void setNodelay(boolean nodelay) {
        this.nodelay = nodelay;
    }

    public @Nullable Duration getLinger() {
        return linger;
    }

    public void setLinger(@Nullable Duration linger) {
        this.linger = linger;
    }

    public DataSize getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(DataSize maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public @Nullable DataSize getMaxPartialMessageBytes() {
        return maxPartialMessageBytes;
    }

    public void setMaxPartialMessageBytes(@Nullable DataSize maxPartialMessageBytes) {
        this.maxPartialMessageBytes = maxPartialMessageBytes;
    }

    public int getMaxInFlightSends() {
        return maxInFlightSends;
    }

    public void setMaxInFlightSends(int maxInFlightSends) {
        this.maxInFlightSends = maxInFlightSends;
    }

    public int getMaxPendingDeliveries() {
        return maxPendingDeliveries;
    }

    public void setMaxPendingDeliveries(int maxPendingDeliveries) {
        this.maxPendingDeliveries = maxPendingDeliveries;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public @Nullable Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(@Nullable Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public PayloadType getPayloadType() {
        return payloadType;
    }

    public void setPayloadType(PayloadType payloadType) {
        this.payloadType = payloadType;
    }

    public Charset getCharset() {
        return charset;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    public @Nullable String getInboundChannel() {
        return inboundChannel;
    }

    public void setInboundChannel(@Nullable String inboundChannel) {
        this.inboundChannel = inboundChannel;
    }

    public @Nullable String getOutboundChannel() {
        return outboundChannel;
    }

    public void setOutboundChannel(@Nullable String outboundChannel) {
        this.outboundChannel = outboundChannel;
    }

    public @Nullable String getErrorChannel() {
        return errorChannel;
    }

    public void setErrorChannel(@Nullable String errorChannel) {
        this.errorChannel = errorChannel;
    }

    /**
     * Returns the addresses as sctp-core resolves them, from {@code addresses} and {@code port}.
     *
     * @return the address
     * @throws IllegalArgumentException if they do not describe one address; the message says how to write them
     */
    public abstract SctpAddress address();

    /** Payload type of received messages. */
    public enum PayloadType {
        /** Payloads stay {@code byte[]}. */
        BYTES,
        /** Payloads are decoded to {@code String} with the endpoint's charset. */
        STRING
    }

    /** Streams asked for and accepted in INIT (SCTP_INITMSG). */
    public static class Streams {

        /** Outbound streams to ask for, 1 to 65535; the peer may grant fewer. Unset keeps the kernel's default. */
        private @Nullable Integer outbound;

        /** Most inbound streams to accept, 1 to 65535. Unset keeps the kernel's default. */
        private @Nullable Integer inbound;

        public @Nullable Integer getOutbound() {
            return outbound;
        }

        public void setOutbound(@Nullable Integer outbound) {
            this.outbound = outbound;
        }

        public @Nullable Integer getInbound() {
            return inbound;
        }

        public void setInbound(@Nullable Integer inbound) {
            this.inbound = inbound;
        }
    }

    /** INIT retransmission (SCTP_INITMSG). */
    public static class Init {

        /** INIT retransmissions before giving up, 1 to 65535. Unset keeps the kernel's default. */
        private @Nullable Integer maxAttempts;

        /** Largest RTO while retransmitting INIT, at most 65535ms. Unset keeps the kernel's default. */
        private @Nullable Duration maxTimeout;

        public @Nullable Integer getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(@Nullable Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public @Nullable Duration getMaxTimeout() {
            return maxTimeout;
        }

        public void setMaxTimeout(@Nullable Duration maxTimeout) {
            this.maxTimeout = maxTimeout;
        }
    }

    /** Retransmission timeout bounds (SCTP_RTOINFO), in whole milliseconds. */
    public static class Rto {

        /** RTO before the first round-trip measurement. Unset keeps the kernel's default. */
        private @Nullable Duration initial;

        /** Lower bound of the RTO. Unset keeps the kernel's default. */
        private @Nullable Duration min;

        /** Upper bound of the RTO. Unset keeps the kernel's default. */
        private @Nullable Duration max;

        public @Nullable Duration getInitial() {
            return initial;
        }

        public void setInitial(@Nullable Duration initial) {
            this.initial = initial;
        }

        public @Nullable Duration getMin() {
            return min;
        }

        public void setMin(@Nullable Duration min) {
            this.min = min;
        }

        public @Nullable Duration getMax() {
            return max;
        }

        public void setMax(@Nullable Duration max) {
            this.max = max;
        }
    }

    /** Heartbeats on idle paths (SCTP_PEER_ADDR_PARAMS). */
    public static class Heartbeat {

        /** Whether idle paths are probed with heartbeats. Unset keeps the kernel's default (enabled). */
        private @Nullable Boolean enabled;

        /**
         * Interval between heartbeats, added to the path's RTO; zero sends one every RTO. Unset keeps the kernel's
         * default.
         */
        private @Nullable Duration interval;

        public @Nullable Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable Duration getInterval() {
            return interval;
        }

        public void setInterval(@Nullable Duration interval) {
            this.interval = interval;
        }
    }

    /** Defaults for messages sent without SCTP headers (sctp_streamId, sctp_ppid, sctp_unordered). */
    public static class Send {

        /** Stream of messages without an sctp_streamId header, 0 to 65534. */
        private int stream;

        /** Payload protocol identifier of messages without an sctp_ppid header, 0 to 4294967295. */
        private long ppid;

        /** Whether messages without an sctp_unordered header are sent unordered. */
        private boolean unordered;

        public int getStream() {
            return stream;
        }

        public void setStream(int stream) {
            this.stream = stream;
        }

        public long getPpid() {
            return ppid;
        }

        public void setPpid(long ppid) {
            this.ppid = ppid;
        }

        public boolean isUnordered() {
            return unordered;
        }

        public void setUnordered(boolean unordered) {
            this.unordered = unordered;
        }
    }
}
