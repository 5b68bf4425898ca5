package dev.switchboard.router.signals;

import dev.switchboard.contracts.bus.CallerFacts;
import dev.switchboard.contracts.config.MetadataSignal;
import dev.switchboard.contracts.config.RoleBindingSignal;
import dev.switchboard.contracts.config.SignalsConfig;
import java.util.List;
import java.util.Map;

/**
 * The compiled {@code routing.signals.role_bindings[]} and {@code metadata[]}: what the request says about its
 * caller. A role binding matches when the gateway's user, or one of its groups, is among the subjects, under the
 * rule's name and its role; a metadata rule when the body's metadata has the key with the value.
 */
public final class CallerRules {

    private final List<RoleBindingSignal> roleBindings;
    private final List<MetadataSignal> metadata;

    public CallerRules(SignalsConfig config) {
        this.roleBindings = config.roleBindings();
        this.metadata = config.metadata();
    }

    void evaluate(CallerFacts caller, Map<String, Double> matched) {
        for (RoleBindingSignal rule : roleBindings) {
            if (bound(rule, caller)) {
                matched.put(SignalResults.key(SignalsConfig.AUTHZ, rule.name()), 1.0);
                if (rule.role() != null) {
                    matched.put(SignalResults.key(SignalsConfig.AUTHZ, rule.role()), 1.0);
                }
            }
        }
        for (MetadataSignal rule : metadata) {
            if (rule.predicate().equals().equals(caller.metadata().get(rule.key()))) {
                matched.put(SignalResults.key(SignalsConfig.METADATA, rule.name()), 1.0);
            }
        }
    }

    private static boolean bound(RoleBindingSignal rule, CallerFacts caller) {
        for (RoleBindingSignal.Subject subject : rule.subjects()) {
            boolean user = RoleBindingSignal.USER.equals(subject.kind()) && subject.name().equals(caller.authzUserId());
            boolean group = RoleBindingSignal.GROUP.equals(subject.kind())
                    && caller.authzGroups().contains(subject.name());
            if (user || group) {
                return true;
            }
        }
        return false;
    }
}
