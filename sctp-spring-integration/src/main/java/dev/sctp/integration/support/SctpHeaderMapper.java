package dev.sctp.integration.support;

import dev.sctp.SendInfo;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpReceivedMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.integration.mapping.HeaderMapper;
import org.springframework.messaging.MessageHeaders;

/**
 * Maps SCTP message metadata to and from message headers ({@link SctpHeaders}).
 *
 * <p>Inbound, {@link #toHeaders} describes a received message: association, stream, PPID, flags, sequence numbers,
 * addresses and factory. Outbound, {@link #toSendInfo} builds the send information from the stream, PPID,
 * unordered, context and lifetime headers, falling back to the given defaults. Unlike TCP's mapper it works both
 * ways, so a reply built from a request's headers goes back on the request's association and stream.
 *
 * <p>As Spring Integration's {@link HeaderMapper} it maps {@link SctpMessageMetadata}:
 * {@link #toHeaders(SctpMessageMetadata)} gives a received message's headers (or an outbound message's send
 * headers), {@link #fromHeaders} fills in the send information of an outbound message. Subclasses may add headers
 * with {@link #supplyCustomHeaders}.
 *
 * @since 0.1.0
 */
public class SctpHeaderMapper implements HeaderMapper<SctpMessageMetadata> {

    private boolean mapAddresses = true;
    // the last value boxed, per header: a stream, PPID or context that repeats is boxed once, not per message
    private final LastBox streams = new LastBox();
    private final LastBox ppids = new LastBox();
    private final LastBox contexts = new LastBox();

    /**
     * Sets whether inbound messages get the address headers (remote, primary and local addresses and ports); default
     * true. The addresses are cached per association, so they cost no system call per message.
     *
     * @param mapAddresses whether to map addresses
     */
    public void setMapAddresses(boolean mapAddresses) {
        this.mapAddresses = mapAddresses;
    }

    /**
     * Returns the headers of a message received on {@code association}.
     *
     * @param association the association it arrived on
     * @param message the received message
     * @return a new mutable map of headers
     */
    public Map<String, Object> toHeaders(SctpAssociation association, SctpReceivedMessage message) {
        Map<String, Object> headers = new HashMap<>(24); // room for the 13 SCTP headers and a few more
        headers.put(SctpHeaders.ASSOCIATION_ID, association.getId());
        headers.put(SctpHeaders.STREAM_ID, streams.box(message.streamId()));
        headers.put(SctpHeaders.PPID, ppids.box(message.ppid()));
        headers.put(SctpHeaders.UNORDERED, message.unordered());
        headers.put(SctpHeaders.CONTEXT, contexts.box(message.context()));
        headers.put(SctpHeaders.SSN, message.ssn());
        headers.put(SctpHeaders.TSN, message.tsn());
        headers.put(SctpHeaders.FACTORY_NAME, association.getFactory().getComponentName());
        if (mapAddresses) {
            putAddresses(association, headers);
        }
        Map<String, ?> custom = supplyCustomHeaders(association, message);
        if (custom != null) {
            headers.putAll(custom);
        }
        return headers;
    }

    /**
     * Returns the headers of {@code source}: those of {@link #toHeaders(SctpAssociation, SctpReceivedMessage)} for a
     * received message, else the stream, PPID, unordered and context headers of its send information.
     *
     * @param source the metadata
     * @return a new mutable map of headers
     */
    @Override
    public Map<String, Object> toHeaders(SctpMessageMetadata source) {
        SctpAssociation association = source.getAssociation();
        SctpReceivedMessage received = source.getReceived();
        if (association != null && received != null) {
            return toHeaders(association, received);
        }
        SendInfo info = source.getSendInfo();
        Map<String, Object> headers = new HashMap<>(8);
        headers.put(SctpHeaders.STREAM_ID, info.streamId());
        headers.put(SctpHeaders.PPID, info.ppid());
        headers.put(SctpHeaders.UNORDERED, info.unordered());
        headers.put(SctpHeaders.CONTEXT, info.context());
        return headers;
    }

    /**
     * Sets {@code target}'s send information from {@code headers}, as {@link #toSendInfo} does, starting from what
     * the target holds.
     *
     * @param headers the outbound message's headers
     * @param target the metadata to fill in
     * @throws IllegalArgumentException if a header has an unusable value; the message names the header
     */
    @Override
    public void fromHeaders(MessageHeaders headers, SctpMessageMetadata target) {
        target.setSendInfo(toSendInfo(headers, target.getSendInfo()));
    }

    /**
     * Puts the address headers of {@code association} into {@code headers}.
     *
     * @param association the association
     * @param headers the headers to add to
     */
    public void putAddresses(SctpAssociation association, Map<String, Object> headers) {
        association.getAddressHeaders().putInto(headers);
    }

