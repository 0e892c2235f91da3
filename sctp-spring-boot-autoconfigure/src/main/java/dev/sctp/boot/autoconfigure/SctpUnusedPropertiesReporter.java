package dev.sctp.boot.autoconfigure;

import java.util.LinkedHashSet;
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
 * Warns about keys that configure nothing: {@code sctp.listen.*} when {@code sctp.listen.addresses} is not set (the
 * default listener is created only with addresses), and {@code reply-timeout} of a client in mode one-way. Keys that bind to no property at all are rejected by
 * the binder instead ({@link SctpProperties} does not ignore unknown fields).
 */
final class SctpUnusedPropertiesReporter implements SmartInitializingSingleton {

    private static final Log logger = LogFactory.getLog(SctpUnusedPropertiesReporter.class);
    private static final ConfigurationPropertyName LISTEN = ConfigurationPropertyName.of("sctp.listen");
    private static final ConfigurationPropertyName CLIENTS = ConfigurationPropertyName.of("sctp.clients");

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
        List<String> replyTimeouts = oneWayReplyTimeouts();
        if (!replyTimeouts.isEmpty()) {
            logger.warn("SCTP properties " + replyTimeouts + " configure nothing: reply-timeout bounds the wait for"
                    + " answers in mode request-reply, and these clients are one-way. Set their mode to"
                    + " request-reply, or remove these keys.");
        }
    }

    /** Returns the {@code sctp.clients.<name>.reply-timeout} keys of clients in mode one-way, sorted. */
    List<String> oneWayReplyTimeouts() {
        Binder binder = Binder.get(environment);
        Set<String> keys = new TreeSet<>();
        for (ConfigurationPropertyName key : keys(CLIENTS)) {
            if (key.getNumberOfElements() == 4 && key.getLastElement(ConfigurationPropertyName.Form.UNIFORM)
                    .equals("replytimeout")) {
                String client = CLIENTS.append(key.getElement(2, ConfigurationPropertyName.Form.ORIGINAL))
                        .toString();
                SctpClientProperties.Mode mode = binder.bind(client + ".mode", SctpClientProperties.Mode.class)
                        .orElse(SctpClientProperties.Mode.ONE_WAY);
                if (mode == SctpClientProperties.Mode.ONE_WAY) {
                    keys.add(key.toString());
                }
            }
        }
        return List.copyOf(keys);
    }

    /** Returns the {@code sctp.listen.*} keys set while {@code sctp.listen.addresses} is not, sorted. */
    List<String> unusedKeys() {
        boolean listening = Binder.get(environment).bind("sctp.listen.addresses", Bindable.listOf(String.class))
                .map(list -> list.stream().anyMatch(SctpProperties::hasText)).orElse(false);
        if (listening) {
            return List.of();
        }
        Set<String> keys = new TreeSet<>();
        for (ConfigurationPropertyName key : keys(LISTEN)) {
            keys.add(key.toString());
        }
        return List.copyOf(keys);
    }

    private Set<ConfigurationPropertyName> keys(ConfigurationPropertyName prefix) {
        Set<ConfigurationPropertyName> keys = new LinkedHashSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().filter(prefix::isAncestorOf).forEach(keys::add);
            }
        }
        return keys;
    }
}
