package dev.sctp.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the demo: {@code java -jar demo-app.jar}, or {@code ./mvnw -pl demo-app spring-boot:run}. */
@SpringBootApplication
public class DemoApplication {

    /**
     * Runs the application.
     *
     * @param args command-line arguments, e.g. {@code --demo.port=3869}
     */
    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
