package dev.sctp.integration.support;

import dev.sctp.SendInfo;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConverter;

/**
 * Decides how an outbound message is sent: its payload bytes and its {@link SendInfo}. Each of stream, PPID,
 * unordered, context and lifetime comes, in this order of precedence, from its SpEL expression (evaluated against
 * the message), from its {@link SctpHeaders} header, or from the default send information.
 *
 * @since 0.1.0
 */
public class SctpSendInfoResolver {

    private @Nullable SctpHeaderMapper headerMapper;
    private SctpHeaderMapper fallbackHeaderMapper = new SctpHeaderMapper();
    private SendInfo defaults = SendInfo.DEFAULT;
    private Charset charset = StandardCharsets.UTF_8;
    private EvaluationContext evaluationContext = SimpleEvaluationContext.forReadOnlyDataBinding()
            .withInstanceMethods().build();
    private @Nullable Expression streamIdExpression;
    private @Nullable Expression ppidExpression;
    private @Nullable Expression unorderedExpression;
    private @Nullable Expression contextExpression;
    private @Nullable Expression lifetimeExpression;
    private @Nullable MessageConverter messageConverter;

    /**
     * Sets the header mapper that reads the SCTP headers.
     *
     * @param headerMapper the mapper
     */
    public void setHeaderMapper(SctpHeaderMapper headerMapper) {
        this.headerMapper = headerMapper;
    }

    /**
     * Sets the header mapper used while none was set with {@link #setHeaderMapper}: the endpoints pass their
     * association factory's, so a custom mapper set on the factory maps headers both ways.
     *
     * @param headerMapper the mapper
     */
    public void setFallbackHeaderMapper(SctpHeaderMapper headerMapper) {
        this.fallbackHeaderMapper = headerMapper;
    }

    /** Returns the header mapper in use: the one set, or else the fallback (the factory's). */
    public SctpHeaderMapper getHeaderMapper() {
        SctpHeaderMapper mapper = headerMapper;
        return mapper != null ? mapper : fallbackHeaderMapper;
    }

    /**
     * Sets the send information used where neither an expression nor a header says otherwise; default
     * {@link SendInfo#DEFAULT} (stream 0, PPID 0, ordered).
     *
     * @param defaults the defaults
     */
    public void setDefaults(SendInfo defaults) {
        this.defaults = defaults;
    }

    /** Returns the default send information. */
    public SendInfo getDefaults() {
        return defaults;
    }

    /**
     * Sets the charset that encodes {@code String} payloads; default UTF-8.
     *
     * @param charset the charset
     */
    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    /**
     * Sets the converter of payloads other than {@code byte[]}, {@code String} and {@code ByteBuffer}, so a POJO can
     * be sent (for example a JSON converter); its {@code toMessage} must produce a {@code byte[]} or {@code String}
     * payload. None by default: such payloads are refused.
     *
     * @param messageConverter the converter, or {@code null}
     */
    public void setMessageConverter(@Nullable MessageConverter messageConverter) {
        this.messageConverter = messageConverter;
    }

    /** Returns the converter of other payloads, if any. */
    public @Nullable MessageConverter getMessageConverter() {
        return messageConverter;
    }

    /**
     * Sets the context expressions are evaluated in; by default a read-only {@link SimpleEvaluationContext} with
     * instance methods. Endpoints
     * in an application context use the integration evaluation context (bean references allowed).
     *
     * @param evaluationContext the context
     */
    public void setEvaluationContext(EvaluationContext evaluationContext) {
        this.evaluationContext = evaluationContext;
    }

    /**
     * Sets the expression for the stream id.
     *
     * @param expression evaluated against the message; a number
     */
    public void setStreamIdExpression(@Nullable Expression expression) {
        this.streamIdExpression = expression;
    }

    /**
     * Sets the expression for the payload protocol identifier.
     *
     * @param expression evaluated against the message; a number (host byte order)
     */
    public void setPpidExpression(@Nullable Expression expression) {
        this.ppidExpression = expression;
    }

