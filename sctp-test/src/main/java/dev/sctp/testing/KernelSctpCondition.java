package dev.sctp.testing;

import dev.sctp.SctpAvailability;
import dev.sctp.SctpUnavailableException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The extension behind {@link RequiresKernelSctp}: before the class's tests, it asks sctp-core whether the kernel
 * has SCTP and fails them with the reason and the fix if not.
 *
 * @since 0.1.0
 */
public final class KernelSctpCondition implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        check(SctpAvailability.unavailabilityCause(), context.getDisplayName());
    }

    /**
     * Fails when {@code cause} says the kernel lacks SCTP.
     *
     * @param cause why SCTP is unavailable, or {@code null} when it is available
     * @param tests the test class concerned, for the message
     * @throws AssertionError naming the cause and the fix
     */
    static void check(@Nullable Throwable cause, String tests) {
        if (cause == null) {
            return;
        }
        String reason = String.valueOf(cause.getMessage());
        if (!(cause instanceof SctpUnavailableException)) {
            reason = reason + "; " + SctpUnavailableException.FIX;
        }
        throw new AssertionError("The tests of " + tests + " need kernel SCTP, which this machine lacks: " + reason
                + ". Run them where the kernel has SCTP (a Linux host or VM with the sctp module loaded); they fail "
                + "rather than skip so that a run without SCTP cannot pass", cause);
    }
}
