package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.JailbreakSignal;
import dev.switchboard.contracts.config.SignalsConfig;
import java.util.List;
import java.util.Map;

/**
 * A compiled {@code routing.signals.jailbreak[]} rule: an {@link ExampleVote} between the bank's attacks (with the
 * rule's {@code jailbreak_patterns}) and its benign look-alikes (with {@code benign_patterns}); the rule matches when
 * the attacks' share of the votes reaches its threshold. With {@code include_history} the earlier user turns the
 * request carries are scored too, and the most suspicious turn counts: an attack set up a few turns back is still
 * an attack. Rules on the model's response never match: the router decides before there is one.
 *
 * @param name           rule name
 * @param vote           the vote between {@link ExampleBanks#ATTACK} and {@link ExampleBanks#BENIGN}
 * @param threshold      the attacks' least share
 * @param scoresPrompt   false for a response rule
 * @param includeHistory the earlier user turns are scored too
 */
public record JailbreakRule(String name, ExampleVote vote, double threshold, boolean scoresPrompt,
        boolean includeHistory) {

    /**
     * The cosine an example must exceed to vote, with the built-in model: attacks reuse a few phrasings ("ignore
     * previous instructions", "no restrictions") and sit close to an example (0.45 and up); ordinary requests do not.
     */
    public static final double FLOOR = 0.4;

    public static JailbreakRule of(JailbreakSignal signal, ExampleVote vote) {
        return new JailbreakRule(signal.name(), vote, signal.threshold(),
                !JailbreakSignal.DIRECTION_RESPONSE.equals(signal.direction()), signal.includeHistory());
    }

    /** The attacks' share of the votes on a unit prompt vector. */
    public double attackShare(float[] prompt) {
        ClassVerdict verdict = vote.classify(prompt);
        double attack = verdict.scores().getOrDefault(ExampleBanks.ATTACK, 0.0);
        double all = verdict.scores().values().stream().mapToDouble(Double::doubleValue).sum();
        return all == 0 ? 0 : attack / all;
    }

    /** @param earlierTurns the unit vectors of the earlier user turns; empty unless a rule includes history */
    void evaluate(float[] prompt, List<float[]> earlierTurns, Map<String, Double> matched) {
        if (!scoresPrompt) {
            return;
        }
        double share = attackShare(prompt);
        if (includeHistory) {
            for (float[] turn : earlierTurns) {
                share = Math.max(share, attackShare(turn));
            }
        }
        if (share >= threshold) {
            matched.put(SignalResults.key(SignalsConfig.JAILBREAK, name), share);
        }
    }
}
