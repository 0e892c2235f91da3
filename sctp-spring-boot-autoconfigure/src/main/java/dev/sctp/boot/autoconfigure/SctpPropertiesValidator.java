package dev.sctp.boot.autoconfigure;

import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * Checks bound {@link SctpProperties}: addresses parse (as sctp-core parses them), values fit the kernel's fields,
 * names and outbound channels are unique. Each error names the property (relative to {@code sctp}) and says what is
 * wrong with the value, which the binder reports together with the value and its origin.
 */
final class SctpPropertiesValidator {

    private static final long U16_MAX = 0xffff;
    private static final long U32_MAX = 0xffff_ffffL;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final SctpProperties properties;
    private final Errors errors;

    SctpPropertiesValidator(SctpProperties properties, Errors errors) {
        this.properties = properties;
        this.errors = errors;
    }

    void validate() {
        SctpListenerProperties listen = properties.getListen();
        if (listen.hasAddresses()) {
            listener("listen", listen);
        }
        Map<String, String> names = new HashMap<>();
        Map<String, String> outboundChannels = new HashMap<>();
        for (Map.Entry<String, SctpListenerProperties> e : properties.allListeners().entrySet()) {
            String path = e.getKey().equals(SctpProperties.DEFAULT_LISTENER) && e.getValue() == listen ? "listen"
                    : "listeners[" + e.getKey() + "]";
            if (!path.equals("listen")) {
                name(path, e.getKey(), names);
                if (e.getKey().equals(SctpProperties.DEFAULT_LISTENER)) {
                    reject(path, "the listener name '" + SctpProperties.DEFAULT_LISTENER
                            + "' is reserved: configure the default listener with sctp.listen");
                }
                listener(path, e.getValue());
            }
            channels(path, SctpEndpointNames.outboundChannel(e.getKey(), e.getValue(), true), e.getValue(),
                    outboundChannels);
        }
        for (Map.Entry<String, SctpClientProperties> e : properties.getClients().entrySet()) {
            String path = "clients[" + e.getKey() + "]";
            name(path, e.getKey(), names);
            client(path, e.getValue());
            channels(path, SctpEndpointNames.outboundChannel(e.getKey(), e.getValue(), false), e.getValue(),
                    outboundChannels);
        }
        SctpProperties.Metrics metrics = properties.getMetrics();
        positive("metrics.poll-interval", metrics.getPollInterval());
        range("metrics.max-stream-tags", metrics.getMaxStreamTags(), 1, U16_MAX);
        range("metrics.max-association-tags", metrics.getMaxAssociationTags(), 1, Integer.MAX_VALUE);
        Integer hz = metrics.getKernelHz();
        if (hz != null && (hz < 1 || hz > 100_000)) {
            reject("metrics.kernel-hz", "must be a clock rate in Hz such as 100, 250, 300 or 1000, not " + hz);
        }
    }

    private void name(String path, String name, Map<String, String> names) {
        if (!NAME.matcher(name).matches()) {
            reject(path, "the name '" + name + "' must start with a letter or digit and hold only letters, digits,"
                    + " '_', '.' and '-'");
        }
        String other = names.putIfAbsent(name, path);
        if (other != null) {
            reject(path, "the name '" + name + "' is already used by sctp." + other
                    + ": listeners and clients need distinct names");
        }
    }

    private void channels(String path, String outbound, SctpEndpointProperties endpoint,
            Map<String, String> outboundChannels) {
        blankChannel(path + ".inbound-channel", endpoint.getInboundChannel());
        blankChannel(path + ".outbound-channel", endpoint.getOutboundChannel());
        blankChannel(path + ".error-channel", endpoint.getErrorChannel());
        String other = outboundChannels.putIfAbsent(outbound, path);
        if (other != null) {
            reject(path + ".outbound-channel", "the outbound channel '" + outbound + "' is already the outbound"
                    + " channel of sctp." + other + "; each listener and client needs its own outbound channel");
        }
    }

    private void blankChannel(String path, @Nullable String channel) {
        if (channel != null && channel.isBlank()) {
            reject(path, "must name a channel, or be left unset for the default name");
        }
    }

