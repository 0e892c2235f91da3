package dev.sctp.boot.autoconfigure;

import dev.sctp.SctpAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Settings of one SCTP client: a client association factory that keeps one association with its peer (failing over
 * along further peers and reconnecting with backoff), an outbound channel adapter that sends the messages of the
 * client's outbound channel, and an inbound channel adapter that sends what the peer sends to the inbound channel.
 */
public class SctpClientProperties extends SctpEndpointProperties {

    /**
     * Peer's addresses and port, as host1/host2/...:port (multi-homed, connected with sctp_connectx), or a list of
     * hosts with port.
     */
    private List<@Nullable SctpHostAddress> addresses = new ArrayList<>();

    /** Peer's port when addresses is a list of hosts without a port. */
    private @Nullable Integer port;

    /**
     * How the client is used: one-way sends what reaches its outbound channel and passes what the peer sends to its
     * inbound channel; request-reply sends each message of the outbound channel as a request and returns the
     * peer's answer on the same stream as the reply (for a @MessagingGateway method that returns it).
     */
    private Mode mode = Mode.ONE_WAY;

    /** In request-reply mode, how long a request waits for its answer. */
    private Duration replyTimeout = Duration.ofSeconds(10);

    /** Further peers, each host1/host2/...:port, tried in order when the peer cannot be reached. */
    private List<@Nullable SctpHostAddress> failoverAddresses = new ArrayList<>();

    /** Local addresses (and port, 0 for any) to bind before connecting, as host1/host2/...:port. */
    private @Nullable SctpHostAddress localAddresses;

    /** How long one connect attempt may take, until the association is up. */
    private Duration connectTimeout = Duration.ofSeconds(30);

    /** Whether the client connects when it starts, rather than on the first send. */
    private boolean connectOnStart = true;

    /** Reconnecting after the association is lost or a connect attempt fails. */
    @NestedConfigurationProperty
    private final Reconnect reconnect = new Reconnect();

    public List<@Nullable SctpHostAddress> getAddresses() {
        return addresses;
    }

    public void setAddresses(List<@Nullable SctpHostAddress> addresses) {
        this.addresses = addresses;
    }

    public @Nullable Integer getPort() {
        return port;
    }

    public void setPort(@Nullable Integer port) {
        this.port = port;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public Duration getReplyTimeout() {
        return replyTimeout;
    }

    public void setReplyTimeout(Duration replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    @Override
    public SctpAddress address() {
        return SctpAddresses.resolve(getNetwork(), addresses, port);
    }

    public List<@Nullable SctpHostAddress> getFailoverAddresses() {
        return failoverAddresses;
    }

    public void setFailoverAddresses(List<@Nullable SctpHostAddress> failoverAddresses) {
        this.failoverAddresses = failoverAddresses;
    }

    public @Nullable SctpHostAddress getLocalAddresses() {
        return localAddresses;
    }

    public void setLocalAddresses(@Nullable SctpHostAddress localAddresses) {
        this.localAddresses = localAddresses;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public boolean isConnectOnStart() {
        return connectOnStart;
    }

    public void setConnectOnStart(boolean connectOnStart) {
        this.connectOnStart = connectOnStart;
    }

    public Reconnect getReconnect() {
        return reconnect;
    }

    /** How a client is used. */
    public enum Mode {
        /** Sends the outbound channel's messages; what the peer sends goes to the inbound channel. */
        ONE_WAY,
        /**
         * An outbound gateway: each message of the outbound channel is a request whose reply is the peer's next
         * message on the same stream; other messages of the peer go to the inbound channel.
         */
        REQUEST_REPLY
    }

    /** Reconnect backoff: exponential, with jitter, up to a maximum delay. */
    public static class Reconnect {

        /** Whether a lost association is reconnected in the background. */
        private boolean enabled = true;

        /** Delay before the first reconnect attempt. */
        private Duration initialDelay = Duration.ofMillis(100);

        /** Factor applied to the delay after each failed attempt, at least 1. */
        private double multiplier = 2.0;

        /** Longest delay between attempts. */
        private Duration maxDelay = Duration.ofSeconds(30);

        /** Random variation added to or taken from each delay. */
        private Duration jitter = Duration.ofMillis(50);

        /** Most attempts in a row before giving up. Unset retries forever. */
        private @Nullable Long maxAttempts;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        public Duration getJitter() {
            return jitter;
        }

        public void setJitter(Duration jitter) {
            this.jitter = jitter;
        }

        public @Nullable Long getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(@Nullable Long maxAttempts) {
            this.maxAttempts = maxAttempts;
        }
    }
}
