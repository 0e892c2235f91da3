package dev.sctp.integration.dsl;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The factory an endpoint spec built from a factory spec must register as a bean. */
final class FactoryRegistration {

    private FactoryRegistration() {
    }

    static Map<Object, @Nullable String> of(@Nullable AbstractSctpAssociationFactory factory) {
        return factory == null ? Map.of() : Map.of(factory, factory.getComponentName());
    }
}
