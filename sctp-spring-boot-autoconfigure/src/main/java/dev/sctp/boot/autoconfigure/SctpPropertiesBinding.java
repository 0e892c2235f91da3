package dev.sctp.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The converter {@link SctpProperties} needs to bind its addresses, as a {@code @ConfigurationPropertiesBinding}
 * bean (a static bean method, which Spring AOT processes). Every auto-configuration that binds {@code sctp.*}
 * imports it; Spring registers it once.
 */
@Configuration(proxyBeanMethods = false)
public final class SctpPropertiesBinding {

    /**
     * Returns the converter of address elements.
     *
     * @return the converter
     */
    @Bean
    @ConfigurationPropertiesBinding
    public static SctpHostAddressConverter sctpHostAddressConverter() {
        return new SctpHostAddressConverter();
    }

    /**
     * Returns a binder of {@code environment} that converts addresses as the properties bean's binder does, for
     * code that binds {@code sctp.*} before beans exist.
     */
    static Binder binder(Environment environment) {
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(String.class, SctpHostAddress.class, new SctpHostAddressConverter());
        return new Binder(ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment), conversion);
    }
}
