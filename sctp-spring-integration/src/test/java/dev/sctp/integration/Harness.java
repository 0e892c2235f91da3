package dev.sctp.integration;

import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.Lifecycle;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.integration.context.IntegrationObjectSupport;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Builds factories and endpoints outside an application context, records the events they publish, and stops
 * everything it built when closed.
 */
public final class Harness implements AutoCloseable, ApplicationEventPublisher {

    /** Generous: the test VM is slow. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    public final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
    /** The thread that published each of {@link #events}, by index. */
    public final List<String> eventThreads = new CopyOnWriteArrayList<>();
    private final List<Object> built = new ArrayList<>();
    private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
    private final ThreadPoolTaskScheduler taskScheduler = new ThreadPoolTaskScheduler();
    private int names;

    public Harness() {
        // as in an application context with Spring Integration: one shared scheduler for every component's timers
        taskScheduler.setPoolSize(2);
        taskScheduler.setThreadNamePrefix("harness-scheduler-");
        taskScheduler.initialize();
        beanFactory.registerSingleton(IntegrationContextUtils.TASK_SCHEDULER_BEAN_NAME, taskScheduler);
    }

    @Override
    public void publishEvent(Object event) {
        if (event instanceof ApplicationEvent e) {
            synchronized (events) {
                eventThreads.add(Thread.currentThread().getName());
                events.add(e);
            }
        }
    }

    /** Returns the recorded events of {@code type}, in order. */
    public <T> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** A started server factory on 127.0.0.1, port 0, after {@code setup}. */
    public SctpServerAssociationFactory server(java.util.function.Consumer<SctpServerAssociationFactory> setup) {
        return server("127.0.0.1:0", setup);
    }

    /** A server factory on {@code address}, configured by {@code setup}, not started. */
    public SctpServerAssociationFactory server(String address,
            java.util.function.Consumer<SctpServerAssociationFactory> setup) {
        SctpServerAssociationFactory f = new SctpServerAssociationFactory(SctpAddress.parse(address));
        init(f, "server" + (++names));
        f.setShutdownTimeout(Duration.ofSeconds(5));
        setup.accept(f);
        return f;
    }

    /** A client factory for {@code peers}, configured by {@code setup}, not started. */
    public SctpClientAssociationFactory client(java.util.function.Consumer<SctpClientAssociationFactory> setup,
            SctpAddress... peers) {
        SctpClientAssociationFactory f = new SctpClientAssociationFactory(peers);
        init(f, "client" + (++names));
        f.setConnectTimeout(TIMEOUT);
        f.setShutdownTimeout(Duration.ofSeconds(5));
        setup.accept(f);
        return f;
    }

    private void init(AbstractSctpAssociationFactory f, String name) {
        f.setBeanName(name);
        f.setApplicationEventPublisher(this);
        f.setBeanFactory(beanFactory);
        f.afterPropertiesSet();
        built.add(f);
    }

    /** Initialises an endpoint (bean factory, name) and remembers it for stopping. */
    public <T extends IntegrationObjectSupport> T endpoint(T endpoint) {
        endpoint.setBeanName("endpoint" + (++names));
        endpoint.setBeanFactory(beanFactory);
        endpoint.afterPropertiesSet();
        built.add(0, endpoint);
        return endpoint;
    }

    /** Starts {@code factory} and waits until a server listens. */
    public static <F extends AbstractSctpAssociationFactory> F started(F factory) {
        factory.start();
        if (factory instanceof SctpServerAssociationFactory server) {
            SctpTestUtils.waitListening(server, TIMEOUT);
        }
        return factory;
    }

    /** The server's bound address on 127.0.0.1. */
    public static SctpAddress addressOf(SctpServerAssociationFactory server) {
        return SctpAddress.parse("127.0.0.1:" + server.getPort());
    }

    @Override
    public void close() {
        for (Object o : built) {
            if (o instanceof Lifecycle l) {
                try {
                    l.stop();
                } catch (RuntimeException e) {
                    // keep stopping the rest
                }
            }
        }
        taskScheduler.shutdown();
    }
}
