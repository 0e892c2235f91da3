package dev.sctp;

import java.util.Objects;

/**
 * A typed socket option of an SCTP socket; the constants are in {@link SctpOptions}.
 *
 * @param <T> the value type
 */
public final class SctpOption<T> {

    private final String name;
    private final Class<T> type;

    SctpOption(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
    }

    /** Returns the option's name, as in {@code linux/sctp.h} (for example {@code SCTP_NODELAY}). */
    public String name() {
        return name;
    }

    /** Returns the type of the option's value. */
    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return name;
    }
}
