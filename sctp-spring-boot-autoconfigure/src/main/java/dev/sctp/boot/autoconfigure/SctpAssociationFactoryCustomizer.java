package dev.sctp.boot.autoconfigure;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;

/**
 * Customizes the association factories the auto-configuration creates, after the properties are applied and before
 * the factory starts: set an executor, a header mapper, options without a property, or add observers.
 *
 * <p>Typed as Boot's {@code WebServerFactoryCustomizer}: a customizer of {@code SctpServerAssociationFactory} is
 * applied to listeners only, one of {@code SctpClientAssociationFactory} to clients only, and one of
 * {@link AbstractSctpAssociationFactory} to both. Customizer beans are applied in
 * {@link org.springframework.core.Ordered} order.
 *
 * @param <T> the type of factory customized
 */
@FunctionalInterface
public interface SctpAssociationFactoryCustomizer<T extends AbstractSctpAssociationFactory> {

    /**
     * Customizes a factory.
     *
     * @param name the listener's or client's name ({@code default} for {@code sctp.listen})
     * @param factory the factory
     */
    void customize(String name, T factory);
}
