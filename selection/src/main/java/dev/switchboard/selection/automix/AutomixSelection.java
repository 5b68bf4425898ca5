package dev.switchboard.selection.automix;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.Escalation;
import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.ModelStrength;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import dev.switchboard.selection.learning.HeadsModel;
import dev.switchboard.selection.learning.LearningMath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code automix}: the AutoMix cascade decided up front. The candidates are tried from the weakest to the strongest
 * ({@link Cascade}); at each, the predicted probability that its answer is good enough ({@link AutomixLearner}; the
 * cards' estimate before feedback) is compared with {@code verification_threshold}: reached, the request goes there;
 * not reached, it escalates, at most {@code max_escalations} times. With {@code cost_aware_routing} and prices, a
 * step up must also be worth it: {@code discount · P(next) − tradeoff · extra cost > P(here)}, costs on the
 * candidates' price scale (0 the cheapest, 1 the dearest).
 *
 * <p>Where each ingress stands: through ExtProc Switchboard cannot call the model, so the cascade runs on these
 * predicted probabilities alone. The HTTP proxy can measure instead ({@code enable_self_verification}): it sends
 * the request to the chosen model, asks that model to verify its own answer, and escalates when the verification
 * falls below the threshold; see the proxy's {@code SelfVerification}.
 */
public final class AutomixSelection implements SelectionAlgorithm {

    public static final String TYPE = "automix";

    private final AutomixSettings settings;

    AutomixSelection(AutomixSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean usesPromptEmbedding() {
        return true;
    }

    /** The settings, for the HTTP proxy's self-verification. */
    public AutomixSettings settings() {
        return settings;
    }

    @Override
    public Selection select(SelectionInput input) throws SelectionUnavailableException {
        float[] prompt = input.promptVector();
        if (prompt == null) {
            throw new SelectionUnavailableException("automix needs the prompt's embedding");
        }
        HeadsModel learned = input.learned().model(TYPE, HeadsModel.class).orElse(HeadsModel.UNTRAINED);
        List<String> models = input.candidates().stream().map(Candidate::model).toList();
        Map<String, Double> strength = ModelStrength.of(input.candidates());
        List<String> order = Cascade.order(models, strength);
        Map<String, Double> sufficient = new LinkedHashMap<>();
        double reach = learned.heads().reach(prompt);
        for (String model : order) {
            double prior = Cascade.priorLogOdds(model, models, input.prior(), strength);
            sufficient.put(model, LearningMath.sigmoid(learned.heads().logit(model, prompt, prior, reach)));
        }
        double[] cheapness = Scores.cheapness(input.candidates());
        int at = 0;
        int escalations = 0;
        while (at < order.size() - 1 && escalations < settings.maxEscalations()
                && sufficient.get(order.get(at)) < settings.verificationThreshold()
                && worthEscalating(order, at, sufficient, models, cheapness)) {
            at++;
            escalations++;
        }
        String chosen = order.get(at);
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            String model = order.get(i);
            Map<String, Double> components = new LinkedHashMap<>();
            components.put("p_good_enough", sufficient.get(model));
            components.put("cascade_position", (double) i);
            scores.add(new CandidateScore(model, model.equals(chosen) ? 1 + sufficient.get(model)
                    : sufficient.get(model), components));
        }
        // With self-verification the HTTP proxy measures instead: from the chosen model up, within the escalations.
        Escalation escalation = settings.enableSelfVerification() && at < order.size() - 1
                ? new Escalation(settings.verificationThreshold(), order.subList(at + 1,
                        Math.min(order.size(), at + 1 + settings.maxEscalations() - escalations)))
                : null;
        return new Selection(chosen, sufficient.get(chosen), Scores.bestFirst(scores), escalation);
    }

    /**
     * For each candidate in order, the probability that the cascade stops there: its answer good enough and every
     * weaker candidate's not, by the predictions ({@code hybrid}'s quality component).
     */
    public static double[] stopProbabilities(SelectionInput input) {
        HeadsModel learned = input.learned().model(TYPE, HeadsModel.class).orElse(HeadsModel.UNTRAINED);
        List<String> models = input.candidates().stream().map(Candidate::model).toList();
        Map<String, Double> strength = ModelStrength.of(input.candidates());
        double[] stop = new double[models.size()];
        double noneYet = 1;
        double reach = learned.heads().reach(input.promptVector());
        for (String model : Cascade.order(models, strength)) {
            double prior = Cascade.priorLogOdds(model, models, input.prior(), strength);
            double p = input.promptVector() == null ? LearningMath.sigmoid(prior)
                    : LearningMath.sigmoid(learned.heads().logit(model, input.promptVector(), prior, reach));
            stop[models.indexOf(model)] = noneYet * p;
            noneYet *= 1 - p;
        }
        return stop;
    }

    /** AutoMix's step-up rule: always without prices; with them, when the discounted gain beats the extra cost. */
    private boolean worthEscalating(List<String> order, int at, Map<String, Double> sufficient, List<String> models,
            double[] cheapness) {
        if (!settings.costAwareRouting() || cheapness == null) {
            return true;
        }
        String here = order.get(at);
        String next = order.get(at + 1);
        double extraCost = cheapness[models.indexOf(here)] - cheapness[models.indexOf(next)];
        return settings.discountFactor() * sufficient.get(next) - settings.costQualityTradeoff() * extraCost
                > sufficient.get(here);
    }
}
