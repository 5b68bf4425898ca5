package dev.switchboard.selection.sessionaware;

import dev.switchboard.contracts.config.AlgorithmPlugins;
import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;
import java.util.List;

/** {@code type: session_aware}: wraps the {@code base} algorithm, which its own block configures. */
public final class SessionAwarePlugin implements SelectionPlugin<SessionAwareSettings> {

    static final String TYPE = "session_aware";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<SessionAwareSettings> settingsType() {
        return SessionAwareSettings.class;
    }

    @Override
    public void validate(SessionAwareSettings s, ConfigChecks checks) {
        List<String> installed = AlgorithmPlugins.installed().types();
        if (TYPE.equals(s.base()) || !installed.contains(s.base())) {
            checks.error("base", "expected an algorithm other than session_aware, one of " + installed + ", got '"
                    + s.base() + "'");
        }
        checks.nonNegative("stay_bias", s.stayBias());
        checks.nonNegative("switch_margin", s.switchMargin());
        checks.nonNegative("handoff_penalty", s.handoffPenalty());
        checks.nonNegative("min_turns_before_switch", s.minTurnsBeforeSwitch());
        checks.positiveDuration("idle_timeout", s.idleTimeout());
    }

    @Override
    public List<String> builtOn(SessionAwareSettings settings) {
        return List.of(settings.base());
    }

    @Override
    public SelectionAlgorithm create(SessionAwareSettings settings, SelectionContext context) {
        return new SessionAwareSelection(settings, context.base(settings.base()), context.clock());
    }
}
