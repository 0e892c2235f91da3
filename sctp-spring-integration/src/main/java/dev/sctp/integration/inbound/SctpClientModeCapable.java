package dev.sctp.integration.inbound;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import org.jspecify.annotations.Nullable;

/**
 * An inbound endpoint that may run on a client factory, so the application connects and the peer sends the
 * requests; like spring-integration-ip's {@code ClientModeCapable}, its methods suit a control bus
 * ({@code @sctpInbound.retryConnection()}).
 *
 * @since 0.1.0
 */
public interface SctpClientModeCapable {

    /** Returns the endpoint's association factory. */
    @Nullable AbstractSctpAssociationFactory getAssociationFactory();

    /** Returns whether the endpoint's factory is a client factory: this side connects. */
    default boolean isClientMode() {
        return getAssociationFactory() instanceof SctpClientAssociationFactory;
    }

    /** Returns whether the endpoint is in client mode and its factory has an open association. */
    default boolean isClientModeConnected() {
        return getAssociationFactory() instanceof SctpClientAssociationFactory client && client.isConnected();
    }

    /**
     * Connects at once if the client factory has no open association (see
     * {@link SctpClientAssociationFactory#retryConnection()}).
     *
     * @return whether the factory is connected afterwards
     * @throws IllegalStateException if the endpoint is not in client mode, or its factory is not running
     */
    default boolean retryConnection() {
        AbstractSctpAssociationFactory factory = getAssociationFactory();
        if (factory instanceof SctpClientAssociationFactory client) {
            return client.retryConnection();
        }
        throw new IllegalStateException("Endpoint is not in client mode: its association factory "
                + (factory == null ? "is not set" : "'" + factory.getComponentName() + "' is a server factory")
                + "; give it an SctpClientAssociationFactory to connect from this side");
    }
}
