package dev.sctp.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.SctpUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The condition's verdicts and the wait helper; runs with or without kernel SCTP. */
class KernelSctpConditionTest {

    @Test
    void aKernelWithoutSctpFailsTheTestsNamingTheCauseAndTheFix() {
        IOException cause = new IOException("socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP): EPROTONOSUPPORT");
        assertThatThrownBy(() -> KernelSctpCondition.check(cause, "PeerTest"))
                .isInstanceOf(AssertionError.class).hasCause(cause)
                .hasMessageStartingWith("The tests of PeerTest need kernel SCTP")
                .hasMessageContaining("EPROTONOSUPPORT")
                .hasMessageContaining(SctpUnavailableException.FIX)
                .hasMessageContaining("fail rather than skip");
        assertThatCode(() -> KernelSctpCondition.check(null, "PeerTest")).doesNotThrowAnyException();
    }

    @Test
    void awaitReturnsOnceTheConditionHoldsAndOtherwiseReportsTheState() {
        AtomicInteger polls = new AtomicInteger();
        SctpAwait.until(() -> polls.incrementAndGet() >= 3, Duration.ofSeconds(10), () -> "never");
        assertThatThrownBy(() -> SctpAwait.until(() -> false, Duration.ofMillis(50), () -> "2 associations open"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("PT0.05S")
                .hasMessageContaining("2 associations open");
    }
}
