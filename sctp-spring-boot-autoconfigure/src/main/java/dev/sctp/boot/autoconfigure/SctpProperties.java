package dev.sctp.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of SCTP listeners and clients ({@code sctp.*}).
 *
 * <p>{@code sctp.listen} configures the default listener, named {@value #DEFAULT_LISTENER}, whose channels are
 * {@code sctpInbound} and {@code sctpOutbound}; {@code sctp.listeners.<name>} and {@code sctp.clients.<name>}
 * configure further listeners and clients. The properties validate themselves when they are bound, so a bad address
 * or an impossible value stops the application with a message naming the property and the value. A key under
 * {@code sctp.} that binds to no property (a misspelt name, a list where one value is expected) stops the
 * application too, naming the key.
 */
@ConfigurationProperties(prefix = "sctp", ignoreUnknownFields = false)
public class SctpProperties implements Validator {

    /** Name of the listener that {@code sctp.listen} configures. */
    public static final String DEFAULT_LISTENER = "default";

    /** Whether to auto-configure SCTP listeners, clients, metrics and health. */
    private boolean enabled = true;

    /** Default listener; it is created when its addresses are set. */
    @NestedConfigurationProperty
    private final SctpListenerProperties listen = new SctpListenerProperties();

    /** Further listeners, by name. */
    private final Map<String, SctpListenerProperties> listeners = new LinkedHashMap<>();

    /** Clients, by name. */
    private final Map<String, SctpClientProperties> clients = new LinkedHashMap<>();

    /** Metrics of listeners and clients. */
    private final Metrics metrics = new Metrics();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public SctpListenerProperties getListen() {
        return listen;
    }

    public Map<String, SctpListenerProperties> getListeners() {
        return listeners;
    }

    public Map<String, SctpClientProperties> getClients() {
        return clients;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    /**
     * Returns every configured listener by name: the default listener first (when its addresses are set), then the
     * named ones.
     *
     * @return the listeners, in a new map
     */
    public Map<String, SctpListenerProperties> allListeners() {
        Map<String, SctpListenerProperties> all = new LinkedHashMap<>();
        if (listen.hasAddresses()) {
            all.put(DEFAULT_LISTENER, listen);
        }
        all.putAll(listeners);
        return all;
    }

    /**
     * Returns the listener called {@code name}.
     *
     * @param name the listener's name
     * @return its properties
     * @throws IllegalArgumentException if no listener has that name
     */
    public SctpListenerProperties listener(String name) {
        SctpListenerProperties listener = allListeners().get(name);
        if (listener == null) {
            throw new IllegalArgumentException("No SCTP listener named '" + name + "' is configured");
        }
        return listener;
    }

    /**
     * Returns the client called {@code name}.
     *
     * @param name the client's name
     * @return its properties
     * @throws IllegalArgumentException if no client has that name
     */
    public SctpClientProperties client(String name) {
        SctpClientProperties client = clients.get(name);
        if (client == null) {
            throw new IllegalArgumentException("No SCTP client named '" + name + "' is configured");
        }
        return client;
    }

    @Override
    public boolean supports(Class<?> type) {
        return SctpProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        new SctpPropertiesValidator((SctpProperties) target, errors).validate();
    }

    static boolean hasText(@Nullable String text) {
        return text != null && !text.isBlank();
    }

    /** Metrics of listeners and clients. */
    public static class Metrics {

        /**
         * Whether message and byte meters carry a stream tag; the number of time series then grows with the number
         * of streams in use.
         */
        private boolean perStream;

        /**
         * Most distinct stream tags per meter name when per-stream is on; meters of further streams are dropped
         * (with one warning), so a peer using many streams cannot explode the registry.
         */
        private int maxStreamTags = 64;

        /**
         * Whether each association gets meters of its own (sctp.association.*), tagged with the peer's primary
         * address and port; they are removed when the association ends.
         */
        private boolean perAssociation;

        /**
         * Most associations with meters of their own at once when per-association is on; further associations are
         * measured only in the aggregates (with one warning), so a server with many peers cannot explode the
         * registry.
         */
        private int maxAssociationTags = 100;

        /** Interval at which association status (RTT, RTO, peer window, chunks) and statistics are polled. */
        private Duration pollInterval = Duration.ofSeconds(10);

        /**
         * Kernel clock rate (CONFIG_HZ) used to convert the smoothed RTT the kernel reports in clock ticks. Unset
         * reads it from the kernel's configuration, falling back to 250.
         */
        private @Nullable Integer kernelHz;

        public boolean isPerStream() {
            return perStream;
        }

        public void setPerStream(boolean perStream) {
            this.perStream = perStream;
        }

        public int getMaxStreamTags() {
            return maxStreamTags;
        }

        public void setMaxStreamTags(int maxStreamTags) {
            this.maxStreamTags = maxStreamTags;
        }

        public boolean isPerAssociation() {
            return perAssociation;
        }

        public void setPerAssociation(boolean perAssociation) {
            this.perAssociation = perAssociation;
        }

        public int getMaxAssociationTags() {
            return maxAssociationTags;
        }

        public void setMaxAssociationTags(int maxAssociationTags) {
            this.maxAssociationTags = maxAssociationTags;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public @Nullable Integer getKernelHz() {
            return kernelHz;
        }

        public void setKernelHz(@Nullable Integer kernelHz) {
            this.kernelHz = kernelHz;
        }
    }
}
