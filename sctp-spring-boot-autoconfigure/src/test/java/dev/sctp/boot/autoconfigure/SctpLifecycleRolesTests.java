package dev.sctp.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.support.SmartLifecycleRoleController;

/**
 * A listener with {@code auto-startup: false} is a lifecycle role named as its factory bean: starting the role
 * starts the factory, its inbound adapter and its outbound consumer together, and stopping it stops them.
 */
@RequiresSctp
class SctpLifecycleRolesTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class,
                    SctpPropertiesAutoConfiguration.class, SctpAutoConfiguration.class));

    @Test
    void aListenerNotStartedWithTheApplicationStartsAndStopsAsOneRole() {
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1:0", "sctp.listen.auto-startup=false",
                "sctp.clients.hss.addresses=127.0.0.1:3868", "sctp.clients.hss.auto-startup=false").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    SmartLifecycleRoleController roles = ctx.getBean(SmartLifecycleRoleController.class);
                    assertThat(roles.getRoles()).contains("sctpListener-default", "sctpClient-hss");
                    assertThat(roles.getEndpointsRunningStatus("sctpListener-default")).containsOnlyKeys(
                            "sctpListener-default", "sctpListener-default-inbound",
                            "sctpListener-default-outbound.consumer");
                    SctpServerAssociationFactory listener = ctx.getBean(SctpServerAssociationFactory.class);
                    assertThat(listener.isRunning()).isFalse();
                    assertThat(roles.noEndpointsRunning("sctpListener-default")).isTrue();

                    roles.startLifecyclesInRole("sctpListener-default");
                    SctpTestUtils.waitListening(listener, TIMEOUT);
                    assertThat(roles.allEndpointsRunning("sctpListener-default")).isTrue();
                    assertThat(roles.noEndpointsRunning("sctpClient-hss")).isTrue();

                    roles.stopLifecyclesInRole("sctpListener-default");
                    assertThat(roles.noEndpointsRunning("sctpListener-default")).isTrue();
                    assertThat(listener.getBoundAddress()).isNull();
                });
    }
}
