package dev.sctp.boot.autoconfigure;

import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.outbound.SctpOutboundGateway;
import dev.sctp.integration.outbound.SctpSendingMessageHandler;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.endpoint.EventDrivenConsumer;

/**
 * Registers, for every configured listener and client, its association factory, inbound and outbound channels, inbound
 * channel adapter, outbound message handler and the consumer that subscribes the handler (bean names in
 * {@link SctpEndpointNames}). A client in request-reply mode gets an {@link SctpOutboundGateway} as its outbound
 * handler instead, and no inbound adapter: the gateway receives the replies and passes other messages to the inbound
 * channel.
 *
 * <p>The names come from the properties bound here, without validation; each bean is created by a static method of
 * {@link SctpEndpointBeans} from the validated {@link SctpProperties} bean (definitions Spring AOT can process), so a bad value is reported by the binder with the property and its origin.
 *
 * <p>Back-off rules: a bean whose name the application already uses is not registered, and the application's bean
 * takes its place (a replaced outbound handler is still subscribed to the outbound channel). The default listener
 * ({@code sctp.listen}) backs off entirely, as Boot's auto-configurations do, when the application defines an
 * {@link SctpServerAssociationFactory} of its own under another name: then no factory, channel or adapter of the
 * default listener is created, and a warning names the ignored {@code sctp.listen} properties.
 */
final class SctpEndpointsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

    private static final Log logger = LogFactory.getLog(SctpEndpointsRegistrar.class);

    private @Nullable Environment environment;
    private @Nullable BeanFactory beanFactory;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (environment == null || beanFactory == null) {
            throw new IllegalStateException("SctpEndpointsRegistrar needs the environment and bean factory");
        }
        // A bad address fails here as it would in the properties bean: Boot's "Failed to bind properties under ..."
        SctpProperties names = SctpPropertiesBinding.binder(environment).bindOrCreate("sctp",
                Bindable.of(SctpProperties.class));
        for (Map.Entry<String, SctpListenerProperties> listener : names.allListeners().entrySet()) {
            registerListener(registry, listener.getKey(), listener.getValue());
        }
        for (Map.Entry<String, SctpClientProperties> client : names.getClients().entrySet()) {
            String name = client.getKey();
            String factoryBean = SctpEndpointNames.clientFactory(name);
            register(registry, factoryBean, SctpClientAssociationFactory.class, "clientFactory", name);
            registerAdapters(registry, name, false, factoryBean, client.getValue());
        }
    }

    private void registerListener(BeanDefinitionRegistry registry, String name, SctpListenerProperties listener) {
        String factoryBean = SctpEndpointNames.listenerFactory(name);
        if (name.equals(SctpProperties.DEFAULT_LISTENER) && !registry.isBeanNameInUse(factoryBean)) {
            String[] own = ((ListableBeanFactory) beanFactory())
                    .getBeanNamesForType(SctpServerAssociationFactory.class, true, false);
            if (own.length > 0) {
                logger.warn("The SCTP listener of sctp.listen is not created, and sctp.listen.* configures nothing:"
                        + " the application defines its own SctpServerAssociationFactory " + String.join(", ", own)
                        + ". Remove sctp.listen.*, configure the listener under sctp.listeners.<name> instead, or"
                        + " apply the properties to your factory with SctpAssociationFactoryConfigurer");
                return;
            }
        }
        register(registry, factoryBean, SctpServerAssociationFactory.class, "listenerFactory", name);
        registerAdapters(registry, name, true, factoryBean, listener);
    }

    private void registerAdapters(BeanDefinitionRegistry registry, String name, boolean listener, String factoryBean,
            SctpEndpointProperties endpoint) {
        String inboundChannel = SctpEndpointNames.inboundChannel(name, endpoint, listener);
        String outboundChannel = SctpEndpointNames.outboundChannel(name, endpoint, listener);
        registerChannel(registry, inboundChannel);
        registerChannel(registry, outboundChannel);
        String handlerBean = SctpEndpointNames.outboundHandler(factoryBean);
        if (!listener && ((SctpClientProperties) endpoint).getMode() == SctpClientProperties.Mode.REQUEST_REPLY) {
            register(registry, handlerBean, SctpOutboundGateway.class, "gateway", name, factoryBean, inboundChannel);
        } else {
            register(registry, SctpEndpointNames.inboundAdapter(factoryBean), SctpReceivingChannelAdapter.class,
                    "inboundAdapter", name, listener, factoryBean, inboundChannel);
            register(registry, handlerBean, SctpSendingMessageHandler.class, "outboundHandler", name, listener,
                    factoryBean);
        }
        // Also when the application replaced the handler: its bean then takes the handler's place on the channel.
        register(registry, handlerBean + ".consumer", EventDrivenConsumer.class, "outboundConsumer", name, listener,
                factoryBean, handlerBean, outboundChannel);
    }

    private void registerChannel(BeanDefinitionRegistry registry, String beanName) {
        if (registry.isBeanNameInUse(beanName)) {
            logger.debug("Not registering '" + beanName + "': the application defines a bean of that name");
            return;
        }
        registry.registerBeanDefinition(beanName, new RootBeanDefinition(DirectChannel.class));
    }

    /**
     * Registers the bean {@code beanName} made by the static {@code factoryMethod} of {@link SctpEndpointBeans}, with
     * {@code arguments} as its first arguments and the others autowired, unless the name is in use.
     */
    private static void register(BeanDefinitionRegistry registry, String beanName, Class<?> type,
            String factoryMethod, Object... arguments) {
        if (registry.isBeanNameInUse(beanName)) {
            logger.debug("Not registering '" + beanName + "': the application defines a bean of that name");
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(SctpEndpointBeans.class);
        definition.setFactoryMethodName(factoryMethod);
        definition.setTargetType(type);
        definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
        for (int i = 0; i < arguments.length; i++) {
            definition.getConstructorArgumentValues().addIndexedArgumentValue(i, arguments[i]);
        }
        registry.registerBeanDefinition(beanName, definition);
    }

    private BeanFactory beanFactory() {
        BeanFactory factory = beanFactory;
        if (factory == null) {
            throw new IllegalStateException("no bean factory");
        }
        return factory;
    }
}
