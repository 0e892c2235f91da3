package dev.sctp.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Caps the distinct values of the {@code stream} tag of the {@code sctp.} meters ({@code sctp.metrics.per-stream}),
 * as Boot caps the URI tags of HTTP meters: meters of streams beyond the cap are denied, and one warning names the
 * cap and the property that raises it.
 */
final class SctpStreamTagsFilter {

    private static final Log logger = LogFactory.getLog(SctpStreamTagsFilter.class);

    private SctpStreamTagsFilter() {
    }

    /**
     * Returns the filter.
     *
     * @param maxStreamTags {@code sctp.metrics.max-stream-tags}
     * @return a filter for the meter registries
     */
    static MeterFilter of(int maxStreamTags) {
        AtomicBoolean warned = new AtomicBoolean();
        MeterFilter deny = new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                if (warned.compareAndSet(false, true)) {
                    logger.warn("Reached " + maxStreamTags + " stream tags of meter '" + id.getName() + "': meters"
                            + " of further streams are not recorded. Raise sctp.metrics.max-stream-tags, or turn"
                            + " sctp.metrics.per-stream off");
                }
                return MeterFilterReply.DENY;
            }
        };
        return MeterFilter.maximumAllowableTags("sctp.", "stream", maxStreamTags, deny);
    }
}
