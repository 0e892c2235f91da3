package dev.sctp.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * {@link SctpAssociationTagsFilter} in a registry: it caps the associations with meters of their own at the number
 * open now, not at the number ever seen, and leaves every other meter alone.
 */
class SctpAssociationTagsFilterTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SctpAssociationTagsFilter filter = new SctpAssociationTagsFilter(2);

    SctpAssociationTagsFilterTests() {
        registry.config().meterFilter(filter);
    }

    @Test
    void anAssociationBeyondTheCapGetsNoMetersUntilAnotherIsReleased() {
        count("default", "10.0.0.1:3868");
        count("default", "10.0.0.2:3868");
        count("default", "10.0.0.3:3868");
        assertThat(registry.find("sctp.association.data.received").counters()).hasSize(2);
        assertThat(registry.find("sctp.association.data.received").tag("association", "10.0.0.3:3868").counter())
                .isNull();

        registry.find("sctp.association.data.received").tag("association", "10.0.0.1:3868").meters()
                .forEach(registry::remove);
        filter.release("default", "10.0.0.1:3868");
        count("default", "10.0.0.3:3868");
        assertThat(registry.get("sctp.association.data.received").tag("association", "10.0.0.3:3868").counter()
                .count()).isEqualTo(1);
        assertThat(filter.liveAssociations()).isEqualTo(2);
    }

    @Test
    void moreMetersOfAnAdmittedAssociationAndOtherMetersAreNotCounted() {
        count("default", "10.0.0.1:3868");
        Counter.builder("sctp.association.data.sent").tags("name", "default", "association", "10.0.0.1:3868")
                .register(registry).increment();
        count("m3ua", "10.0.0.1:3868");
        for (int i = 0; i < 5; i++) {
            Counter.builder("sctp.data.received").tags("name", "n" + i).register(registry).increment();
        }
        assertThat(filter.liveAssociations()).isEqualTo(2);
        assertThat(registry.find("sctp.data.received").counters()).hasSize(5);
        assertThat(registry.get("sctp.association.data.received").tag("name", "m3ua").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aCapBelowOneIsRejectedNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SctpAssociationTagsFilter(0))
                .withMessageContaining("sctp.metrics.max-association-tags").withMessageContaining("not 0");
    }

    private void count(String name, String association) {
        Counter.builder("sctp.association.data.received").tags("name", name, "association", association)
                .register(registry).increment();
    }
}
