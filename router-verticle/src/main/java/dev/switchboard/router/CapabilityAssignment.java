package dev.switchboard.router;

import dev.switchboard.selection.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which card gets which capability of the bank, found from the card texts alone: a card is cut into its claims,
 * and each capability goes to the card its example prompts resemble, so that each card is represented by a few
 * dozen concrete example prompts (its anchors) instead of one sentence. Run once per config version.
 */
final class CapabilityAssignment {

    private static final Pattern CLAIM_SEPARATORS = Pattern.compile("[,.;!?](?:\\s+|$)");
    /** Shorter pieces ("Go", "AI") are names, not claims about the work a model is good at. */
    private static final int MIN_CLAIM_LENGTH = 3;

    private final List<CapabilityBank.Capability> bank;

    CapabilityAssignment(List<CapabilityBank.Capability> bank) {
        this.bank = List.copyOf(bank);
    }

    /**
     * A card's claims: its text cut at commas and sentence ends ("Best for code generation", "math proofs",
     * "casual conversation"). A card is a list of claims, and a prompt resembles one of them far more than it
     * resembles the whole list.
     */
    static List<String> claims(String cardText) {
        List<String> claims = new ArrayList<>();
        for (String part : CLAIM_SEPARATORS.split(cardText)) {
            String claim = part.strip();
            if (claim.length() >= MIN_CLAIM_LENGTH) {
                claims.add(claim);
            }
        }
        return claims.isEmpty() ? List.of(cardText) : List.copyOf(claims);
    }

    /**
     * Gives each capability of the bank to one card, and returns each card's anchors: the vectors of the prompts
     * it was given. A capability's affinity to a card is the mean, over its prompts, of the prompt's cosine with the
     * card's closest claim; the card wins whose affinity stands out most against its affinities to the other
     * capabilities (the affinity minus the card's mean over all capabilities), so that a card written to sound
     * general-purpose does not take every capability. Measured on the homelab cards: with whole-card cosines the
     * reasoning capability went to the fast general model by 0.0003 (and to the reasoning model only through
     * batch noise); by claims and contrast, every capability goes to its card by at least 0.015.
     */
    Map<String, List<float[]>> anchors(Map<String, List<float[]>> claims, List<float[]> bankVectors) {
        Map<String, List<float[]>> anchors = new HashMap<>();
        if (claims.isEmpty()) {
            return anchors;
        }
        List<String> cards = List.copyOf(claims.keySet());
        List<List<float[]>> promptsByCapability = new ArrayList<>();
        int next = 0;
        for (CapabilityBank.Capability capability : bank) {
            promptsByCapability.add(bankVectors.subList(next, next + capability.prompts().size()));
            next += capability.prompts().size();
        }
        double[][] affinity = new double[bank.size()][cards.size()];
        for (int c = 0; c < bank.size(); c++) {
            List<float[]> prompts = promptsByCapability.get(c);
            for (int k = 0; k < cards.size(); k++) {
                for (float[] prompt : prompts) {
                    double closest = Double.NEGATIVE_INFINITY;
                    for (float[] claim : claims.get(cards.get(k))) {
                        closest = Math.max(closest, Vectors.dot(prompt, claim));
                    }
                    affinity[c][k] += closest / prompts.size();
                }
            }
        }
        for (int c = 0; c < bank.size(); c++) {
            int best = 0;
            double bestContrast = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < cards.size(); k++) {
                double contrast = affinity[c][k] - meanOverCapabilities(affinity, k);
                if (contrast > bestContrast) {
                    best = k;
                    bestContrast = contrast;
                }
            }
            anchors.computeIfAbsent(cards.get(best), name -> new ArrayList<>()).addAll(promptsByCapability.get(c));
        }
        return anchors;
    }

    private static double meanOverCapabilities(double[][] affinity, int card) {
        double sum = 0;
        for (double[] capability : affinity) {
            sum += capability[card];
        }
        return sum / affinity.length;
    }
}
