package dev.sctp.boot.autoconfigure;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one SCTP listener or client is configured: {@code sctp.listen.addresses}, or an entry under
 * {@code sctp.listeners} or {@code sctp.clients}.
 */
final class OnSctpEndpointsCondition extends SpringBootCondition {

    private static final Bindable<Map<String, Object>> ENTRIES = Bindable.mapOf(String.class, Object.class);

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("SCTP listeners or clients");
        Binder binder = Binder.get(context.getEnvironment());
        // A list, so that both "a/b:port" and a YAML list of hosts count
        if (binder.bind("sctp.listen.addresses", Bindable.listOf(String.class))
                .map(list -> list.stream().anyMatch(SctpProperties::hasText)).orElse(false)) {
            return ConditionOutcome.match(message.found("property").items("sctp.listen.addresses"));
        }
        for (String name : new String[] {"sctp.listeners", "sctp.clients"}) {
            if (binder.bind(name, ENTRIES).map(entries -> !entries.isEmpty()).orElse(false)) {
                return ConditionOutcome.match(message.found("entries under").items(name));
            }
        }
        return ConditionOutcome.noMatch(message.didNotFind("property")
                .items("sctp.listen.addresses", "sctp.listeners.*", "sctp.clients.*"));
    }
}
