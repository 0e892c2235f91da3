package dev.sctp.boot.autoconfigure;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpClientAssociationFactory;

/**
 * Names of the beans and channels the auto-configuration creates for each listener and client, and the logical
 * name and role of a factory as metrics and health report them.
 *
 * <p>For a listener {@code L} the beans are {@code sctpListener-L} (the {@code SctpServerAssociationFactory}),
 * {@code sctpListener-L-inbound} (the {@code SctpReceivingChannelAdapter}), {@code sctpListener-L-outbound} (the
 * {@code SctpSendingMessageHandler}) and {@code sctpListener-L-outbound.consumer} (the endpoint that subscribes it
 * to the outbound channel); a client {@code C} has the same with {@code sctpClient-C}. A bean of one of these names
 * defined by the application replaces the auto-configured one.
 *
 * <p>Channels: the default listener ({@code sctp.listen}) uses {@value #DEFAULT_INBOUND_CHANNEL} and
 * {@value #DEFAULT_OUTBOUND_CHANNEL}; any other listener or client {@code N} uses {@code NInbound} and
 * {@code NOutbound}, unless {@code inbound-channel} or {@code outbound-channel} name others.
 */
public final class SctpEndpointNames {

    /** Inbound channel of the default listener. */
    public static final String DEFAULT_INBOUND_CHANNEL = "sctpInbound";

    /** Outbound channel of the default listener. */
    public static final String DEFAULT_OUTBOUND_CHANNEL = "sctpOutbound";

    /** Role of listeners, as in the {@code role} tag of metrics. */
    public static final String SERVER = "server";

    /** Role of clients, as in the {@code role} tag of metrics. */
    public static final String CLIENT = "client";

    private static final String LISTENER_PREFIX = "sctpListener-";
    private static final String CLIENT_PREFIX = "sctpClient-";

    private SctpEndpointNames() {
    }

    /**
     * Returns the bean name of a listener's association factory.
     *
     * @param listener the listener's name
     * @return {@code sctpListener-<listener>}
     */
    public static String listenerFactory(String listener) {
        return LISTENER_PREFIX + listener;
    }

    /**
     * Returns the bean name of a client's association factory.
     *
     * @param client the client's name
     * @return {@code sctpClient-<client>}
     */
    public static String clientFactory(String client) {
        return CLIENT_PREFIX + client;
    }

    /**
     * Returns the bean name of the inbound channel adapter of the factory bean {@code factoryBean}.
     *
     * @param factoryBean the factory's bean name
     * @return {@code <factoryBean>-inbound}
     */
    public static String inboundAdapter(String factoryBean) {
        return factoryBean + "-inbound";
    }

    /**
     * Returns the bean name of the outbound message handler of the factory bean {@code factoryBean}.
     *
     * @param factoryBean the factory's bean name
     * @return {@code <factoryBean>-outbound}
     */
    public static String outboundHandler(String factoryBean) {
        return factoryBean + "-outbound";
    }

    /**
     * Returns the name of the channel received messages of a listener or client go to.
     *
     * @param name the listener's or client's name
     * @param endpoint its properties
     * @param listener whether it is a listener
     * @return the configured channel, or the default one
     */
    public static String inboundChannel(String name, SctpEndpointProperties endpoint, boolean listener) {
        String channel = endpoint.getInboundChannel();
        if (channel != null) {
            return channel;
        }
        return isDefault(name, listener) ? DEFAULT_INBOUND_CHANNEL : name + "Inbound";
    }

    /**
     * Returns the name of the channel whose messages a listener or client sends.
     *
     * @param name the listener's or client's name
     * @param endpoint its properties
     * @param listener whether it is a listener
     * @return the configured channel, or the default one
     */
    public static String outboundChannel(String name, SctpEndpointProperties endpoint, boolean listener) {
        String channel = endpoint.getOutboundChannel();
        if (channel != null) {
            return channel;
        }
        return isDefault(name, listener) ? DEFAULT_OUTBOUND_CHANNEL : name + "Outbound";
    }

    private static boolean isDefault(String name, boolean listener) {
        return listener && name.equals(SctpProperties.DEFAULT_LISTENER);
    }

    /**
     * Returns the listener's or client's name of a factory: its bean name without the {@code sctpListener-} or
     * {@code sctpClient-} prefix, or the whole bean name for factories the application defined itself.
     *
     * @param factory the factory
     * @return the name used in metrics tags and health
     */
    public static String nameOf(AbstractSctpAssociationFactory factory) {
        String bean = factory.getComponentName();
        if (bean.startsWith(LISTENER_PREFIX) && bean.length() > LISTENER_PREFIX.length()) {
            return bean.substring(LISTENER_PREFIX.length());
        }
        if (bean.startsWith(CLIENT_PREFIX) && bean.length() > CLIENT_PREFIX.length()) {
            return bean.substring(CLIENT_PREFIX.length());
        }
        return bean;
    }

    /**
     * Returns the role of a factory.
     *
     * @param factory the factory
     * @return {@value #CLIENT} for client factories, else {@value #SERVER}
     */
    public static String roleOf(AbstractSctpAssociationFactory factory) {
        return factory instanceof SctpClientAssociationFactory ? CLIENT : SERVER;
    }
}
