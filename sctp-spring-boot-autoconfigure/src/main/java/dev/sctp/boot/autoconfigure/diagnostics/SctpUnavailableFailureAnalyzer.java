package dev.sctp.boot.autoconfigure.diagnostics;

import dev.sctp.SctpUnavailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a start-up that failed because the kernel has no SCTP ({@link SctpUnavailableException}) as Boot's
 * "APPLICATION FAILED TO START" with what failed and how to make SCTP available, instead of a stack trace.
 */
public final class SctpUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<SctpUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SctpUnavailableException cause) {
        String message = String.valueOf(cause.getMessage());
        int fix = message.indexOf("; " + SctpUnavailableException.FIX);
        String detail = fix >= 0 ? message.substring(0, fix) : message;
        String description = "The kernel of this host provides no SCTP, so the SCTP listeners and clients cannot"
                + " open sockets (" + detail + ", errno " + cause.errno() + ").";
        String action = """
                Make kernel SCTP available:
                \t- load the module: sudo modprobe sctp (on some distributions it ships in an extra package, \
                such as linux-modules-extra-$(uname -r));
                \t- check that it is not blacklisted: grep -r sctp /etc/modprobe.d, and remove a 'blacklist sctp' \
                or 'install sctp /bin/true' line;
                \t- in a container, load it on the host: containers share the host's kernel.
                Or set sctp.enabled=false to start without SCTP.""";
        return new FailureAnalysis(description, action, cause);
    }
}
