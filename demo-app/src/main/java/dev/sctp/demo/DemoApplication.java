package dev.sctp.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Starts the demo: {@code java -jar demo-app.jar} serves; {@code --spring.profiles.active=selftest} or {@code load}
 * runs a load once and exits with its result (see {@code application.yml} and {@code scripts/demo}).
 */
@SpringBootApplication
@EnableConfigurationProperties(LoadSettings.class)
public class DemoApplication {

    /**
     * Runs the application; in a one-shot mode, exits with 0 only when every reply was right.
     *
     * @param args command-line arguments, e.g. {@code --demo.port=3869}
     */
    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(DemoApplication.class, args);
        if (context.getBeanProvider(DemoRun.class).getIfAvailable() != null) {
            System.exit(SpringApplication.exit(context));
        }
    }

    /**
     * Lets the client's gateway send on the stream a request names.
     *
     * @return the post-processor
     */
    @Bean
    static ExplicitStreams explicitStreams() {
        return new ExplicitStreams();
    }
}
