package dev.switchboard.selection.learning;

import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState.Label;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one piece of feedback says about each model, in the two forms the learners use: whether a model is the
 * right one to route such a prompt to ({@link #choices}) and whether its answer is good enough ({@link #sufficiency}).
 * The one place where each feedback type gets its meaning:
 *
 * <ul>
 * <li>thumbs up / down, rating: about the served model only (target 1, 0, or the score).</li>
 * <li>verdict {@code good_fit}: the served model is right and the others were not needed (at half weight); every
 * stronger one would be good enough too.
 * {@code failed}: the served model is wrong, with no direction. {@code underpowered}: the served model and every
 * weaker one are wrong and not good enough; a stronger one is right (certainly when there is one, shared when
 * several), so the strongest is good enough. {@code overprovisioned}: the answer was good enough but the served
 * model, and every stronger one, is not the right choice; a weaker one is, so the strongest weaker one is good
 * enough too.</li>
 * <li>{@code corrective} (names the model that should have answered): that model is right, every other candidate is
 * not; it and the stronger ones are good enough, the weaker ones not.</li>
 * <li>{@code pairwise}: the winner right and good enough, the loser neither.</li>
 * </ul>
 * What is stated weighs 1; what follows from the candidates' strength order ({@code ModelStrength}) weighs 1 when it
 * names one model and is shared when it names several. Without a strength order, directions say only that the served
 * model was wrong.
 */
public final class FeedbackLabels {

    /**
     * The facts of one piece of feedback, as the feedback event carries them.
     *
     * @param type       feedback type ({@link FeedbackSubmission#TYPES})
     * @param verdict    for a verdict
     * @param score      for a rating
     * @param winner     for pairwise
     * @param loser      for pairwise
     * @param corrected  for corrective: the model that should have answered
     * @param served     the model that served the request
     * @param candidates the decision's candidates (the served model alone when unknown)
     * @param strength   the candidates' strengths ({@code ModelStrength}); empty when unknown
     */
    public record Facts(String type, String verdict, Double score, String winner, String loser, String corrected,
            String served, List<String> candidates, Map<String, Double> strength) {

        public Facts {
            candidates = candidates == null || candidates.isEmpty() ? List.of(served) : List.copyOf(candidates);
            strength = strength == null ? Map.of() : Map.copyOf(strength);
        }

        List<String> weakerThan(String model) {
            return compared(model, -1);
        }

        List<String> strongerThan(String model) {
            return compared(model, 1);
        }

        /** The strongest of {@code models}; empty for none, or when two share the top. */
        Optional<String> strongest(List<String> models) {
            String best = null;
            boolean tied = false;
            for (String model : models) {
                if (best == null || strength.get(model) > strength.get(best)) {
                    best = model;
                    tied = false;
                } else if (strength.get(model).equals(strength.get(best))) {
                    tied = true;
                }
            }
            return tied ? Optional.empty() : Optional.ofNullable(best);
        }

        private List<String> compared(String model, int sign) {
            Double own = strength.get(model);
            List<String> out = new ArrayList<>();
            if (own == null) {
                return out;
            }
            for (String candidate : candidates) {
                Double other = strength.get(candidate);
                if (other != null && Math.signum(other - own) == sign) {
                    out.add(candidate);
                }
            }
            return out;
        }
    }

    /** The weight of "not this one" for the other candidates of a request whose routing was a good fit. */
    static final double IMPLIED_BY_GOOD_FIT = 0.5;

    private FeedbackLabels() {
    }

    /** For each model the feedback speaks of: is it the right model to route such a prompt to? */
    public static List<Label> choices(Facts f) {
        List<Label> labels = new ArrayList<>();
        switch (f.type()) {
            case FeedbackSubmission.THUMBS_UP -> labels.add(new Label(f.served(), 1, 1));
            case FeedbackSubmission.THUMBS_DOWN -> labels.add(new Label(f.served(), 0, 1));
            case FeedbackSubmission.RATING -> labels.add(new Label(f.served(), f.score(), 1));
            case FeedbackSubmission.PAIRWISE -> {
                labels.add(new Label(f.winner(), 1, 1));
                labels.add(new Label(f.loser(), 0, 1));
            }
            case FeedbackSubmission.CORRECTIVE -> {
                labels.add(new Label(f.corrected(), 1, 1));
                f.candidates().stream().filter(m -> !m.equals(f.corrected())).forEach(m -> labels.add(new Label(m, 0,
                        1)));
            }
            case FeedbackSubmission.VERDICT -> {
                switch (f.verdict()) {
                    case FeedbackSubmission.GOOD_FIT -> {
                        labels.add(new Label(f.served(), 1, 1));
                        // The right model served, so none of the others was needed: said less firmly.
                        f.candidates().stream().filter(m -> !m.equals(f.served()))
                                .forEach(m -> labels.add(new Label(m, 0, IMPLIED_BY_GOOD_FIT)));
                    }
                    case FeedbackSubmission.UNDERPOWERED -> {
                        labels.add(new Label(f.served(), 0, 1));
                        f.weakerThan(f.served()).forEach(m -> labels.add(new Label(m, 0, 1)));
                        shared(f.strongerThan(f.served()), 1, labels);
                    }
                    case FeedbackSubmission.OVERPROVISIONED -> {
                        labels.add(new Label(f.served(), 0, 1));
                        f.strongerThan(f.served()).forEach(m -> labels.add(new Label(m, 0, 1)));
                        shared(f.weakerThan(f.served()), 1, labels);
                    }
                    default -> labels.add(new Label(f.served(), 0, 1));
                }
            }
            default -> {
                // an unknown type says nothing
            }
        }
        return labels;
    }

    /** For each model the feedback speaks of: is its answer (or would it be) good enough? */
    public static List<Label> sufficiency(Facts f) {
        List<Label> labels = new ArrayList<>();
        switch (f.type()) {
            case FeedbackSubmission.THUMBS_UP -> labels.add(new Label(f.served(), 1, 1));
            case FeedbackSubmission.THUMBS_DOWN -> labels.add(new Label(f.served(), 0, 1));
            case FeedbackSubmission.RATING -> labels.add(new Label(f.served(), f.score(), 1));
            case FeedbackSubmission.PAIRWISE -> {
                labels.add(new Label(f.winner(), 1, 1));
                labels.add(new Label(f.loser(), 0, 1));
            }
            case FeedbackSubmission.CORRECTIVE -> {
                labels.add(new Label(f.corrected(), 1, 1));
                f.strongerThan(f.corrected()).forEach(m -> labels.add(new Label(m, 1, 1)));
                f.weakerThan(f.corrected()).forEach(m -> labels.add(new Label(m, 0, 1)));
            }
            case FeedbackSubmission.VERDICT -> {
                switch (f.verdict()) {
                    case FeedbackSubmission.GOOD_FIT -> {
                        labels.add(new Label(f.served(), 1, 1));
                        f.strongerThan(f.served()).forEach(m -> labels.add(new Label(m, 1, 1)));
                    }
                    case FeedbackSubmission.OVERPROVISIONED -> {
                        labels.add(new Label(f.served(), 1, 1));
                        f.strongerThan(f.served()).forEach(m -> labels.add(new Label(m, 1, 1)));
                        // A weaker model would have been right, so the strongest of the weaker ones suffices.
                        f.strongest(f.weakerThan(f.served())).ifPresent(m -> labels.add(new Label(m, 1, 1)));
                    }
                    case FeedbackSubmission.UNDERPOWERED -> {
                        labels.add(new Label(f.served(), 0, 1));
                        f.weakerThan(f.served()).forEach(m -> labels.add(new Label(m, 0, 1)));
                        // A stronger model would have been right, so the strongest of all suffices.
                        f.strongest(f.strongerThan(f.served())).ifPresent(m -> labels.add(new Label(m, 1, 1)));
                    }
                    default -> labels.add(new Label(f.served(), 0, 1));
                }
            }
            default -> {
                // an unknown type says nothing
            }
        }
        return labels;
    }

    /** One of {@code models} is meant: certainly that one when there is one, a share of the weight each otherwise. */
    private static void shared(List<String> models, double target, List<Label> labels) {
        for (String model : models) {
            labels.add(new Label(model, target, 1.0 / models.size()));
        }
    }
}
