package dev.sctp.integration.support;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpListener;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint's association factory: set once (registering the endpoint as its listener when it receives),
 * required at initialisation, and started with the endpoint. The one place the adapters and gateways share this.
 *
 * @since 0.1.0
 */
public final class SctpFactoryBinding {

    private volatile @Nullable AbstractSctpAssociationFactory factory;

    /**
     * Binds {@code associationFactory}, registering {@code listener} with it if given.
     *
     * @param associationFactory the factory
     * @param listener the endpoint receiving the factory's messages, or {@code null} for a sending-only endpoint
     * @throws IllegalStateException if the factory already has another listener
     */
    public void bind(AbstractSctpAssociationFactory associationFactory, @Nullable SctpListener listener) {
        if (listener != null) {
            associationFactory.registerListener(listener);
        }
        this.factory = associationFactory;
    }

    /** Returns the factory, if bound. */
    public @Nullable AbstractSctpAssociationFactory get() {
        return factory;
    }

    /**
     * Returns the factory.
     *
     * @param endpoint the endpoint's name, for the error message
     * @return the factory
     * @throws IllegalStateException if none is bound
     */
    public AbstractSctpAssociationFactory required(String endpoint) {
        AbstractSctpAssociationFactory bound = factory;
        if (bound == null) {
            throw new IllegalStateException("Endpoint '" + endpoint + "' needs an association factory: call "
                    + "setAssociationFactory with a server or client factory");
        }
        return bound;
    }

    /** Starts the factory if it is bound and not running, so starting an endpoint is enough. */
    public void start() {
        AbstractSctpAssociationFactory bound = factory;
        if (bound != null && !bound.isRunning()) {
            bound.start();
        }
    }
}
