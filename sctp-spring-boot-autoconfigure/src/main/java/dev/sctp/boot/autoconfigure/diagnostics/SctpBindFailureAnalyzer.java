package dev.sctp.boot.autoconfigure.diagnostics;

import dev.sctp.boot.autoconfigure.SctpEndpointNames;
import java.net.BindException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an SCTP listener that could not bind its addresses, as Boot's "APPLICATION FAILED TO START" naming the
 * listener, the addresses and the property to change: the address is already in use ({@code EADDRINUSE}), or is not
 * an address of this host ({@code EADDRNOTAVAIL}). Other bind failures are left to Boot's default report.
 */
public final class SctpBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    // The listener factory's message, e.g. Factory 'sctpListener-default' cannot listen on 127.0.0.1:3868: bind...
    private static final Pattern LISTEN = Pattern.compile("Factory '([^']+)' cannot listen on (.+?): ");

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        String error = String.valueOf(cause.getMessage());
        boolean inUse = error.contains("EADDRINUSE");
        boolean notHere = error.contains("EADDRNOTAVAIL");
        Matcher listen = find(rootFailure);
        if (!(inUse || notHere) || listen == null) {
            return null;
        }
        String factory = listen.group(1);
        String addresses = listen.group(2);
        String property = property(factory);
        String who = property != null ? "The SCTP listener '" + name(factory) + "'" : "The SCTP factory '"
                + factory + "'";
        String change = property != null ? property : "the factory's local address";
        if (inUse) {
            String port = addresses.substring(addresses.lastIndexOf(':') + 1);
            return new FailureAnalysis(who + " cannot listen on " + addresses + ": the address is already in use ("
                    + error + ").", "Stop the process that listens on SCTP port " + port + " (it is listed in"
                    + " /proc/net/sctp/eps, or by ss -Sln), or change " + change + " to a free port (port 0 picks"
                    + " one).", cause);
        }
        return new FailureAnalysis(who + " cannot listen on " + addresses + ": an address is not an address of"
                + " this host (" + error + ").", "Change " + change + " to addresses of this host's interfaces"
                + " (ip -brief address lists them), or to :<port> to listen on all of them.", cause);
    }

    private static @Nullable Matcher find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher m = LISTEN.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return m;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static @Nullable String property(String factory) {
        String listener = SctpEndpointNames.listenerFactory("");
        if (!factory.startsWith(listener)) {
            return null;
        }
        String name = factory.substring(listener.length());
        return name.equals("default") ? "sctp.listen.addresses" : "sctp.listeners." + name + ".addresses";
    }

    private static String name(String factory) {
        return factory.substring(SctpEndpointNames.listenerFactory("").length());
    }
}
