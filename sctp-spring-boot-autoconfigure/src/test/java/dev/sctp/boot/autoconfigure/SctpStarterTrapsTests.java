package dev.sctp.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.dsl.Sctp;
import dev.sctp.integration.inbound.SctpInboundGateway;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.outbound.SctpOutboundGateway;
import dev.sctp.integration.outbound.SctpSendingMessageHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.endpoint.EventDrivenConsumer;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;

/**
 * The traps of issue 10 that failed silently: addresses as a list, keys that configure nothing, an application
 * factory that half-replaced the listener, a replaced outbound handler left unsubscribed, and the wiring of the
 * reply channel, error channel and request-reply mode. No test opens a socket.
 */
@ExtendWith(OutputCaptureExtension.class)
class SctpStarterTrapsTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class,
                    SctpPropertiesAutoConfiguration.class, SctpAutoConfiguration.class));

    @Test
    void addressesBindFromAListOfHostsWithAPort() {
        runner.withPropertyValues("sctp.listen.addresses[0]=127.0.0.1", "sctp.listen.addresses[1]=127.0.0.2",
                "sctp.listen.port=0", "sctp.listen.auto-startup=false", "sctp.clients.hss.addresses=10.1.0.1,::1",
                "sctp.clients.hss.port=3868", "sctp.clients.hss.auto-startup=false").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean("sctpListener-default", SctpServerAssociationFactory.class)
                            .getLocalAddress()).isEqualTo(SctpAddress.parse("127.0.0.1/127.0.0.2:0"));
                    assertThat(ctx.getBean(SctpClientAssociationFactory.class).getPeers())
                            .containsExactly(SctpAddress.parse("10.1.0.1/[::1]:3868"));
                });
    }

    @Test
    void aYamlListOfListenAddressesAloneCreatesTheListener() {
        runner.withPropertyValues("sctp.listen.addresses[0]=127.0.0.1", "sctp.listen.port=0",
                "sctp.listen.auto-startup=false").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx).hasBean("sctpListener-default").hasBean("sctpInbound");
                });
    }

    @Test
    void addressesStillBindFromOneText() {
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1/127.0.0.2:0", "sctp.listen.auto-startup=false")
                .run(ctx -> assertThat(ctx.getBean(SctpServerAssociationFactory.class).getLocalAddress())
                        .isEqualTo(SctpAddress.parse("127.0.0.1/127.0.0.2:0")));
    }

    @Test
    void aListOfHostsWithoutAPortFailsNamingTheProperty() {
        runner.withPropertyValues("sctp.listen.addresses[0]=127.0.0.1", "sctp.listen.addresses[1]=127.0.0.2")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("sctp.listen.addresses")
                            .hasMessageContaining("needs the port property");
                });
        runner.withPropertyValues("sctp.clients.hss.addresses=10.0.0.1:3868", "sctp.clients.hss.port=3868")
                .run(ctx -> assertThat(ctx.getStartupFailure()).rootCause()
                        .hasMessageContaining("give the port once"));
    }

    @Test
    void aKeyThatBindsToNothingFailsStartUpNamingIt() {
        runner.withPropertyValues("sctp.listen.adresses=127.0.0.1:3868").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("sctp.listen.adresses");
        });
        runner.withPropertyValues("sctp.clients.hss.addresses=127.0.0.1:3868", "sctp.clients.hss.auto-startup=false",
                "sctp.clients.hss.conect-timeout=5s").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause()
                            .hasMessageContaining("sctp.clients.hss.conect-timeout");
                });
    }

    @Test
    void listenKeysWithoutAddressesAreReportedAsConfiguringNothing(CapturedOutput output) {
        runner.withPropertyValues("sctp.listen.streams.outbound=16", "sctp.listen.port=3868").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).doesNotHaveBean(SctpServerAssociationFactory.class);
            assertThat(output).contains("SCTP properties [sctp.listen.port, sctp.listen.streams.outbound] configure"
                    + " nothing");
        });
    }

    @Test
    void aReplyTimeoutOfAOneWayClientIsReportedAsConfiguringNothing(CapturedOutput output) {
        runner.withPropertyValues("sctp.clients.hss.addresses=127.0.0.1:3868", "sctp.clients.hss.auto-startup=false",
                "sctp.clients.hss.reply-timeout=2s", "sctp.clients.hlr.addresses=127.0.0.1:3869",
                "sctp.clients.hlr.auto-startup=false", "sctp.clients.hlr.mode=request-reply",
                "sctp.clients.hlr.reply-timeout=3s").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(output).contains("SCTP properties [sctp.clients.hss.reply-timeout] configure nothing")
                            .doesNotContain("sctp.clients.hlr.reply-timeout");
                });
    }

    @Test
    void anApplicationServerFactoryMakesTheDefaultListenerBackOffEntirely(CapturedOutput output) {
        runner.withUserConfiguration(OwnServerFactory.class)
                .withPropertyValues("sctp.listen.addresses=127.0.0.1:0").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx).hasSingleBean(SctpServerAssociationFactory.class)
                            .doesNotHaveBean("sctpListener-default").doesNotHaveBean("sctpInbound")
                            .doesNotHaveBean("sctpOutbound").doesNotHaveBean(SctpReceivingChannelAdapter.class)
                            .doesNotHaveBean(SctpSendingMessageHandler.class);
                    assertThat(ctx.getBean("myServer", SctpServerAssociationFactory.class).getListener()).isNull();
                    assertThat(output).contains("sctp.listen.* configures nothing").contains("myServer");
                });
    }

    @Test
    void anApplicationServerFactoryWithADslGatewayStartsAlongsideSctpListen(CapturedOutput output) {
        // before the default listener backed off, its adapter was attached to this factory too: "already has listener"
        runner.withUserConfiguration(OwnServerFactoryWithDslGateway.class)
                .withPropertyValues("sctp.listen.addresses=127.0.0.1:0").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean("myServer", SctpServerAssociationFactory.class).getListener())
                            .isInstanceOf(SctpInboundGateway.class);
                    assertThat(ctx).doesNotHaveBean("sctpListener-default")
                            .doesNotHaveBean(SctpReceivingChannelAdapter.class);
                    assertThat(output).contains("sctp.listen.* configures nothing");
                });
    }

    @Test
    void aReplacedOutboundHandlerIsSubscribedToTheOutboundChannel() {
        runner.withUserConfiguration(OwnOutboundHandler.class)
                .withPropertyValues("sctp.listen.addresses=127.0.0.1:0", "sctp.listen.auto-startup=false",
                        "sctp.clients.hss.addresses=127.0.0.1:3868", "sctp.clients.hss.auto-startup=false")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    // auto-startup is off so that no socket opens; start the consumer as the application would
                    ctx.getBean("sctpListener-default-outbound.consumer", EventDrivenConsumer.class).start();
                    ctx.getBean("sctpOutbound", MessageChannel.class).send(MessageBuilder.withPayload("x").build());
                    assertThat(ctx.getBean(OwnOutboundHandler.class).handled.stream().map(m -> (Object) m.getPayload()))
                            .containsExactly("x");
                });
    }

    @Test
    void receivedMessagesNameTheOutboundChannelAsReplyChannel() {
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1:0", "sctp.listen.auto-startup=false",
                "sctp.listeners.m3ua.addresses=127.0.0.1:0", "sctp.listeners.m3ua.auto-startup=false",
                "sctp.listeners.m3ua.outbound-channel=sigtranOut", "sctp.clients.hss.addresses=127.0.0.1:3868",
                "sctp.clients.hss.auto-startup=false").run(ctx -> {
                    assertThat(replyChannel(ctx.getBean("sctpListener-default", SctpServerAssociationFactory.class)))
                            .isEqualTo("sctpOutbound");
                    assertThat(replyChannel(ctx.getBean("sctpListener-m3ua", SctpServerAssociationFactory.class)))
                            .isEqualTo("sigtranOut");
                    assertThat(replyChannel(ctx.getBean(SctpClientAssociationFactory.class))).isEqualTo("hssOutbound");
                });
    }

    @Test
    void theErrorChannelIsTheInboundAdaptersErrorChannel() {
        runner.withUserConfiguration(ErrorChannel.class).withPropertyValues("sctp.listen.addresses=127.0.0.1:0",
                "sctp.listen.auto-startup=false", "sctp.listen.error-channel=diameterErrors").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean(SctpReceivingChannelAdapter.class).getErrorChannel())
                            .isSameAs(ctx.getBean("diameterErrors"));
                });
    }

    @Test
    void anErrorChannelIsRejectedWhereItWouldDoNothing() {
        runner.withPropertyValues("sctp.clients.hss.addresses=127.0.0.1:3868", "sctp.clients.hss.mode=request-reply",
                "sctp.clients.hss.error-channel=errors").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause()
                            .hasMessageContaining("clients[hss].error-channel")
                            .hasMessageContaining("has no effect in mode request-reply");
                });
    }

    @Test
    void requestReplyModeSubscribesAnOutboundGatewayToTheOutboundChannel() {
        runner.withPropertyValues("sctp.clients.hss.addresses=127.0.0.1:3868", "sctp.clients.hss.auto-startup=false",
                "sctp.clients.hss.mode=request-reply").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    SctpOutboundGateway gateway = ctx.getBean("sctpClient-hss-outbound", SctpOutboundGateway.class);
                    assertThat(ctx.getBean(SctpClientAssociationFactory.class).getListener()).isSameAs(gateway);
                    assertThat(ctx).doesNotHaveBean(SctpReceivingChannelAdapter.class)
                            .doesNotHaveBean(SctpSendingMessageHandler.class);
                    assertThat(ctx.getBean("sctpClient-hss-outbound.consumer",
                            EventDrivenConsumer.class).getInputChannel())
                            .isSameAs(ctx.getBean("hssOutbound"));
                });
    }

    private static String replyChannel(AbstractSctpAssociationFactory factory) {
        return ((SctpReplyChannelHeaderMapper) factory.getHeaderMapper()).getReplyChannel();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnServerFactory {

        @Bean
        SctpServerAssociationFactory myServer() {
            SctpServerAssociationFactory factory = new SctpServerAssociationFactory(0);
            factory.setAutoStartup(false);
            return factory;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnServerFactoryWithDslGateway {

        @Bean
        SctpServerAssociationFactory myServer() {
            SctpServerAssociationFactory factory = new SctpServerAssociationFactory(0);
            factory.setAutoStartup(false);
            return factory;
        }

        @Bean
        IntegrationFlow myServerFlow(SctpServerAssociationFactory myServer) {
            return IntegrationFlow.from(Sctp.inboundGateway(myServer).autoStartup(false)).handle((p, h) -> p).get();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnOutboundHandler {

        final List<Message<?>> handled = new CopyOnWriteArrayList<>();

        @Bean(name = "sctpListener-default-outbound")
        MessageHandler recordingHandler() {
            return handled::add;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ErrorChannel {

        @Bean
        QueueChannel diameterErrors() {
            return new QueueChannel();
        }
    }
}