    private void listener(String path, SctpListenerProperties listener) {
        address(path + ".addresses", listener, listener.getAddresses(), listener.getPort(), false);
        endpoint(path, listener);
        range(path + ".backlog", listener.getBacklog(), 0, Integer.MAX_VALUE);
        range(path + ".max-associations", listener.getMaxAssociations(), 1, Integer.MAX_VALUE);
        range(path + ".max-associations-per-peer", listener.getMaxAssociationsPerPeer(), 1, Integer.MAX_VALUE);
        List<String> allowed = listener.getAllowedPeers();
        for (int i = 0; i < allowed.size(); i++) {
            try {
                SctpServerAssociationFactory.checkAllowedPeers(List.of(allowed.get(i)));
            } catch (IllegalArgumentException e) {
                reject(path + ".allowed-peers[" + i + "]", e.getMessage());
            }
        }
        millis(path + ".cookie-life", listener.getCookieLife(), 1, U32_MAX);
    }

    private void client(String path, SctpClientProperties client) {
        address(path + ".addresses", client, client.getAddresses(), client.getPort(), true);
        List<@Nullable SctpHostAddress> failover = client.getFailoverAddresses();
        for (int i = 0; i < failover.size(); i++) {
            SctpHostAddress peer = failover.get(i);
            if (peer != null) {
                address(path + ".failover-addresses[" + i + "]", client, List.of(peer), null, true);
            }
        }
        SctpHostAddress local = client.getLocalAddresses();
        if (local != null) {
            address(path + ".local-addresses", client, List.of(local), null, false);
        }
        positive(path + ".reply-timeout", client.getReplyTimeout());
        if (client.getMode() == SctpClientProperties.Mode.REQUEST_REPLY && client.getErrorChannel() != null) {
            reject(path + ".error-channel", "has no effect in mode request-reply, where a failed request fails the"
                    + " caller (set errorChannel on the @MessagingGateway instead); remove it, or use mode one-way");
        }
        endpoint(path, client);
        positive(path + ".connect-timeout", client.getConnectTimeout());
        SctpClientProperties.Reconnect reconnect = client.getReconnect();
        nonNegative(path + ".reconnect.initial-delay", reconnect.getInitialDelay());
        positive(path + ".reconnect.max-delay", reconnect.getMaxDelay());
        nonNegative(path + ".reconnect.jitter", reconnect.getJitter());
        if (!(reconnect.getMultiplier() >= 1) || Double.isInfinite(reconnect.getMultiplier())) {
            reject(path + ".reconnect.multiplier", "must be a finite number of at least 1, not "
                    + reconnect.getMultiplier());
        }
        if (reconnect.getMaxDelay().compareTo(reconnect.getInitialDelay()) < 0) {
            reject(path + ".reconnect.max-delay", "must not be shorter than reconnect.initial-delay ("
                    + text(reconnect.getInitialDelay()) + "), but is " + text(reconnect.getMaxDelay()));
        }
        Long attempts = reconnect.getMaxAttempts();
        if (attempts != null && attempts < 0) {
            reject(path + ".reconnect.max-attempts", "must not be negative, but is " + attempts);
        }
    }

    private void address(String path, SctpEndpointProperties endpoint, List<@Nullable SctpHostAddress> addresses,
            @Nullable Integer port, boolean peer) {
        if (!SctpAddresses.any(addresses)) {
            reject(path, "is required: " + SctpAddresses.HOW);
            return;
        }
        if (port != null && (port < 0 || port > U16_MAX)) {
            reject(path.replace(".addresses", ".port"), "must be between 0 and 65535, but is " + port);
            return;
        }
        String text = SctpAddresses.text(addresses, port);
        try {
            SctpAddress address = SctpAddresses.resolve(endpoint.getNetwork(), addresses, port);
            if (peer && address.port() == 0) {
                reject(path, "needs the peer's port, not 0, in \"" + text + "\"");
            }
            if (peer && address.isWildcard()) {
                reject(path, "needs the peer's addresses, not a wildcard, in \"" + text + "\"");
            }
        } catch (IllegalArgumentException e) {
            reject(path, "is not a valid SCTP address: " + e.getMessage());
        }
    }