    /**
     * Returns extra headers for a received message; none by default.
     *
     * @param association the association
     * @param message the received message
     * @return headers to add, or {@code null}
     */
    protected @Nullable Map<String, ?> supplyCustomHeaders(SctpAssociation association,
            SctpReceivedMessage message) {
        return null;
    }

    /**
     * Returns the send information for a message with {@code headers}: each of stream, PPID, unordered, context
     * and lifetime comes from its header when present, else from {@code defaults}.
     *
     * @param headers the outbound message's headers
     * @param defaults what to use for absent headers
     * @return the send information
     * @throws IllegalArgumentException if a header has a value of the wrong type or out of range; the message names
     *     the header
     */
    public SendInfo toSendInfo(MessageHeaders headers, SendInfo defaults) {
        SendInfo info = defaults;
        // A header equal to the current value needs no copy, except on SendInfo.DEFAULT: a message sent with it
        // takes the socket's DEFAULT_SNDINFO and DEFAULT_PRINFO, so a header there must still make it explicit.
        Integer stream = intHeader(headers, SctpHeaders.STREAM_ID);
        if (stream != null && !(explicit(info) && stream == info.streamId())) {
            info = info.withStream(stream);
        }
        Integer ppid = intHeader(headers, SctpHeaders.PPID);
        if (ppid != null && !(explicit(info) && ppid == info.ppid())) {
            info = info.withPpid(ppid);
        }
        Object unordered = headers.get(SctpHeaders.UNORDERED);
        if (unordered != null) {
            boolean value = toBoolean(SctpHeaders.UNORDERED, unordered);
            info = explicit(info) && value == info.unordered() ? info : info.withUnordered(value);
        }
        Integer context = intHeader(headers, SctpHeaders.CONTEXT);
        if (context != null && !(explicit(info) && context == info.context())) {
            info = info.withContext(context);
        }
        Object lifetime = headers.get(SctpHeaders.LIFETIME);
        if (lifetime != null) {
            info = info.withLifetime(toDuration(SctpHeaders.LIFETIME, lifetime));
        }
        return info;
    }

    /** Whether {@code info} sets every field itself (a copy of it would change only the field copied). */
    private static boolean explicit(SendInfo info) {
        return !info.usesSocketDefaults();
    }

    private static @Nullable Integer intHeader(MessageHeaders headers, String name) {
        Object value = headers.get(name);
        return value == null ? null : toInt(name, value);
    }

    /**
     * Converts a header or expression value to an int: a {@link Number} (a {@code long} up to 2^32-1 is taken as
     * unsigned) or a decimal {@link String}.
     *
     * @param name the header or expression, for the error message
     * @param value the value
     * @return the int
     * @throws IllegalArgumentException if the value is of another type or out of range
     */
    public static int toInt(String name, Object value) {
        long v;
        if (value instanceof Number number) {
            v = number.longValue();
        } else if (value instanceof String text) {
            try {
                v = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + name + "' must be a number, not \"" + text + "\"", e);
            }
        } else {
            throw new IllegalArgumentException("'" + name + "' must be a Number or String, not "
                    + value.getClass().getName());
        }
        if (v < Integer.MIN_VALUE || v > 0xffffffffL) {
            throw new IllegalArgumentException("'" + name + "' value " + v + " does not fit 32 bits");
        }
        return (int) v;
    }

    /**
     * Converts a header or expression value to a boolean: a {@link Boolean} or {@code "true"}/{@code "false"}.
     *
     * @param name the header or expression, for the error message
     * @param value the value
     * @return the boolean
     */
    public static boolean toBoolean(String name, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("'" + name + "' must be a Boolean, not " + value);
    }

    /**
     * Converts a header or expression value to a duration: a {@link Duration}, a number of milliseconds, or a string
     * in the forms Spring users write: milliseconds ({@code "500"}), with a unit ({@code "500ms"}, {@code "2s"},
     * {@code "1m"}) or ISO-8601 ({@code "PT2S"}).
     *
     * @param name the header or expression, for the error message
     * @param value the value
     * @return the duration
     */
    public static Duration toDuration(String name, Object value) {
        if (value instanceof Duration duration) {
            return duration;
        }
        if (value instanceof Number number) {
            return Duration.ofMillis(number.longValue());
        }
        if (value instanceof String text) {
            String trimmed = text.trim();
            try {
                return trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()
                        ? Duration.ofMillis(Long.parseLong(trimmed))
                        : DurationFormatterUtils.detectAndParse(trimmed);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + name + "' is not a duration: \"" + text + "\"; write "
                        + "milliseconds (\"500\"), a number with a unit (\"500ms\", \"2s\") or ISO-8601 (\"PT2S\")", e);
            }
        }
        throw new IllegalArgumentException("'" + name + "' must be a Duration or milliseconds, not "
                + value.getClass().getName());
    }
}
