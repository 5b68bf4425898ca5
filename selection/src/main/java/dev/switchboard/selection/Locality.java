package dev.switchboard.selection;

/**
 * How far what feedback taught about one prompt reaches: fully to prompts about as similar as typical neighbours of
 * the same kind (cosine 0.45: 0.95), hardly to unrelated ones (0.2: 0.12, 0.1: 0.02), half at {@value #NEAR}. On the
 * default embedding model unrelated prompts of this project's kinds sit at cosines of 0.1 to 0.25 from each other
 * (a translation request and a question about a puppy's name: 0.23), prompts of one kind mostly above 0.35. Every
 * learner that generalises from exemplars scales what it learned by this, so that feedback about one kind of prompt
 * cannot move the routing of another however skewed the feedback is.
 */
public final class Locality {

    /** The cosine at which a prompt half belongs to what was learned. */
    public static final double NEAR = 0.3;
    /** How sharply belonging falls off around {@link #NEAR}. */
    public static final double WIDTH = 0.05;

    private Locality() {
    }

    /** How much of what was learned at a prompt with this cosine applies, in (0, 1). */
    public static double nearness(double cosine) {
        return nearness(cosine, NEAR);
    }

    /**
     * The same with another half-way cosine, for what generalises by itself and needs less of a cut: a linear head
     * on the prompt vector, a neighbour vote among anchors.
     */
    public static double nearness(double cosine, double near) {
        return 1 / (1 + Math.exp(-(cosine - near) / WIDTH));
    }
}