    /**
     * Sets the expression for the unordered flag.
     *
     * @param expression evaluated against the message; a boolean
     */
    public void setUnorderedExpression(@Nullable Expression expression) {
        this.unorderedExpression = expression;
    }

    /**
     * Sets the expression for the context value.
     *
     * @param expression evaluated against the message; a number
     */
    public void setContextExpression(@Nullable Expression expression) {
        this.contextExpression = expression;
    }

    /**
     * Sets the expression for the PR-SCTP lifetime.
     *
     * @param expression evaluated against the message; a {@link Duration} or milliseconds
     */
    public void setLifetimeExpression(@Nullable Expression expression) {
        this.lifetimeExpression = expression;
    }

    /**
     * Returns the send information for {@code message}.
     *
     * @param message the outbound message
     * @return the send information
     * @throws IllegalArgumentException if a header or expression gives an unusable value; the message names it
     */
    public SendInfo resolve(Message<?> message) {
        return resolve(message, defaults);
    }

    /**
     * Returns the send information for {@code message}, with {@code base} in place of the configured defaults (the
     * inbound gateway passes the request's stream and PPID so a reply goes back the same way).
     *
     * @param message the outbound message
     * @param base what to use where neither an expression nor a header says otherwise
     * @return the send information
     */
    public SendInfo resolve(Message<?> message, SendInfo base) {
        SendInfo info = getHeaderMapper().toSendInfo(message.getHeaders(), base);
        Object value = evaluate(streamIdExpression, message);
        if (value != null) {
            info = info.withStream(SctpHeaderMapper.toInt(text(streamIdExpression), value));
        }
        value = evaluate(ppidExpression, message);
        if (value != null) {
            info = info.withPpid(SctpHeaderMapper.toInt(text(ppidExpression), value));
        }
        value = evaluate(unorderedExpression, message);
        if (value != null) {
            info = info.withUnordered(SctpHeaderMapper.toBoolean(text(unorderedExpression), value));
        }
        value = evaluate(contextExpression, message);
        if (value != null) {
            info = info.withContext(SctpHeaderMapper.toInt(text(contextExpression), value));
        }
        value = evaluate(lifetimeExpression, message);
        if (value != null) {
            info = info.withLifetime(SctpHeaderMapper.toDuration(text(lifetimeExpression), value));
        }
        return info;
    }

    /** Returns whether a stream id expression is set. */
    public boolean hasStreamIdExpression() {
        return streamIdExpression != null;
    }

    private @Nullable Object evaluate(@Nullable Expression expression, Message<?> message) {
        return expression == null ? null : expression.getValue(evaluationContext, message);
    }

    private static String text(@Nullable Expression expression) {
        return expression == null ? "" : expression.getExpressionString();
    }

    /**
     * Returns the bytes to send for {@code message}'s payload: a {@code byte[]} as is, a {@code String} encoded with
     * the charset, the remaining bytes of a {@link ByteBuffer}, or any other payload as the message converter
     * encodes it.
     *
     * @param message the outbound message
     * @return the payload bytes
     * @throws IllegalArgumentException for any other payload type when there is no converter or it cannot convert
     */
    public byte[] payloadBytes(Message<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(charset);
        }
        if (payload instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        MessageConverter converter = messageConverter;
        if (converter == null) {
            throw new IllegalArgumentException("Cannot send a payload of type " + payload.getClass().getName()
                    + " over SCTP: set a MessageConverter on the endpoint's send info resolver (setMessageConverter), "
                    + "or convert it to byte[], String or ByteBuffer first (for example with a transformer)");
        }
        Message<?> converted = converter.toMessage(payload, message.getHeaders());
        Object encoded = converted == null ? null : converted.getPayload();
        if (encoded instanceof byte[] bytes) {
            return bytes;
        }
        if (encoded instanceof String text) {
            return text.getBytes(charset);
        }
        throw new IllegalArgumentException("Message converter " + converter + " turned a payload of type "
                + payload.getClass().getName() + " into " + (encoded == null ? "nothing" : "a "
                + encoded.getClass().getName()) + "; for SCTP it must produce byte[] or String");
    }
}
