package dev.sctp.integration.connection;

/**
 * Makes the interceptor of one association, like spring-integration-ip's {@code TcpConnectionInterceptorFactory};
 * called once for each new association, so each gets its own instance.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SctpAssociationInterceptorFactory {

    /**
     * Returns a new interceptor for one association.
     *
     * @return the interceptor
     */
    SctpAssociationInterceptor getInterceptor();
}
