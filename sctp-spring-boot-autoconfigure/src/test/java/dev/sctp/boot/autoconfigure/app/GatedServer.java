package dev.sctp.boot.autoconfigure.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.annotation.ServiceActivator;

/**
 * A test application whose handler is a slow consumer on demand: each request waits until the test opens the
 * {@link Gate}, then goes back upper-cased on its association and stream.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class GatedServer {

    private final Gate gate;

    GatedServer(Gate gate) {
        this.gate = gate;
    }

    /** The gate the test opens. */
    @Bean
    static Gate gate() {
        return new Gate();
    }

    /**
     * Waits for the gate, then answers.
     *
     * @param request the request
     * @return the request upper-cased
     * @throws InterruptedException if interrupted while waiting
     */
    @ServiceActivator(inputChannel = "sctpInbound")
    String handle(String request) throws InterruptedException {
        if (!gate.latch.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the test never opened the gate");
        }
        return request.toUpperCase();
    }

    /** Holds every request until {@link #open()}. */
    public static final class Gate {

        private final CountDownLatch latch = new CountDownLatch(1);

        /** Lets every waiting and later request through. */
        public void open() {
            latch.countDown();
        }
    }
}
