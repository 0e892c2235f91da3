package dev.sctp.boot.autoconfigure;

import dev.sctp.SctpAddress;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Binds {@code sctp.*} whenever sctp-core is present, whether or not a listener or client is configured, so that no
 * key under {@code sctp.} is silently ignored: a key that binds to no property stops the application (Boot reports
 * the unbound elements), and {@code sctp.listen.*} without {@code sctp.listen.addresses}, which creates no listener,
 * is logged as a warning naming the keys.
 */
@AutoConfiguration(beforeName = "dev.sctp.boot.autoconfigure.SctpAutoConfiguration")
@ConditionalOnClass(SctpAddress.class)
@ConditionalOnBooleanProperty(name = "sctp.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SctpProperties.class)
@Import(SctpPropertiesBinding.class)
public final class SctpPropertiesAutoConfiguration {

    @Bean
    static SctpUnusedPropertiesReporter sctpUnusedPropertiesReporter(Environment environment) {
        return new SctpUnusedPropertiesReporter(environment);
    }
}
