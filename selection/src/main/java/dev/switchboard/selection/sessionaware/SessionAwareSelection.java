package dev.switchboard.selection.sessionaware;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.selection.Normalise;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import dev.switchboard.selection.SessionView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code session_aware}: keeps a conversation ({@code x-session-id} / {@code x-conversation-id}) on the model that
 * served it unless switching is clearly better. The base algorithm ({@code base}, hybrid by default) scores the
 * candidates; scores are min-max normalised; the conversation's model gets {@code stay_bias}, every other candidate
 * loses {@code handoff_penalty + switch_margin}. Before {@code min_turns_before_switch} turns the conversation stays
 * put; after {@code idle_timeout} without a turn, or when its model is not a candidate, the base choice stands.
 */
public final class SessionAwareSelection implements SelectionAlgorithm {

    private final SessionAwareSettings config;
    private final SelectionAlgorithm base;
    private final Clock clock;

    public SessionAwareSelection(SessionAwareSettings config, SelectionAlgorithm base, Clock clock) {
        this.config = config;
        this.base = base;
        this.clock = clock;
    }

    @Override
    public Selection select(SelectionInput input) throws SelectionUnavailableException {
        Selection chosen = base.select(input);
        Optional<SessionView> session = input.observations().sessionView()
                .filter(s -> Duration.between(s.lastSeen(), clock.instant()).compareTo(config.idleTimeout()) <= 0)
                .filter(s -> input.candidates().stream().anyMatch(c -> c.model().equals(s.model())));
        if (session.isEmpty()) {
            return chosen;
        }
        String current = session.get().model();
        Double[] raw = chosen.scores().stream().map(CandidateScore::score).toArray(Double[]::new);
        double[] normalised = Normalise.minMax(raw, false);
        boolean locked = session.get().turns() < config.minTurnsBeforeSwitch();
        List<CandidateScore> adjusted = new ArrayList<>();
        for (int i = 0; i < chosen.scores().size(); i++) {
            CandidateScore score = chosen.scores().get(i);
            boolean stays = score.model().equals(current);
            double adjustment = stays ? config.stayBias() : -(config.handoffPenalty() + config.switchMargin());
            Map<String, Double> parts = new LinkedHashMap<>(score.components());
            parts.put("base", normalised[i]);
            parts.put("session", adjustment);
            double value = locked ? (stays ? 1 : 0) : normalised[i] + adjustment;
            adjusted.add(new CandidateScore(score.model(), value, parts));
        }
        List<CandidateScore> ranked = Scores.bestFirst(adjusted);
        return new Selection(ranked.get(0).model(), locked ? 1.0 : Scores.marginConfidence(ranked), ranked);
    }
}
