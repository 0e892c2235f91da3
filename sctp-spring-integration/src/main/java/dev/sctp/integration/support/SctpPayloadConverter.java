package dev.sctp.integration.support;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.integration.support.MessageBuilderFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConverter;

/**
 * Converts the {@code byte[]} payload of a received message for inbound endpoints: kept as is by default, decoded
 * to a {@code String} with the charset, or converted by a {@link MessageConverter} or {@link ConversionService} to
 * the payload type.
 *
 * @since 0.1.0
 */
public class SctpPayloadConverter {

    private Class<?> payloadType = byte[].class;
    private Charset charset = StandardCharsets.UTF_8;
    private @Nullable MessageConverter messageConverter;
    private ConversionService conversionService = DefaultConversionService.getSharedInstance();

    /**
     * Sets the payload type of produced messages; default {@code byte[]}.
     *
     * @param payloadType the type
     */
    public void setPayloadType(Class<?> payloadType) {
        this.payloadType = payloadType;
    }

    /**
     * Sets the charset that decodes payloads to {@code String}; default UTF-8.
     *
     * @param charset the charset
     */
    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    /**
     * Sets a message converter that produces the payload type (for example a JSON converter).
     *
     * @param messageConverter the converter
     */
    public void setMessageConverter(@Nullable MessageConverter messageConverter) {
        this.messageConverter = messageConverter;
    }

    /**
     * Sets the conversion service used when there is no message converter and the type is neither {@code byte[]}
     * nor {@code String}.
     *
     * @param conversionService the service
     */
    public void setConversionService(ConversionService conversionService) {
        this.conversionService = conversionService;
    }

    /**
     * Returns the converted payload of {@code message}.
     *
     * @param message a received message with a {@code byte[]} payload
     * @return the payload to put in the produced message
     * @throws IllegalArgumentException if the payload cannot be converted, naming the type
     */
    public Object convert(Message<byte[]> message) {
        byte[] bytes = message.getPayload();
        if (payloadType == byte[].class) {
            return bytes;
        }
        MessageConverter converter = messageConverter;
        if (converter != null) {
            Object converted = converter.fromMessage(message, payloadType);
            if (converted == null) {
                throw new IllegalArgumentException(converter + " cannot convert the " + bytes.length
                        + "-byte payload to " + payloadType.getName());
            }
            return converted;
        }
        if (payloadType == String.class) {
            return new String(bytes, charset);
        }
        if (conversionService.canConvert(byte[].class, payloadType)) {
            Object converted = conversionService.convert(bytes, payloadType);
            if (converted != null) {
                return converted;
            }
        }
        throw new IllegalArgumentException("Cannot convert a byte[] payload to " + payloadType.getName()
                + ": set a MessageConverter");
    }

    /**
     * Returns the message an inbound endpoint produces from a received one: {@code message} itself when payloads
     * stay {@code byte[]}, else a message with the converted payload and the same headers.
     *
     * @param message a received message
     * @param messageBuilderFactory the endpoint's builder factory
     * @return the message to produce
     */
    public Message<?> toMessage(Message<byte[]> message, MessageBuilderFactory messageBuilderFactory) {
        if (isIdentity()) {
            return message;
        }
        return messageBuilderFactory.withPayload(convert(message)).copyHeaders(message.getHeaders()).build();
    }

    /** Returns whether payloads are kept as {@code byte[]}. */
    public boolean isIdentity() {
        return payloadType == byte[].class;
    }
}
