package dev.sctp.boot.autoconfigure.app;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the test applications with extra properties. */
public final class Apps {

    /** Properties every test application gets: quiet logs, fast polling, every actuator endpoint exposed. */
    public static final List<String> COMMON = List.of("spring.main.banner-mode=off",
            "logging.level.root=WARN", "logging.level.dev.sctp=INFO", "sctp.metrics.poll-interval=200ms",
            "management.endpoints.web.exposure.include=*", "spring.jmx.enabled=false");

    private Apps() {
    }

    /**
     * Starts {@code application} with {@link #COMMON} and {@code properties}.
     *
     * @param application the configuration class
     * @param properties further {@code key=value} properties
     * @return the running context
     */
    public static ConfigurableApplicationContext run(Class<?> application, String... properties) {
        List<String> all = new ArrayList<>(COMMON);
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new)).run();
    }
}