    private void endpoint(String path, SctpEndpointProperties e) {
        range(path + ".streams.outbound", e.getStreams().getOutbound(), 1, U16_MAX);
        range(path + ".streams.inbound", e.getStreams().getInbound(), 1, U16_MAX);
        range(path + ".init.max-attempts", e.getInit().getMaxAttempts(), 1, U16_MAX);
        millis(path + ".init.max-timeout", e.getInit().getMaxTimeout(), 1, U16_MAX);
        SctpEndpointProperties.Rto rto = e.getRto();
        millis(path + ".rto.initial", rto.getInitial(), 1, U32_MAX);
        millis(path + ".rto.min", rto.getMin(), 1, U32_MAX);
        millis(path + ".rto.max", rto.getMax(), 1, U32_MAX);
        if (rto.getMin() != null && rto.getMax() != null && rto.getMin().compareTo(rto.getMax()) > 0) {
            reject(path + ".rto.min", "must not exceed rto.max (" + text(rto.getMax()) + "), but is "
                    + text(rto.getMin()));
        }
        millis(path + ".heartbeat.interval", e.getHeartbeat().getInterval(), 0, U32_MAX);
        range(path + ".max-retransmissions", e.getMaxRetransmissions(), 1, U16_MAX);
        range(path + ".path-max-retransmissions", e.getPathMaxRetransmissions(), 1, U16_MAX);
        millis(path + ".sack-delay", e.getSackDelay(), 1, 500);
        bytes(path + ".send-buffer-size", e.getSendBufferSize());
        bytes(path + ".receive-buffer-size", e.getReceiveBufferSize());
        bytes(path + ".max-message-size", e.getMaxMessageSize());
        DataSize partial = e.getMaxPartialMessageBytes();
        if (partial != null && partial.toBytes() < e.getMaxMessageSize().toBytes()) {
            reject(path + ".max-partial-message-bytes", "must be at least max-message-size ("
                    + e.getMaxMessageSize() + "), or a message of that size read in parts could never be put"
                    + " together, but is " + partial + "; leave it unset for 4 times max-message-size");
        }
        Duration linger = e.getLinger();
        if (linger != null && (linger.isNegative() || linger.getSeconds() > Integer.MAX_VALUE)) {
            reject(path + ".linger", "must be between 0s and " + Integer.MAX_VALUE + "s, but is " + text(linger));
        } else if (linger != null && linger.getNano() != 0) {
            // SO_LINGER counts whole seconds, and truncating 500ms to 0 would turn every close into an ABORT
            reject(path + ".linger", "must be a whole number of seconds (SO_LINGER counts seconds, and 0 makes "
                    + "close send ABORT), but is " + text(linger));
        }
        range(path + ".max-in-flight-sends", e.getMaxInFlightSends(), 1, Integer.MAX_VALUE);
        range(path + ".max-pending-deliveries", e.getMaxPendingDeliveries(), 1, Integer.MAX_VALUE);
        nonNegative(path + ".send-timeout", e.getSendTimeout());
        nonNegative(path + ".idle-timeout", e.getIdleTimeout());
        Duration shutdown = e.getShutdownTimeout();
        if (shutdown != null) {
            nonNegative(path + ".shutdown-timeout", shutdown);
        }
        range(path + ".send.stream", e.getSend().getStream(), 0, U16_MAX - 1);
        range(path + ".send.ppid", e.getSend().getPpid(), 0, U32_MAX);
        Integer outbound = e.getStreams().getOutbound();
        if (outbound != null && e.getSend().getStream() >= outbound) {
            reject(path + ".send.stream", "must be below streams.outbound (" + outbound + "), but is "
                    + e.getSend().getStream());
        }
    }

    private void range(String path, @Nullable Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            reject(path, "must be between " + min + " and " + max + ", but is " + value);
        }
    }

    private void millis(String path, @Nullable Duration value, long min, long max) {
        if (value == null) {
            return;
        }
        if (value.isNegative() || value.toMillis() < min || value.compareTo(Duration.ofMillis(max)) > 0) {
            reject(path, "must be between " + text(Duration.ofMillis(min)) + " and " + text(Duration.ofMillis(max))
                    + ", but is " + text(value));
        } else if (value.toNanos() % 1_000_000 != 0) {
            reject(path, "must be a whole number of milliseconds, but is " + text(value));
        }
    }

    private void bytes(String path, @Nullable DataSize value) {
        if (value != null && (value.toBytes() < 1 || value.toBytes() > Integer.MAX_VALUE)) {
            reject(path, "must be between 1B and " + Integer.MAX_VALUE + "B, but is " + value);
        }
    }

    private void positive(String path, Duration value) {
        if (value.isNegative() || value.isZero()) {
            reject(path, "must be positive, but is " + text(value));
        }
    }

    private void nonNegative(String path, Duration value) {
        if (value.isNegative()) {
            reject(path, "must not be negative, but is " + text(value));
        }
    }

    private static String text(@Nullable Duration value) {
        if (value == null) {
            return "unset";
        }
        if (value.getNano() == 0) {
            return value.getSeconds() + "s";
        }
        return value.toNanos() % 1_000_000 == 0 ? value.toMillis() + "ms" : DurationStyle.SIMPLE.print(value,
                java.time.temporal.ChronoUnit.MICROS);
    }

    private void reject(String path, String message) {
        errors.rejectValue(path, "sctp.invalid", message);
    }
}
