package dev.sctp.integration.connection;

import java.util.List;
import java.util.Objects;

/**
 * The interceptor factories of an association factory, in order (the first is nearest the application), like
 * spring-integration-ip's {@code TcpConnectionInterceptorFactoryChain}:
 *
 * <pre>{@code
 * SctpAssociationInterceptorFactoryChain chain = new SctpAssociationInterceptorFactoryChain();
 * chain.setInterceptors(AuditInterceptor::new, () -> new CapabilitiesExchange(Duration.ofSeconds(5)));
 * factory.setInterceptorFactoryChain(chain);
 * }</pre>
 *
 * @since 0.1.0
 */
public class SctpAssociationInterceptorFactoryChain {

    private List<SctpAssociationInterceptorFactory> factories = List.of();

    /**
     * Sets the interceptor factories, first (nearest the application) to last (nearest the kernel).
     *
     * @param interceptorFactories the factories
     */
    public void setInterceptors(SctpAssociationInterceptorFactory... interceptorFactories) {
        for (int i = 0; i < interceptorFactories.length; i++) {
            if (interceptorFactories[i] == null) {
                throw new IllegalArgumentException("Interceptor factory " + i + " of the chain is null");
            }
        }
        this.factories = List.of(interceptorFactories);
    }

    /** Returns the interceptor factories, in order. */
    public List<SctpAssociationInterceptorFactory> getInterceptorFactories() {
        return factories;
    }

    /** Returns one new interceptor from each factory, in order: those of one new association. */
    SctpAssociationInterceptor[] newInterceptors() {
        SctpAssociationInterceptor[] interceptors = new SctpAssociationInterceptor[factories.size()];
        for (int i = 0; i < interceptors.length; i++) {
            SctpAssociationInterceptorFactory factory = factories.get(i);
            interceptors[i] = Objects.requireNonNull(factory.getInterceptor(),
                    () -> "Interceptor factory " + factory + " returned null; it must return an interceptor");
        }
        return interceptors;
    }
}
