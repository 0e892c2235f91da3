package dev.sctp.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.AssociationParameters;
import dev.sctp.InitOptions;
import dev.sctp.PeerAddressParameters;
import dev.sctp.RtoInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpNetwork;
import dev.sctp.SctpOptions;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.outbound.SctpOutboundGateway;
import dev.sctp.integration.outbound.SctpSendingMessageHandler;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.SendInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.endpoint.EventDrivenConsumer;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageHandlingException;

/**
 * {@link SctpAutoConfiguration}: conditions, beans, property binding and user beans. No test opens a socket (every
 * listener and client has auto-startup off), so they run without kernel SCTP.
 */
class SctpAutoConfigurationTests {

    static final String NO_START_LISTEN = "sctp.listen.auto-startup=false";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, SctpAutoConfiguration.class));

    @Test
    void createsNothingWithoutListenerOrClient() {
        runner.withPropertyValues("sctp.listen.streams.outbound=16", "sctp.metrics.per-stream=true").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).doesNotHaveBean(SctpProperties.class);
            assertThat(ctx).doesNotHaveBean(SctpAssociationFactoryConfigurer.class);
            assertThat(ctx).doesNotHaveBean(AbstractSctpAssociationFactory.class);
            assertThat(ctx).doesNotHaveBean("sctpInbound");
        });
    }

    @Test
    void createsNothingWhenDisabled() {
        runner.withPropertyValues("sctp.enabled=false", "sctp.listen.addresses=127.0.0.1:0",
                "sctp.clients.hss.addresses=127.0.0.1:3868").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx).doesNotHaveBean(SctpProperties.class);
                    assertThat(ctx).doesNotHaveBean(AbstractSctpAssociationFactory.class);
                });
    }

    @Test
    void defaultListenerGetsFactoryChannelsAndAdapters() {
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1/127.0.0.2:0", NO_START_LISTEN).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            SctpServerAssociationFactory factory = ctx.getBean("sctpListener-default",
                    SctpServerAssociationFactory.class);
            assertThat(factory.getLocalAddress()).isEqualTo(SctpAddress.parse("127.0.0.1/127.0.0.2:0"));
            assertThat(factory.getComponentName()).isEqualTo("sctpListener-default");
            assertThat(factory.isRunning()).isFalse();
            assertThat(ctx.getBean("sctpInbound")).isInstanceOf(DirectChannel.class);
            assertThat(ctx.getBean("sctpOutbound")).isInstanceOf(DirectChannel.class);
            SctpReceivingChannelAdapter adapter = ctx.getBean("sctpListener-default-inbound",
                    SctpReceivingChannelAdapter.class);
            assertThat(adapter.getAssociationFactory()).isSameAs(factory);
            assertThat(adapter.getOutputChannel()).isSameAs(ctx.getBean("sctpInbound"));
            assertThat(factory.getListener()).isSameAs(adapter);
            SctpSendingMessageHandler handler = ctx.getBean("sctpListener-default-outbound",
                    SctpSendingMessageHandler.class);
            assertThat(handler.getAssociationFactory()).isSameAs(factory);
            EventDrivenConsumer consumer = ctx.getBean("sctpListener-default-outbound.consumer",
                    EventDrivenConsumer.class);
            assertThat(consumer.getInputChannel()).isSameAs(ctx.getBean("sctpOutbound"));
            // Stopped after its factory has drained, so replies still in the works go out: one phase below the
            // factory, and not a dependent of the factory or the handler (Spring stops dependents first).
            assertThat(consumer.getPhase()).isEqualTo(factory.getPhase() - 1);
            assertThat(ctx.getBeanFactory().getDependentBeans("sctpListener-default"))
                    .doesNotContain("sctpListener-default-outbound.consumer");
            assertThat(ctx.getBeanFactory().getDependentBeans("sctpListener-default-outbound"))
                    .doesNotContain("sctpListener-default-outbound.consumer");
        });
    }

    @Test
    void namedListenersAndClientsGetTheirOwnBeansAndChannels() {
        runner.withPropertyValues("sctp.listeners.diameter.addresses=127.0.0.1:0",
                "sctp.listeners.diameter.auto-startup=false", "sctp.listeners.m3ua.addresses=:2905",
                "sctp.listeners.m3ua.auto-startup=false", "sctp.listeners.m3ua.inbound-channel=sigtranIn",
                "sctp.listeners.m3ua.outbound-channel=sigtranOut",
                "sctp.clients.hss.addresses=10.1.0.1/10.1.0.2:3868",
                "sctp.clients.hss.failover-addresses=10.2.0.1:3868,10.3.0.1/10.3.0.2:3869",
                "sctp.clients.hss.auto-startup=false").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBeansOfType(SctpServerAssociationFactory.class))
                            .containsOnlyKeys("sctpListener-diameter", "sctpListener-m3ua");
                    assertThat(ctx.getBeansOfType(SctpClientAssociationFactory.class))
                            .containsOnlyKeys("sctpClient-hss");
                    assertThat(ctx).hasBean("diameterInbound").hasBean("diameterOutbound").hasBean("sigtranIn")
                            .hasBean("sigtranOut").hasBean("hssInbound").hasBean("hssOutbound")
                            .doesNotHaveBean("sctpInbound");
                    assertThat(ctx.getBean("sctpListener-m3ua", SctpServerAssociationFactory.class).getLocalAddress())
                            .isEqualTo(SctpAddress.wildcard(2905));
                    SctpClientAssociationFactory hss = ctx.getBean(SctpClientAssociationFactory.class);
                    assertThat(hss.getPeers()).containsExactly(SctpAddress.parse("10.1.0.1/10.1.0.2:3868"),
                            SctpAddress.parse("10.2.0.1:3868"), SctpAddress.parse("10.3.0.1/10.3.0.2:3869"));
                    assertThat(ctx.getBean("sctpClient-hss-inbound", SctpReceivingChannelAdapter.class)
                            .getOutputChannel()).isSameAs(ctx.getBean("hssInbound"));
                    assertThat(ctx.getBean("sctpClient-hss-outbound.consumer", EventDrivenConsumer.class)
                            .getInputChannel()).isSameAs(ctx.getBean("hssOutbound"));
                });
    }

    @Test
    void bindsSocketOptionsLimitsAndTimeouts() {
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1:0", NO_START_LISTEN,
                "sctp.listen.network=sctp4", "sctp.listen.streams.outbound=16", "sctp.listen.streams.inbound=32",
                "sctp.listen.init.max-attempts=4", "sctp.listen.init.max-timeout=2s", "sctp.listen.rto.initial=1s",
                "sctp.listen.rto.min=200ms", "sctp.listen.rto.max=5s", "sctp.listen.heartbeat.interval=5s",
                "sctp.listen.max-retransmissions=6", "sctp.listen.path-max-retransmissions=3",
                "sctp.listen.sack-delay=100ms", "sctp.listen.cookie-life=30s", "sctp.listen.send-buffer-size=512KB",
                "sctp.listen.receive-buffer-size=1MB", "sctp.listen.nodelay=false", "sctp.listen.linger=5s",
                "sctp.listen.max-message-size=1MB", "sctp.listen.max-partial-message-bytes=3MB",
                "sctp.listen.max-associations=8", "sctp.listen.backlog=128",
                "sctp.listen.max-in-flight-sends=16", "sctp.listen.max-pending-deliveries=32",
                "sctp.listen.send-timeout=3s", "sctp.listen.idle-timeout=1m", "sctp.listen.shutdown-timeout=7s")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    SctpServerAssociationFactory f = ctx.getBean(SctpServerAssociationFactory.class);
                    Map<?, Object> options = f.getOptions();
                    assertThat(options.get(SctpOptions.INIT_MSG))
                            .isEqualTo(new InitOptions(16, 32, 4, Duration.ofSeconds(2)));
                    assertThat(options.get(SctpOptions.RTO_INFO)).isEqualTo(new RtoInfo(Duration.ofSeconds(1),
                            Duration.ofMillis(200), Duration.ofSeconds(5)));
                    assertThat(options.get(SctpOptions.ASSOC_INFO))
                            .isEqualTo(AssociationParameters.of(6, Duration.ofSeconds(30)));
                    assertThat(options.containsKey(SctpOptions.PEER_ADDR_PARAMS)).isFalse();
                    PeerAddressParameters kernel = new PeerAddressParameters(null, Duration.ofSeconds(30), true, 5,
                            65535, true, Duration.ofMillis(200), true, -1, -1);
                    assertThat(((SctpAssociationFactoryConfigurer.PathParameters) f.getSocketSupport()).apply(kernel))
                            .isEqualTo(new PeerAddressParameters(null, Duration.ofSeconds(5), true, 3, 65535, true,
                                    Duration.ofMillis(100), true, -1, -1));
                    assertThat(options.get(SctpOptions.SO_SNDBUF)).isEqualTo(512 * 1024);
                    assertThat(options.get(SctpOptions.SO_RCVBUF)).isEqualTo(1024 * 1024);
                    assertThat(options.get(SctpOptions.NODELAY)).isEqualTo(false);
                    assertThat(options.get(SctpOptions.SO_LINGER)).isEqualTo(5);
                    assertThat(f.getNetwork()).isEqualTo(SctpNetwork.SCTP4);
                    assertThat(f.getMaxMessageSize()).isEqualTo(1024 * 1024);
                    assertThat(f.getMaxPartialMessageBytes()).isEqualTo(3 * 1024 * 1024);
                    assertThat(f.getMaxAssociations()).isEqualTo(8);
                    assertThat(f.getBacklog()).isEqualTo(128);
                    assertThat(f.getMaxInFlightSends()).isEqualTo(16);
                    assertThat(f.getMaxPendingDeliveries()).isEqualTo(32);
                    assertThat(f.getSendTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(f.getIdleTimeout()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(f.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(f.isAutoStartup()).isFalse();
                });
    }

    @Test
    void leavesKernelDefaultsAloneWhenOptionsAreUnset() {
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1:0", NO_START_LISTEN).run(ctx -> {
            SctpServerAssociationFactory f = ctx.getBean(SctpServerAssociationFactory.class);
            assertThat(f.getOptions()).containsOnlyKeys(SctpOptions.NODELAY);
            assertThat(f.getMaxMessageSize()).isEqualTo(64 * 1024);
            assertThat(f.getMaxPartialMessageBytes()).as("4 x max-message-size").isEqualTo(4 * 64 * 1024);
        });
    }

    @Test
    void onePathParameterChangesOnlyThatFieldOfWhatTheKernelHas() {
        // A host whose sysctl net.sctp.hb_interval is 45 s keeps it when only heartbeats are turned off.
        PeerAddressParameters kernel = new PeerAddressParameters(null, Duration.ofSeconds(45), true, 7, 1500, true,
                Duration.ofMillis(150), true, -1, -1);
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1:0", NO_START_LISTEN,
                "sctp.listen.heartbeat.enabled=false").run(ctx -> {
                    SctpServerAssociationFactory f = ctx.getBean(SctpServerAssociationFactory.class);
                    assertThat(((SctpAssociationFactoryConfigurer.PathParameters) f.getSocketSupport()).apply(kernel))
                            .isEqualTo(kernel.withHeartbeatEnabled(false));
                });
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1:0", NO_START_LISTEN,
                "sctp.listen.path-max-retransmissions=2").run(ctx -> {
                    SctpServerAssociationFactory f = ctx.getBean(SctpServerAssociationFactory.class);
                    assertThat(((SctpAssociationFactoryConfigurer.PathParameters) f.getSocketSupport()).apply(kernel))
                            .isEqualTo(kernel.withPathMaxRetransmissions(2));
                });
    }

    @Test
    void clientSettings() {
        runner.withPropertyValues("sctp.clients.hss.addresses=127.0.0.1:3868", "sctp.clients.hss.auto-startup=false",
                "sctp.clients.hss.local-addresses=127.0.0.2:0", "sctp.clients.hss.connect-timeout=5s",
                "sctp.clients.hss.connect-on-start=false", "sctp.clients.hss.reconnect.enabled=false").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    SctpClientAssociationFactory f = ctx.getBean(SctpClientAssociationFactory.class);
                    assertThat(f.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(f.getLocalAddress()).isEqualTo(SctpAddress.parse("127.0.0.2:0"));
                    assertThat(f.isConnectOnStart()).isFalse();
                    assertThat(f.isReconnect()).isFalse();
                });
    }

    @Test
    void shutdownTimeoutFitsTheLifecyclePhase() {
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1:0", NO_START_LISTEN).run(ctx ->
                assertThat(ctx.getBean(SctpServerAssociationFactory.class).getShutdownTimeout())
                        .isEqualTo(Duration.ofSeconds(29)));
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1:0", NO_START_LISTEN,
                "spring.lifecycle.timeout-per-shutdown-phase=2s").run(ctx ->
                        assertThat(ctx.getBean(SctpServerAssociationFactory.class).getShutdownTimeout())
                                .isEqualTo(Duration.ofMillis(1800)));
    }

    @Test
    void sendDefaultsAndPayloadType() {
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1:0", NO_START_LISTEN, "sctp.listen.send.stream=2",
                "sctp.listen.send.ppid=4294967295", "sctp.listen.send.unordered=true",
                "sctp.listen.payload-type=string").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    SctpSendingMessageHandler handler = ctx.getBean(SctpSendingMessageHandler.class);
                    assertThat(handler.getSendInfoResolver().getDefaults())
                            .isEqualTo(SendInfo.of(2, -1).withUnordered(true));
                    assertThat(ctx.getBean(SctpReceivingChannelAdapter.class).getPayloadConverter().isIdentity())
                            .isFalse();
                });
    }

    @Test
    void clientIgnoresTheAssociationIdOfAnotherFactory() {
        runner.withPropertyValues("sctp.clients.hss.addresses=127.0.0.1:3868", "sctp.clients.hss.auto-startup=false")
                .run(ctx -> {
                    SctpSendingMessageHandler handler = ctx.getBean(SctpSendingMessageHandler.class);
                    // Forwarded from a listener: the client sends to its own peer (here: fails as it is not running).
                    assertThatThrownBy(() -> handler.handleMessage(MessageBuilder.withPayload("x")
                            .setHeader(SctpHeaders.ASSOCIATION_ID, "a-1")
                            .setHeader(SctpHeaders.FACTORY_NAME, "sctpListener-default").build()))
                            .isInstanceOf(MessageHandlingException.class).hasMessageContaining("is not running");
                    // A reply to the client's own association goes by its id.
                    assertThatThrownBy(() -> handler.handleMessage(MessageBuilder.withPayload("x")
                            .setHeader(SctpHeaders.ASSOCIATION_ID, "a-1")
                            .setHeader(SctpHeaders.FACTORY_NAME, "sctpClient-hss").build()))
                            .isInstanceOf(MessageHandlingException.class)
                            .hasMessageContaining("Association 'a-1' is not open");
                });
    }

    @Test
    void applicationBeansReplaceAutoConfiguredOnesOfTheSameName() {
        runner.withUserConfiguration(OwnBeansByName.class)
                .withPropertyValues("sctp.listen.addresses=127.0.0.1:0", NO_START_LISTEN,
                        "sctp.clients.hss.addresses=127.0.0.1:3868", "sctp.clients.hss.auto-startup=false")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean("sctpInbound")).isInstanceOf(QueueChannel.class);
                    assertThat(ctx.getBean("sctpListener-default-inbound", SctpReceivingChannelAdapter.class)
                            .getOutputChannel()).isSameAs(ctx.getBean("sctpInbound"));
                    SctpClientAssociationFactory hss = ctx.getBean("sctpClient-hss",
                            SctpClientAssociationFactory.class);
                    assertThat(hss.getPeers()).containsExactly(SctpAddress.parse("127.0.0.9:3869"));
                    assertThat(ctx.getBean("sctpClient-hss-inbound", SctpReceivingChannelAdapter.class)
                            .getAssociationFactory()).isSameAs(hss);
                    assertThat(ctx.getBean(SctpAssociationFactoryConfigurer.class))
                            .isSameAs(ctx.getBean("myConfigurer"));
                });
    }

    @Test
    void aGatewayDefinedUnderTheInboundAdaptersNameTakesTheFactorysReceivingSlot() {
        runner.withUserConfiguration(OwnGateway.class)
                .withPropertyValues("sctp.clients.hss.addresses=127.0.0.1:3868", "sctp.clients.hss.auto-startup=false")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    SctpOutboundGateway gateway = ctx.getBean("sctpClient-hss-inbound", SctpOutboundGateway.class);
                    assertThat(ctx.getBean("sctpClient-hss", SctpClientAssociationFactory.class).getListener())
                            .isSameAs(gateway);
                    assertThat(ctx.getBeansOfType(SctpReceivingChannelAdapter.class)).isEmpty();
                });
    }

    @Test
    void customizersApplyToEveryFactory() {
        runner.withUserConfiguration(Customizer.class)
                .withPropertyValues("sctp.listen.addresses=127.0.0.1:0", NO_START_LISTEN,
                        "sctp.clients.hss.addresses=127.0.0.1:3868", "sctp.clients.hss.auto-startup=false")
                .run(ctx -> {
                    assertThat(ctx.getBean(SctpServerAssociationFactory.class).getOptions())
                            .containsEntry(SctpOptions.MAX_BURST, 8);
                    assertThat(ctx.getBean(SctpClientAssociationFactory.class).getOptions())
                            .containsEntry(SctpOptions.MAX_BURST, 8);
                });
    }

    @Test
    void aTypedCustomizerIsAppliedOnlyToItsKindOfFactoryAndAnUntypedOneToBoth() {
        runner.withUserConfiguration(TypedCustomizers.class)
                .withPropertyValues("sctp.listen.addresses=127.0.0.1:0", NO_START_LISTEN, "sctp.listen.backlog=7",
                        "sctp.clients.hss.addresses=127.0.0.1:3868", "sctp.clients.hss.auto-startup=false")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    // creating the factories calls the customizers; both are singletons created at refresh
                    assertThat(ctx.getBean(TypedCustomizers.class).calls).containsExactlyInAnyOrder(
                            "server:default:7", "serverClass:default", "any:default", "client:hss:1", "any:hss");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeansByName {

        @Bean
        QueueChannel sctpInbound() {
            return new QueueChannel();
        }

        @Bean(name = "sctpClient-hss")
        SctpClientAssociationFactory hss() {
            SctpClientAssociationFactory factory = new SctpClientAssociationFactory(SctpAddress.parse("127.0.0.9:3869"));
            factory.setAutoStartup(false);
            return factory;
        }

        @Bean
        SctpAssociationFactoryConfigurer myConfigurer() {
            return new SctpAssociationFactoryConfigurer(Duration.ofSeconds(1), java.util.List.of());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnGateway {

        @Bean(name = "sctpClient-hss-inbound")
        SctpOutboundGateway hssGateway(@Qualifier("sctpClient-hss") SctpClientAssociationFactory hss) {
            SctpOutboundGateway gateway = new SctpOutboundGateway();
            gateway.setAssociationFactory(hss);
            return gateway;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizer {

        @Bean
        SctpAssociationFactoryCustomizer<AbstractSctpAssociationFactory> maxBurst() {
            return (name, factory) -> factory.setOption(SctpOptions.MAX_BURST, 8);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TypedCustomizers {

        final List<String> calls = new CopyOnWriteArrayList<>();

        // lambdas, whose type argument only the declared bean type knows
        @Bean
        SctpAssociationFactoryCustomizer<SctpServerAssociationFactory> serverOnly() {
            return (name, factory) -> calls.add("server:" + name + ":" + factory.getBacklog());
        }

        @Bean
        SctpAssociationFactoryCustomizer<SctpClientAssociationFactory> clientOnly() {
            return (name, factory) -> calls.add("client:" + name + ":" + factory.getPeers().size());
        }

        @Bean
        SctpAssociationFactoryCustomizer<AbstractSctpAssociationFactory> any() {
            return (name, factory) -> calls.add("any:" + name);
        }

        // a class, whose type argument is resolvable
        @Bean
        ServerClassCustomizer serverClass() {
            return new ServerClassCustomizer(calls);
        }
    }

    record ServerClassCustomizer(List<String> calls)
            implements SctpAssociationFactoryCustomizer<SctpServerAssociationFactory> {

        @Override
        public void customize(String name, SctpServerAssociationFactory factory) {
            calls.add("serverClass:" + name);
        }
    }
}
