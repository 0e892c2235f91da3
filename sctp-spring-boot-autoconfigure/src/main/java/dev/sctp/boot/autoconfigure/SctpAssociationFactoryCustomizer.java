package dev.sctp.boot.autoconfigure;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;

/**
 * Customizes the association factories the auto-configuration creates, after the properties are applied and before
 * the factory starts: set an executor, a header mapper, options without a property, or add observers.
 *
 * <p>Customizer beans are applied in {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface SctpAssociationFactoryCustomizer {

    /**
     * Customizes a factory.
     *
     * @param name the listener's or client's name ({@code default} for {@code sctp.listen})
     * @param factory the factory: an {@code SctpServerAssociationFactory} for listeners, an
     *     {@code SctpClientAssociationFactory} for clients
     */
    void customize(String name, AbstractSctpAssociationFactory factory);
}
