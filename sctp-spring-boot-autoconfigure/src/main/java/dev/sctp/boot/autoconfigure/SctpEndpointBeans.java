package dev.sctp.boot.autoconfigure;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.outbound.SctpOutboundGateway;
import dev.sctp.integration.outbound.SctpSendingMessageHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.endpoint.EventDrivenConsumer;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.SubscribableChannel;

/**
 * The static factory methods of the beans {@link SctpEndpointsRegistrar} registers. The registrar's bean definitions
 * name a method and its string arguments, and the other arguments are autowired; unlike instance suppliers, Spring
 * AOT can turn such definitions into code. Beans of other beans are looked up by name, lazily where a dependency
 * would change the stopping order (see {@link SctpOutboundConsumer}).
 */
public final class SctpEndpointBeans {

    private SctpEndpointBeans() {
    }

    /**
     * Creates a listener's factory.
     *
     * @param name the listener's name
     * @param properties the bound properties
     * @param configurer the configurer
     * @return the factory
     */
    public static SctpServerAssociationFactory listenerFactory(String name, SctpProperties properties,
            SctpAssociationFactoryConfigurer configurer) {
        return configurer.createListener(name, properties.listener(name));
    }

    /**
     * Creates a client's factory.
     *
     * @param name the client's name
     * @param properties the bound properties
     * @param configurer the configurer
     * @return the factory
     */
    public static SctpClientAssociationFactory clientFactory(String name, SctpProperties properties,
            SctpAssociationFactoryConfigurer configurer) {
        return configurer.createClient(name, properties.client(name));
    }

    /**
     * Creates the inbound channel adapter of a listener or client.
     *
     * @param name the listener's or client's name
     * @param listener whether it is a listener
     * @param factoryBean the factory's bean name, also the adapter's lifecycle role
     * @param inboundChannel the channel received messages go to
     * @param properties the bound properties
     * @param beanFactory the bean factory
     * @return the adapter
     */
    public static SctpReceivingChannelAdapter inboundAdapter(String name, boolean listener, String factoryBean,
            String inboundChannel, SctpProperties properties, BeanFactory beanFactory) {
        SctpReceivingChannelAdapter adapter = SctpChannelAdapters.inbound(factory(beanFactory, factoryBean),
                endpoint(properties, name, listener), inboundChannel);
        adapter.setRole(factoryBean);
        return adapter;
    }

    /**
     * Creates the outbound message handler of a listener or client.
     *
     * @param name the listener's or client's name
     * @param listener whether it is a listener
     * @param factoryBean the factory's bean name
     * @param properties the bound properties
     * @param beanFactory the bean factory
     * @return the handler
     */
    public static SctpSendingMessageHandler outboundHandler(String name, boolean listener, String factoryBean,
            SctpProperties properties, BeanFactory beanFactory) {
        return SctpChannelAdapters.outbound(factory(beanFactory, factoryBean), endpoint(properties, name, listener));
    }

    /**
     * Creates the outbound gateway of a client in request-reply mode.
     *
     * @param name the client's name
     * @param factoryBean the factory's bean name
     * @param inboundChannel the channel of messages no request waits for
     * @param properties the bound properties
     * @param beanFactory the bean factory
     * @return the gateway
     */
    public static SctpOutboundGateway gateway(String name, String factoryBean, String inboundChannel,
            SctpProperties properties, BeanFactory beanFactory) {
        return SctpChannelAdapters.gateway(factory(beanFactory, factoryBean), properties.client(name),
                beanFactory.getBean(inboundChannel, MessageChannel.class));
    }

    /**
     * Creates the consumer that subscribes the outbound handler bean to the outbound channel.
     *
     * @param name the listener's or client's name
     * @param listener whether it is a listener
     * @param factoryBean the factory's bean name, also the consumer's lifecycle role
     * @param handlerBean the handler's bean name (the auto-configured one or the application's)
     * @param outboundChannel the outbound channel's name
     * @param properties the bound properties
     * @param beanFactory the bean factory
     * @return the consumer
     */
    public static EventDrivenConsumer outboundConsumer(String name, boolean listener, String factoryBean,
            String handlerBean, String outboundChannel, SctpProperties properties, BeanFactory beanFactory) {
        SctpOutboundConsumer consumer = new SctpOutboundConsumer(
                beanFactory.getBean(outboundChannel, SubscribableChannel.class),
                () -> beanFactory.getBean(handlerBean, MessageHandler.class),
                () -> factory(beanFactory, factoryBean));
        consumer.setAutoStartup(endpoint(properties, name, listener).isAutoStartup());
        consumer.setRole(factoryBean);
        return consumer;
    }

    private static AbstractSctpAssociationFactory factory(BeanFactory beanFactory, String beanName) {
        return beanFactory.getBean(beanName, AbstractSctpAssociationFactory.class);
    }

    private static SctpEndpointProperties endpoint(SctpProperties properties, String name, boolean listener) {
        return listener ? properties.listener(name) : properties.client(name);
    }
}
