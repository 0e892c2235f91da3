package dev.sctp.integration.connection;

import dev.sctp.SctpOption;
import dev.sctp.SctpOptions;
import java.util.Map;
import java.util.Set;

/**
 * Which socket options {@link SctpAssociation#setOption} may change on an association that is up: those that tune it
 * (paths, timers, acknowledgements, segmentation). The others either act only while an association is set up, or
 * would break what the factory relies on, and are refused with the reason.
 */
final class LiveOptions {

    private static final Set<SctpOption<?>> SETTABLE = Set.of(SctpOptions.PRIMARY_ADDR,
            SctpOptions.PEER_ADDR_PARAMS, SctpOptions.RTO_INFO, SctpOptions.ASSOC_INFO, SctpOptions.DELAYED_SACK,
            SctpOptions.NODELAY, SctpOptions.MAXSEG, SctpOptions.MAX_BURST, SctpOptions.DEFAULT_PRINFO,
            SctpOptions.SO_SNDBUF, SctpOptions.PARTIAL_DELIVERY_POINT);

    private static final String SETUP_ONLY = "it acts only while an association is set up";

    private static final Map<SctpOption<?>, String> REFUSED = Map.of(
            SctpOptions.SO_LINGER, "it changes how closing ends the association (0 turns the graceful SHUTDOWN "
                    + "into an ABORT, a positive value blocks the closing thread)",
            SctpOptions.DISABLE_FRAGMENTS, "sends up to the factory's maxMessageSize would then fail once they "
                    + "exceed the path MTU",
            SctpOptions.DEFAULT_SNDINFO, "every send of the factory carries its own send info, so it would have "
                    + "no effect",
            SctpOptions.FRAGMENT_INTERLEAVE, SETUP_ONLY,
            SctpOptions.INIT_MSG, SETUP_ONLY,
            SctpOptions.ADAPTATION_LAYER, SETUP_ONLY,
            SctpOptions.PR_SUPPORTED, SETUP_ONLY,
            SctpOptions.SO_RCVBUF, "the receive window was set up with the association",
            SctpOptions.REUSE_PORT, "it acts only before the socket binds",
            SctpOptions.SO_REUSEADDR, "it acts only before the socket binds");

    private LiveOptions() {
    }

    /** Throws if {@code option} may not be set on the live association {@code id}. */
    static void checkSettable(SctpOption<?> option, String id) {
        if (SETTABLE.contains(option)) {
            return;
        }
        String why = REFUSED.getOrDefault(option, "it is not known to be safe on an association in use");
        throw new IllegalArgumentException(option.name() + " cannot be set on association " + id + ": " + why
                + ". Set it on the factory instead (its setOption, or an SctpSocketSupport), so that every "
                + "association starts with it. Options settable on a live association: " + names());
    }

    private static String names() {
        return SETTABLE.stream().map(SctpOption::name).sorted().toList().toString();
    }
}
