package dev.sctp.integration.support;

import org.jspecify.annotations.Nullable;

/**
 * The last int boxed for one header, so a value that repeats from message to message (a stream, a PPID such as 46
 * or 1234 beyond {@link Integer#valueOf(int)}'s small cache) is boxed once rather than per message. Shared by the
 * threads that map headers without locking: an {@link Integer} is immutable (its value is a final field), so a
 * thread sees either no box or a complete one, and uses it only if it holds the value asked for.
 */
final class LastBox {

    private @Nullable Integer last;

    /** Returns {@code value} boxed: the cached box when it holds {@code value}, else a new one, then cached. */
    Integer box(int value) {
        if (value >= -128 && value <= 127) {
            return value; // Integer.valueOf's own cache: no write to the field the threads share
        }
        Integer cached = last;
        if (cached != null && cached == value) {
            return cached;
        }
        Integer boxed = value;
        last = boxed;
        return boxed;
    }
}
