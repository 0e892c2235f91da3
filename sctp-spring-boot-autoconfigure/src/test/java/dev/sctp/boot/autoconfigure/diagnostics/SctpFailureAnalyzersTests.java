package dev.sctp.boot.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.SctpAddress;
import dev.sctp.SctpNetwork;
import dev.sctp.SctpServerSocket;
import dev.sctp.SctpUnavailableException;
import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.boot.autoconfigure.app.UppercaseServer;
import dev.sctp.test.RequiresSctp;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextException;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Start-up failures of SCTP end in Boot's "APPLICATION FAILED TO START" with a description and an action, without a
 * stack trace: a listener address in use and an address not on this host for real, no kernel SCTP on the exception
 * sctp-core throws for it (the test VM has SCTP).
 */
@RequiresSctp
@ExtendWith(OutputCaptureExtension.class)
class SctpFailureAnalyzersTests {

    @Test
    void aListenerAddressInUseIsReportedWithThePropertyToChange(CapturedOutput output) throws Exception {
        try (SctpServerSocket taken = SctpServerSocket.open(SctpNetwork.SCTP, SctpAddress.parse("127.0.0.1:0"))) {
            taken.bind(SctpAddress.parse("127.0.0.1:0"), 0);
            int port = taken.localAddress().port();
            assertThatThrownBy(() -> Apps.run(UppercaseServer.class, "sctp.listen.addresses=127.0.0.1:" + port))
                    .isInstanceOf(ApplicationContextException.class);
            assertThat(output).contains("APPLICATION FAILED TO START")
                    .contains("The SCTP listener 'default' cannot listen on 127.0.0.1:" + port
                            + ": the address is already in use")
                    .contains("Stop the process that listens on SCTP port " + port)
                    .contains("change sctp.listen.addresses to a free port");
            assertNoStackTrace(output);
        }
    }

    @Test
    void aListenerAddressNotOnThisHostIsReportedWithThePropertyToChange(CapturedOutput output) {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of the test machine
        assertThatThrownBy(() -> Apps.run(UppercaseServer.class, "sctp.listeners.diameter.addresses=192.0.2.1:0",
                "sctp.listeners.diameter.inbound-channel=sctpInbound"))
                .isInstanceOf(ApplicationContextException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The SCTP listener 'diameter' cannot listen on 192.0.2.1:0: an address is not an address"
                        + " of this host")
                .contains("Change sctp.listeners.diameter.addresses to addresses of this host's interfaces");
        assertNoStackTrace(output);
    }

    @Test
    void noKernelSctpIsReportedWithHowToLoadIt() {
        SctpUnavailableException cause = new SctpUnavailableException(
                "socket failed: EPROTONOSUPPORT (Protocol not supported)");
        Exception failure = new ApplicationContextException("Failed to start bean 'sctpListener-default'",
                new UncheckedIOException("Factory 'sctpListener-default' cannot listen on :3868: "
                        + cause.getMessage(), cause));
        // the analyzers Boot loads from spring.factories, so that the registration is checked too
        FailureAnalysis analysis = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> { }))
                .stream().map(analyzer -> analyzer.analyze(failure)).filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new AssertionError("no failure analysis of " + failure));
        assertThat(analysis.getDescription()).contains("provides no SCTP")
                .contains("socket failed: EPROTONOSUPPORT (Protocol not supported)")
                .doesNotContain(SctpUnavailableException.FIX);
        assertThat(analysis.getAction()).contains("modprobe sctp").contains("/etc/modprobe.d")
                .contains("sctp.enabled=false");
        assertThat(analysis.getCause()).isSameAs(cause);
    }

    @Test
    void otherBindFailuresAreLeftToBoot() {
        Exception failure = new IllegalStateException("x", new java.net.BindException("Address already in use"));
        assertThat(new SctpBindFailureAnalyzer().analyze(failure)).isNull();
    }

    private static void assertNoStackTrace(CapturedOutput output) {
        assertThat(output).contains("Description:").contains("Action:").doesNotContain("\tat ")
                .doesNotContain("Application run failed");
    }
}
