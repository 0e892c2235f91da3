package dev.sctp.boot.autoconfigure;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Warns about {@code sctp.listen.*} keys when {@code sctp.listen.addresses} is not set: the default listener is
 * created only with addresses, so those keys configure nothing. Keys that bind to no property at all are rejected by
 * the binder instead ({@link SctpProperties} does not ignore unknown fields).
 */
final class SctpUnusedPropertiesReporter implements SmartInitializingSingleton {

    private static final Log logger = LogFactory.getLog(SctpUnusedPropertiesReporter.class);
    private static final ConfigurationPropertyName LISTEN = ConfigurationPropertyName.of("sctp.listen");

    private final Environment environment;

    SctpUnusedPropertiesReporter(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> unused = unusedKeys();
        if (!unused.isEmpty()) {
            logger.warn("SCTP properties " + unused + " configure nothing: the default listener is created only when"
                    + " sctp.listen.addresses is set. Set sctp.listen.addresses, or remove these keys.");
        }
    }

    /** Returns the {@code sctp.listen.*} keys set while {@code sctp.listen.addresses} is not, sorted. */
    List<String> unusedKeys() {
        boolean listening = Binder.get(environment).bind("sctp.listen.addresses", Bindable.listOf(String.class))
                .map(list -> list.stream().anyMatch(SctpProperties::hasText)).orElse(false);
        if (listening) {
            return List.of();
        }
        Set<String> keys = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().filter(LISTEN::isAncestorOf).map(ConfigurationPropertyName::toString)
                        .forEach(keys::add);
            }
        }
        return List.copyOf(keys);
    }
}
