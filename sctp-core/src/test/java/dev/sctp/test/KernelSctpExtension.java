package dev.sctp.test;

import dev.sctp.SctpAvailability;
import dev.sctp.SctpUnavailableException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test class, with the reason and the fix, when the kernel has no SCTP. It never skips: in CI every SCTP
 * test runs against the real kernel in the VM, so a skip would hide a failure.
 */
public final class KernelSctpExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Throwable cause = SctpAvailability.unavailabilityCause();
        if (cause != null) {
            String message = cause.getMessage();
            if (!(cause instanceof SctpUnavailableException)) {
                message = message + "; " + SctpUnavailableException.FIX;
            }
            // The library's message speaks to its users; this hint is for someone running this project's tests.
            throw new AssertionError(message + ". To run these tests on a machine without kernel SCTP, use"
                    + " scripts/test, which runs them in a VM whose kernel has it", cause);
        }
    }
}
