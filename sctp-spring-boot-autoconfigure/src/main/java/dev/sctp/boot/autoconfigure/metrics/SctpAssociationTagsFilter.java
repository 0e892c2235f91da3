package dev.sctp.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Caps the associations that have meters of their own ({@code sctp.metrics.per-association}): meters of the
 * {@code sctp.association.} family whose {@code association} tag would be one more than
 * {@code sctp.metrics.max-association-tags} are denied, and one warning names the cap and the property that raises
 * it.
 *
 * <p>Unlike Micrometer's {@code MeterFilter.maximumAllowableTags}, which remembers every value it has seen, the cap
 * counts the associations open now: {@link #release} frees a slot when an association's meters are removed, so a
 * long-running server keeps measuring new peers after old ones have left.
 */
public final class SctpAssociationTagsFilter implements MeterFilter {

    /** The prefix of the per-association meters. */
    static final String PREFIX = "sctp.association.";

    /** The tag holding the peer's primary address and port. */
    static final String TAG = "association";

    private static final Log logger = LogFactory.getLog(SctpAssociationTagsFilter.class);

    private final int maxAssociations;
    // keyed by name tag and association tag: the same peer address may talk to two listeners at once
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * Creates the filter.
     *
     * @param maxAssociations {@code sctp.metrics.max-association-tags}, at least 1
     */
    public SctpAssociationTagsFilter(int maxAssociations) {
        if (maxAssociations < 1) {
            throw new IllegalArgumentException("sctp.metrics.max-association-tags must be at least 1, not "
                    + maxAssociations);
        }
        this.maxAssociations = maxAssociations;
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        String association = id.getTag(TAG);
        if (association == null || !id.getName().startsWith(PREFIX)) {
            return MeterFilterReply.NEUTRAL;
        }
        String key = key(String.valueOf(id.getTag("name")), association);
        if (live.contains(key)) {
            return MeterFilterReply.NEUTRAL;
        }
        synchronized (live) {
            if (live.size() < maxAssociations) {
                live.add(key);
                return MeterFilterReply.NEUTRAL;
            }
        }
        if (warned.compareAndSet(false, true)) {
            logger.warn("Reached " + maxAssociations + " associations with meters of their own: association "
                    + association + " is measured in the aggregate meters only. Raise"
                    + " sctp.metrics.max-association-tags, or turn sctp.metrics.per-association off");
        }
        return MeterFilterReply.DENY;
    }

    /**
     * Frees the slot of an association whose meters were removed.
     *
     * @param name the {@code name} tag of its meters
     * @param association its {@code association} tag
     */
    public void release(String name, String association) {
        synchronized (live) {
            live.remove(key(name, association));
        }
    }

    /** Returns the number of associations holding a slot now. */
    int liveAssociations() {
        return live.size();
    }

    private static String key(String name, String association) {
        return name + ' ' + association;
    }
}
