package dev.sctp.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.integration.support.SmartLifecycleRoleController;

/**
 * Puts each auto-configured listener's and client's factory into a Spring Integration lifecycle role named as the
 * factory bean ({@code sctpListener-<name>}, {@code sctpClient-<name>}); its inbound adapter and outbound consumer
 * take the same role when they are created. {@code SmartLifecycleRoleController.startLifecyclesInRole} and
 * {@code stopLifecyclesInRole} then start and stop a listener or client with {@code auto-startup: false} as a whole.
 */
final class SctpLifecycleRoles implements SmartInitializingSingleton {

    private final ListableBeanFactory beanFactory;
    private final SctpProperties properties;

    SctpLifecycleRoles(ListableBeanFactory beanFactory, SctpProperties properties) {
        this.beanFactory = beanFactory;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String controllerName = IntegrationContextUtils.INTEGRATION_LIFECYCLE_ROLE_CONTROLLER;
        if (!beanFactory.containsBean(controllerName)) {
            return;
        }
        SmartLifecycleRoleController controller = beanFactory.getBean(controllerName,
                SmartLifecycleRoleController.class);
        for (String factory : factoryBeans()) {
            if (beanFactory.containsBean(factory) && beanFactory.isTypeMatch(factory, SmartLifecycle.class)) {
                controller.addLifecycleToRole(factory, factory);
            }
        }
    }

    private List<String> factoryBeans() {
        List<String> names = new ArrayList<>();
        properties.allListeners().keySet().forEach(name -> names.add(SctpEndpointNames.listenerFactory(name)));
        properties.getClients().keySet().forEach(name -> names.add(SctpEndpointNames.clientFactory(name)));
        return names;
    }
}
