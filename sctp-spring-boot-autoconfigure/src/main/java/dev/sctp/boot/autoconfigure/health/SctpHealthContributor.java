package dev.sctp.boot.autoconfigure.health;

import dev.sctp.boot.autoconfigure.SctpEndpointNames;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * The {@code sctp} health contributor: {@code kernel} ({@link SctpKernelHealthIndicator}), {@code listeners} with
 * one {@link SctpListenerHealthIndicator} per listener, and {@code clients} with one
 * {@link SctpClientHealthIndicator} per client, each under its name.
 */
public class SctpHealthContributor implements CompositeHealthContributor {

    private final CompositeHealthContributor delegate;

    /**
     * Creates the contributor for {@code factories}.
     *
     * @param factories the association factories of the application
     */
    public SctpHealthContributor(List<AbstractSctpAssociationFactory> factories) {
        Map<String, HealthContributor> listeners = new LinkedHashMap<>();
        Map<String, HealthContributor> clients = new LinkedHashMap<>();
        for (AbstractSctpAssociationFactory factory : factories) {
            if (factory instanceof SctpServerAssociationFactory server) {
                listeners.put(SctpEndpointNames.nameOf(factory), new SctpListenerHealthIndicator(server));
            } else if (factory instanceof SctpClientAssociationFactory client) {
                clients.put(SctpEndpointNames.nameOf(factory), new SctpClientHealthIndicator(client));
            }
        }
        Map<String, HealthContributor> children = new LinkedHashMap<>();
        children.put("kernel", new SctpKernelHealthIndicator());
        if (!listeners.isEmpty()) {
            children.put("listeners", CompositeHealthContributor.fromMap(listeners));
        }
        if (!clients.isEmpty()) {
            children.put("clients", CompositeHealthContributor.fromMap(clients));
        }
        this.delegate = CompositeHealthContributor.fromMap(children);
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        return delegate.getContributor(name);
    }

    @Override
    public Stream<Entry> stream() {
        return delegate.stream();
    }
}
