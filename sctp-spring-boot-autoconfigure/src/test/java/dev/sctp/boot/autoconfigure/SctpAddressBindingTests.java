package dev.sctp.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * {@code addresses} binds to typed {@link SctpHostAddress} elements: one text with the port, a YAML list or a
 * comma-separated list of hosts with {@code port}, IPv6 literals with or without brackets; a bad host fails binding
 * with Boot's own message naming the key and the value. No test opens a socket.
 */
class SctpAddressBindingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class,
                    SctpPropertiesAutoConfiguration.class, SctpAutoConfiguration.class));

    @Test
    void aYamlListOfHostsWithAPortBindsForListenersAndClients() {
        yaml("""
                sctp:
                  listen:
                    addresses: [127.0.0.1, 127.0.0.2]
                    port: 0
                    auto-startup: false
                  listeners:
                    m3ua:
                      addresses:
                        - 127.0.0.3
                        - ::1
                      port: 2905
                      auto-startup: false
                  clients:
                    hss:
                      addresses: [10.1.0.1, 10.1.0.2]
                      port: 3868
                      failover-addresses: [10.2.0.1/10.2.0.2:3868, "[::1]:3869"]
                      local-addresses: 127.0.0.2:0
                      auto-startup: false
                """).run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(listener(ctx, "sctpListener-default").getLocalAddress())
                            .isEqualTo(SctpAddress.parse("127.0.0.1/127.0.0.2:0"));
                    assertThat(listener(ctx, "sctpListener-m3ua").getLocalAddress())
                            .isEqualTo(SctpAddress.parse("127.0.0.3/[::1]:2905"));
                    SctpClientAssociationFactory hss = ctx.getBean(SctpClientAssociationFactory.class);
                    assertThat(hss.getPeers()).containsExactly(SctpAddress.parse("10.1.0.1/10.1.0.2:3868"),
                            SctpAddress.parse("10.2.0.1/10.2.0.2:3868"), SctpAddress.parse("[::1]:3869"));
                    assertThat(hss.getLocalAddress()).isEqualTo(SctpAddress.parse("127.0.0.2:0"));
                });
    }

    @Test
    void oneTextWithThePortBinds() {
        yaml("""
                sctp:
                  listen:
                    addresses: 127.0.0.1/127.0.0.2:0
                    auto-startup: false
                  clients:
                    hss:
                      addresses: 10.1.0.1/[::1]:3868
                      auto-startup: false
                """).run(ctx -> {
                    assertThat(listener(ctx, "sctpListener-default").getLocalAddress())
                            .isEqualTo(SctpAddress.parse("127.0.0.1/127.0.0.2:0"));
                    assertThat(ctx.getBean(SctpClientAssociationFactory.class).getPeers())
                            .containsExactly(SctpAddress.parse("10.1.0.1/[::1]:3868"));
                });
    }

    @Test
    void aCommaSeparatedListOfHostsWithAPortBinds() {
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1, 127.0.0.2", "sctp.listen.port=0",
                "sctp.listen.auto-startup=false", "sctp.clients.hss.addresses=10.1.0.1,::1",
                "sctp.clients.hss.port=3868", "sctp.clients.hss.auto-startup=false").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(listener(ctx, "sctpListener-default").getLocalAddress())
                            .isEqualTo(SctpAddress.parse("127.0.0.1/127.0.0.2:0"));
                    assertThat(ctx.getBean(SctpClientAssociationFactory.class).getPeers())
                            .containsExactly(SctpAddress.parse("10.1.0.1/[::1]:3868"));
                });
    }

    @Test
    void ipv6LiteralsBindWithAndWithoutBrackets() {
        yaml("""
                sctp:
                  listen:
                    addresses: ["::1", "[::2]"]
                    port: 0
                    auto-startup: false
                  clients:
                    hss:
                      addresses: "[::1]:3868"
                      auto-startup: false
                """).run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(listener(ctx, "sctpListener-default").getLocalAddress())
                            .isEqualTo(SctpAddress.parse("[::1]/[::2]:0"));
                    assertThat(ctx.getBean(SctpClientAssociationFactory.class).getPeers())
                            .containsExactly(SctpAddress.parse("[::1]:3868"));
                });
    }

    @Test
    void aBadHostFailsBindingNamingTheKeyAndTheValue() {
        yaml("""
                sctp:
                  listen:
                    addresses: [127.0.0.1, 10.0.0.300]
                    port: 3868
                """).run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).hasRootCauseInstanceOf(IllegalArgumentException.class);
                    BindException bind = bindException(ctx.getStartupFailure());
                    assertThat(bind.getMessage()).startsWith("Failed to bind properties under"
                            + " 'sctp.listen.addresses[1]'");
                    FailureAnalysis analysis = SctpPropertiesValidationTests.analyze(ctx.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("Property: sctp.listen.addresses[1]")
                            .contains("Value: \"10.0.0.300\"")
                            .contains("invalid IPv4 address \"10.0.0.300\"")
                            .contains("addresses: [10.0.0.1, 10.0.0.2] with port: 3868");
                    assertThat(analysis.getAction()).contains("Update your application's configuration");
                });
    }

    @Test
    void aBadHostOfANamedListenerClientOrFailoverPeerNamesItsKey() {
        runner.withPropertyValues("sctp.listeners.m3ua.addresses[0]=bad host!", "sctp.listeners.m3ua.port=2905")
                .run(ctx -> assertThat(bindException(ctx.getStartupFailure()).getMessage())
                        .startsWith("Failed to bind properties under 'sctp.listeners.m3ua.addresses[0]'"));
        runner.withPropertyValues("sctp.clients.hss.addresses=10.1.0.1:3868",
                "sctp.clients.hss.failover-addresses[0]=10.2.0.1:99999")
                .run(ctx -> assertThat(bindException(ctx.getStartupFailure()).getMessage())
                        .startsWith("Failed to bind properties under 'sctp.clients.hss.failover-addresses[0]'"));
        runner.withPropertyValues("sctp.clients.hss.addresses=[fe80::1:3868")
                .run(ctx -> assertThat(SctpPropertiesValidationTests.messages(ctx.getStartupFailure()))
                        .contains("Failed to bind properties under 'sctp.clients.hss.addresses'")
                        .contains("missing ']'"));
        runner.withPropertyValues("sctp.clients.hss.addresses=10.1.0.1:3868",
                "sctp.clients.hss.local-addresses=10.0.0.1//10.0.0.2:0")
                .run(ctx -> assertThat(SctpPropertiesValidationTests.messages(ctx.getStartupFailure()))
                        .contains("Failed to bind properties under 'sctp.clients.hss.local-addresses'")
                        .contains("empty host"));
    }

    @Test
    void anEmptyAddressesValueCreatesNoListener() {
        runner.withPropertyValues("sctp.listen.addresses=", "sctp.clients.hss.addresses=10.1.0.1:3868",
                "sctp.clients.hss.auto-startup=false").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx).doesNotHaveBean(SctpServerAssociationFactory.class)
                            .hasSingleBean(SctpClientAssociationFactory.class);
                });
    }

    private ApplicationContextRunner yaml(String text) {
        PropertySource<?> source;
        try {
            source = new YamlPropertySourceLoader().load("test.yml",
                    new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8))).get(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return runner.withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(source));
    }

    private static SctpServerAssociationFactory listener(
            org.springframework.context.ApplicationContext ctx, String name) {
        return ctx.getBean(name, SctpServerAssociationFactory.class);
    }

    private static BindException bindException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return bind;
            }
        }
        throw new AssertionError("no BindException in " + failure);
    }
}
