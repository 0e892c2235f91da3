package dev.sctp.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Start-up validation of {@code sctp.*}: a bad address or an impossible value stops the application with a message
 * that names the property and the value.
 */
class SctpPropertiesValidationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, SctpAutoConfiguration.class))
            .withPropertyValues("sctp.listen.auto-startup=false");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            sctp.listen.addresses=10.0.0.1/10.0.0.2          | listen.addresses         | [10.0.0.1/10.0.0.2]     | missing port
            sctp.listeners.x.backlog=5                       | listeners[x].addresses   | []                      | is required
            sctp.clients.hss.addresses=10.1.0.1:0            | clients[hss].addresses   | [10.1.0.1:0]            | needs the peer's port
            sctp.clients.hss.addresses=:3868                 | clients[hss].addresses   | [:3868]                 | not a wildcard
            sctp.listen.streams.outbound=0                   | listen.streams.outbound  | 0                       | between 1 and 65535
            sctp.listen.streams.inbound=70000                | listen.streams.inbound   | 70000                   | between 1 and 65535
            sctp.listen.sack-delay=600ms                     | listen.sack-delay        | PT0.6S                  | between 1ms and 500ms, but is 600ms
            sctp.listen.rto.min=1500us                       | listen.rto.min           | PT0.0015S               | whole number of milliseconds
            sctp.listen.send.ppid=-1                         | listen.send.ppid         | -1                      | between 0 and 4294967295
            sctp.listen.max-message-size=0B                  | listen.max-message-size  | 0B                      | between 1B
            sctp.listen.max-partial-message-bytes=32KB       | listen.max-partial-message-bytes | 32768B          | must be at least max-message-size (65536B)
            sctp.listen.max-associations=0                   | listen.max-associations  | 0                       | between 1 and
            sctp.listen.max-associations-per-peer=0          | listen.max-associations-per-peer | 0               | between 1 and
            sctp.listen.allowed-peers=peers.example.com      | listen.allowed-peers[0]  | -                       | host names are not allowed
            sctp.listen.allowed-peers=10.0.0.0/8,10.0.0.0/33 | listen.allowed-peers[1]  | -                       | prefix length must be between 0 and 32
            sctp.listen.allowed-peers=fd00::/129             | listen.allowed-peers[0]  | -                       | prefix length must be between 0 and 128
            sctp.listen.linger=-1s                           | listen.linger            | PT-1S                   | between 0s
            sctp.listen.linger=500ms                         | listen.linger            | PT0.5S                  | whole number of seconds
            sctp.listen.init.max-timeout=70s                 | listen.init.max-timeout  | PT1M10S                 | between 1ms and 65535ms, but is 70s
            sctp.listeners.default.addresses=127.0.0.1:0     | listeners[default]       | -                       | reserved
            sctp.metrics.poll-interval=0s                    | metrics.poll-interval    | PT0S                    | must be positive
            sctp.metrics.max-association-tags=0              | metrics.max-association-tags | 0                   | between 1 and
            """)
    void rejectsImpossibleValues(String property, String field, String value, String reason) {
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1:0", property).run(ctx -> {
            assertThat(ctx).hasFailed();
            String message = messages(ctx.getStartupFailure());
            assertThat(message).contains("on field '" + field + "'").contains(reason);
            if (!value.equals("-")) {
                assertThat(message).contains("on field '" + field + "': rejected value [" + value + "]");
            }
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            sctp.listen.addresses=10.0.0.1//10.0.0.2:3868    | sctp.listen.addresses     | empty host
            sctp.listen.addresses=10.0.0.1:70000             | sctp.listen.addresses     | out of range
            sctp.clients.hss.addresses[1]=[::1               | sctp.clients.hss.addresses[1] | missing ']'
            """)
    void aMalformedAddressFailsBindingNamingTheKeyAndTheValue(String property, String key, String reason) {
        // Malformed elements fail when they are bound (SctpHostAddressConverter), before the validator runs
        runner.withPropertyValues("sctp.listen.addresses=127.0.0.1:0", "sctp.clients.hss.addresses[0]=10.1.0.1",
                "sctp.clients.hss.port=3868", property).run(ctx -> {
                    assertThat(ctx).hasFailed();
                    String value = property.substring(property.indexOf('=') + 1);
                    assertThat(messages(ctx.getStartupFailure()))
                            .contains("Failed to bind properties under '" + key + "'").contains(reason);
                    assertThat(analyze(ctx.getStartupFailure()).getDescription()).contains("Property: " + key)
                            .contains("Value: \"" + value + "\"").contains(reason);
                });
    }

    @Test
    void rejectsRtoMinAboveMaxAndReconnectDelays() {
        runner.withPropertyValues("sctp.clients.hss.addresses=10.1.0.1:3868", "sctp.clients.hss.rto.min=5s",
                "sctp.clients.hss.rto.max=1s", "sctp.clients.hss.reconnect.initial-delay=10s",
                "sctp.clients.hss.reconnect.max-delay=1s", "sctp.clients.hss.reconnect.multiplier=0.5").run(ctx -> {
                    String message = messages(ctx.getStartupFailure());
                    assertThat(message).contains("'clients[hss].rto.min'", "must not exceed rto.max (1s), but is 5s")
                            .contains("'clients[hss].reconnect.max-delay'")
                            .contains("'clients[hss].reconnect.multiplier'");
                });
    }

    @Test
    void rejectsDuplicateNamesAndSharedOutboundChannels() {
        runner.withPropertyValues("sctp.listeners.hss.addresses=127.0.0.1:0",
                "sctp.clients.hss.addresses=10.1.0.1:3868", "sctp.clients.hlr.addresses=10.1.0.2:3868",
                "sctp.clients.hlr.outbound-channel=sctpOutbound", "sctp.listen.addresses=127.0.0.1:0").run(ctx -> {
                    String message = messages(ctx.getStartupFailure());
                    assertThat(message).contains("'clients[hss]'", "already used by sctp.listeners[hss]")
                            .contains("'clients[hlr].outbound-channel'", "already the outbound channel of sctp.listen");
                });
    }

    @Test
    void failureAnalysisNamesThePropertyAndTheValue() {
        runner.withPropertyValues("sctp.listen.addresses=10.0.0.1/10.0.0.2").run(ctx -> {
            FailureAnalysis analysis = analyze(ctx.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Property: sctp.listen.addresses")
                    .contains("Value: \"[10.0.0.1/10.0.0.2]\"").contains("missing port");
        });
    }

    @Test
    void acceptsHostNamesIpv6AndWildcards() {
        runner.withPropertyValues("sctp.listen.addresses=localhost/[::1]:0",
                "sctp.listeners.any.addresses=:2905", "sctp.listeners.any.auto-startup=false",
                "sctp.clients.hss.addresses=127.0.0.1/[::1]:3868", "sctp.clients.hss.auto-startup=false")
                .run(ctx -> assertThat(ctx).hasNotFailed());
    }

    static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    static FailureAnalysis analyze(Throwable failure) {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader
                .forDefaultResourceLocation(SctpPropertiesValidationTests.class.getClassLoader())
                .load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> { }));
        return analyzers.stream().map(a -> a.analyze(failure)).filter(Objects::nonNull).findFirst().orElseThrow(
                () -> new AssertionError("no failure analysis for " + failure));
    }
}
