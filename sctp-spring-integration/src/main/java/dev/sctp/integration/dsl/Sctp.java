package dev.sctp.integration.dsl;

import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import java.util.Arrays;

/**
 * Factory methods of the SCTP Java DSL, in the style of spring-integration-ip's {@code Tcp}.
 *
 * <pre>{@code
 * IntegrationFlow.from(Sctp.inboundAdapter(Sctp.server("10.0.0.1/10.0.0.2:3868")))
 *         .handle(...)
 *         .get();
 * IntegrationFlow.from("requests")
 *         .handle(Sctp.outboundGateway(Sctp.client("10.0.0.1/10.0.0.2:3868").connectTimeout(Duration.ofSeconds(5))))
 *         .get();
 * }</pre>
 *
 * <p>An endpoint built from a factory spec registers the factory as a bean; one built from an existing factory bean
 * uses it as is.
 *
 * @since 0.1.0
 */
public final class Sctp {

    private Sctp() {
    }

    /**
     * Returns a spec for a server factory listening on {@code localAddress}.
     *
     * @param localAddress {@code host1/host2:port}; {@code :port} for every local address; port 0 for any
     * @return the spec
     */
    public static SctpServerAssociationFactorySpec server(String localAddress) {
        return new SctpServerAssociationFactorySpec(new SctpServerAssociationFactory(SctpAddress.parse(localAddress)));
    }

    /**
     * Returns a spec for a server factory listening on every local address at {@code port}.
     *
     * @param port the port, 0 for any
     * @return the spec
     */
    public static SctpServerAssociationFactorySpec server(int port) {
        return new SctpServerAssociationFactorySpec(new SctpServerAssociationFactory(port));
    }

    /**
     * Returns a spec for a client factory connecting to {@code peers} in failover order.
     *
     * @param peers each {@code host1/host2:port}, the addresses of one peer
     * @return the spec
     */
    public static SctpClientAssociationFactorySpec client(String... peers) {
        return new SctpClientAssociationFactorySpec(new SctpClientAssociationFactory(
                Arrays.stream(peers).map(SctpAddress::parse).toList()));
    }

    /**
     * Returns a spec for a client factory connecting to {@code host} at {@code port}.
     *
     * @param host a host name or address
     * @param port the port
     * @return the spec
     */
    public static SctpClientAssociationFactorySpec client(String host, int port) {
        return client(host + ":" + port);
    }

    /** Returns an inbound channel adapter spec whose factory is built from {@code factory} (and registered). */
    public static SctpInboundChannelAdapterSpec inboundAdapter(SctpAssociationFactorySpec<?, ?> factory) {
        return new SctpInboundChannelAdapterSpec(factory.getObject(), true);
    }

    /** Returns an inbound channel adapter spec using an existing factory bean. */
    public static SctpInboundChannelAdapterSpec inboundAdapter(AbstractSctpAssociationFactory factory) {
        return new SctpInboundChannelAdapterSpec(factory, false);
    }

    /** Returns an outbound channel adapter spec whose factory is built from {@code factory} (and registered). */
    public static SctpOutboundChannelAdapterSpec outboundAdapter(SctpAssociationFactorySpec<?, ?> factory) {
        return new SctpOutboundChannelAdapterSpec(factory.getObject(), true);
    }

    /** Returns an outbound channel adapter spec using an existing factory bean. */
    public static SctpOutboundChannelAdapterSpec outboundAdapter(AbstractSctpAssociationFactory factory) {
        return new SctpOutboundChannelAdapterSpec(factory, false);
    }

    /** Returns an inbound gateway spec whose factory is built from {@code factory} (and registered). */
    public static SctpInboundGatewaySpec inboundGateway(SctpAssociationFactorySpec<?, ?> factory) {
        return new SctpInboundGatewaySpec(factory.getObject(), true);
    }

    /** Returns an inbound gateway spec using an existing factory bean. */
    public static SctpInboundGatewaySpec inboundGateway(AbstractSctpAssociationFactory factory) {
        return new SctpInboundGatewaySpec(factory, false);
    }

    /** Returns an outbound gateway spec whose factory is built from {@code factory} (and registered). */
    public static SctpOutboundGatewaySpec outboundGateway(SctpAssociationFactorySpec<?, ?> factory) {
        return new SctpOutboundGatewaySpec(factory.getObject(), true);
    }

    /** Returns an outbound gateway spec using an existing factory bean. */
    public static SctpOutboundGatewaySpec outboundGateway(AbstractSctpAssociationFactory factory) {
        return new SctpOutboundGatewaySpec(factory, false);
    }
}
