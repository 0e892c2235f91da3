package dev.sctp.integration.dsl;

import dev.sctp.integration.connection.SctpServerAssociationFactory;

/**
 * A spec for an {@link SctpServerAssociationFactory}.
 *
 * @since 0.1.0
 */
public class SctpServerAssociationFactorySpec
        extends SctpAssociationFactorySpec<SctpServerAssociationFactorySpec, SctpServerAssociationFactory> {

    SctpServerAssociationFactorySpec(SctpServerAssociationFactory factory) {
        super(factory);
    }

    /** Sets the accept backlog; 0 uses the system's. */
    public SctpServerAssociationFactorySpec backlog(int backlog) {
        this.target.setBacklog(backlog);
        return this;
    }
}
