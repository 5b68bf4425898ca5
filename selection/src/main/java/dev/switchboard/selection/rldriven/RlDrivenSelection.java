package dev.switchboard.selection.rldriven;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.selection.BetaSampler;
import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@code rl_driven}: a Beta-Bernoulli bandit over the candidates. Each model's posterior blends its counts from the
 * feedback loop, as the reference does: global Beta(1+s, 1+f); the decision's counts weigh 0.5 (0.3 when the request
 * has a user); the user's own counts weigh 0.7. With Thompson sampling (default) a draw from each posterior, times a
 * bonus for cheaper models {@code 1 + cheapness × cost_weight}, then blended 0.7/0.3 with the model's success rate in
 * this session when it has one; the highest wins. Without it, epsilon-greedy on the posterior means, epsilon
 * {@code max(min_exploration, exploration_rate × 0.99^(n/100))} for n observations in the decision. Randomness is
 * the injected generator. Confidence: the winner's posterior certainty {@code 1 - 4·Var}, averaged with how much
 * evidence it has.
 */
public final class RlDrivenSelection implements SelectionAlgorithm {

    private static final double USER_WEIGHT = 0.7;
    private static final double SESSION_WEIGHT = 0.3;

    private final RlDrivenSettings config;
    private final RandomGenerator random;

    public RlDrivenSelection(RlDrivenSettings config, RandomGenerator random) {
        this.config = config;
        this.random = random;
    }

    /** A blended Beta posterior and how many observations it rests on. */
    record Posterior(double alpha, double beta, double observations) {
        double mean() {
            return alpha / (alpha + beta);
        }

        double variance() {
            double n = alpha + beta;
            return alpha * beta / (n * n * (n + 1));
        }
    }

    static Posterior posterior(SelectionInput input, String model) {
        String user = input.request() == null ? null : input.request().userId();
        Optional<LearnedState.ModelStats> global = input.learned().stats(LearnedState.GLOBAL, model);
        double alpha = 1 + global.map(LearnedState.ModelStats::successes).orElse(0.0);
        double beta = 1 + global.map(LearnedState.ModelStats::failures).orElse(0.0);
        double observations = global.map(s -> s.successes() + s.failures()).orElse(0.0);
        Optional<LearnedState.ModelStats> decision = input.learned().stats(input.decision(), model);
        if (decision.isPresent()) {
            double w = user != null ? 0.3 : 0.5;
            alpha = (1 - w) * alpha + w * (1 + decision.get().successes());
            beta = (1 - w) * beta + w * (1 + decision.get().failures());
        }
        Optional<LearnedState.ModelStats> personal = user == null ? Optional.empty()
                : input.learned().stats(LearnedState.USER_SCOPE + user, model);
        if (personal.isPresent()) {
            alpha = (1 - USER_WEIGHT) * alpha + USER_WEIGHT * (1 + personal.get().successes());
            beta = (1 - USER_WEIGHT) * beta + USER_WEIGHT * (1 + personal.get().failures());
        }
        return new Posterior(alpha, beta, observations);
    }

    @Override
    public Selection select(SelectionInput input) {
        List<Candidate> candidates = input.candidates();
        double[] cheapness = config.costWeight() > 0 ? Scores.cheapness(candidates) : null;
        String session = input.request() == null ? null : input.request().sessionId();
        double decisionObservations = 0;
        List<Posterior> posteriors = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Posterior p = posterior(input, candidate.model());
            posteriors.add(p);
            decisionObservations += input.learned().stats(input.decision(), candidate.model())
                    .map(s -> s.successes() + s.failures()).orElse(0.0);
        }
        boolean explore = false;
        if (!config.useThompsonSampling()) {
            double epsilon = Math.max(config.minExploration(),
                    config.explorationRate() * Math.pow(0.99, decisionObservations / 100));
            explore = random.nextDouble() < epsilon;
        }
        int explored = explore ? random.nextInt(candidates.size()) : -1;
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Posterior p = posteriors.get(i);
            double value = config.useThompsonSampling() ? BetaSampler.sample(p.alpha(), p.beta(), random) : p.mean();
            Map<String, Double> components = new LinkedHashMap<>();
            components.put("posterior_mean", p.mean());
            components.put(config.useThompsonSampling() ? "sample" : "mean", value);
            if (cheapness != null) {
                value *= 1 + cheapness[i] * config.costWeight();
                components.put("cost_bonus", 1 + cheapness[i] * config.costWeight());
            }
            Optional<LearnedState.ModelStats> inSession = session == null ? Optional.empty()
                    : input.learned().stats(LearnedState.SESSION_SCOPE + session, candidates.get(i).model());
            if (inSession.isPresent() && inSession.get().successes() + inSession.get().failures() > 0) {
                double rate = inSession.get().successes() / (inSession.get().successes() + inSession.get().failures());
                value = (1 - SESSION_WEIGHT) * value + SESSION_WEIGHT * rate;
                components.put("session_success_rate", rate);
            }
            if (explore) {
                value = i == explored ? 1 : 0;
                components.put("explored", i == explored ? 1.0 : 0.0);
            }
            scores.add(new CandidateScore(candidates.get(i).model(), value, components));
        }
        List<CandidateScore> ranked = Scores.bestFirst(scores);
        Posterior winner = posteriors.get(indexOf(candidates, ranked.get(0).model()));
        double certainty = Math.max(0, 1 - 4 * winner.variance());
        double evidence = 1 / (1 + Math.exp(-0.1 * (winner.observations() - 10)));
        return new Selection(ranked.get(0).model(), (certainty + evidence) / 2, ranked);
    }

    private static int indexOf(List<Candidate> candidates, String model) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).model().equals(model)) {
                return i;
            }
        }
        throw new IllegalStateException(model);
    }
}
