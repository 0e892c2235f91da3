package dev.sctp.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds each element of the {@code addresses}, {@code failover-addresses} and {@code local-addresses} properties to
 * an {@link SctpHostAddress}, so a bad host fails binding with Boot's "Failed to bind properties under
 * 'sctp.listen.addresses[1]'", naming the key and the value. A blank text binds to nothing, so that an empty
 * environment variable leaves the property unset.
 */
@ConfigurationPropertiesBinding
public final class SctpHostAddressConverter implements Converter<String, @Nullable SctpHostAddress> {

    @Override
    public @Nullable SctpHostAddress convert(String source) {
        return source.isBlank() ? null : SctpHostAddress.parse(source);
    }
}
