package dev.sctp.boot.autoconfigure.reliability;

import dev.sctp.integration.event.SctpIntegrationEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.springframework.context.ApplicationListener;

/** Records the application's SCTP events with the time each was published. */
final class EventLog implements ApplicationListener<SctpIntegrationEvent> {

    private final List<Recorded> events = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(SctpIntegrationEvent event) {
        events.add(new Recorded(System.nanoTime(), event));
    }

    /** Returns the events of {@code type} published at or after {@code since} ({@link System#nanoTime}). */
    <T extends SctpIntegrationEvent> List<T> since(long since, Class<T> type) {
        return events.stream().filter(r -> r.nanos() >= since && type.isInstance(r.event()))
                .map(r -> type.cast(r.event())).toList();
    }

    /** Milliseconds from {@code since} to the first event of {@code type} matching {@code test}, or -1. */
    <T extends SctpIntegrationEvent> long millisTo(long since, Class<T> type, Predicate<T> test) {
        for (Recorded r : events) {
            if (r.nanos() >= since && type.isInstance(r.event()) && test.test(type.cast(r.event()))) {
                return (r.nanos() - since) / 1_000_000;
            }
        }
        return -1;
    }

    /** Milliseconds from {@code since} to each event of {@code type} after it. */
    List<Long> millisOf(long since, Class<? extends SctpIntegrationEvent> type) {
        return events.stream().filter(r -> r.nanos() >= since && type.isInstance(r.event()))
                .map(r -> (r.nanos() - since) / 1_000_000).toList();
    }

    /** Returns the simple names of the events so far, for failure messages. */
    List<String> names() {
        return events.stream().map(r -> r.event().getClass().getSimpleName()).toList();
    }

    private record Recorded(long nanos, SctpIntegrationEvent event) {
    }
}
