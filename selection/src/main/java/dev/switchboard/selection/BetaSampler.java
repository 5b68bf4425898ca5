package dev.switchboard.selection;

import java.util.random.RandomGenerator;

/**
 * Draws from Beta(α, β) as X/(X+Y) with X ~ Gamma(α), Y ~ Gamma(β), using Marsaglia and Tsang's method (for
 * shape < 1, Gamma(a) = Gamma(a+1)·U^(1/a)). The generator is injected, so a seeded one gives repeatable draws.
 */
public final class BetaSampler {

    private BetaSampler() {
    }

    public static double sample(double alpha, double beta, RandomGenerator random) {
        double x = gamma(alpha, random);
        double y = gamma(beta, random);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    static double gamma(double shape, RandomGenerator random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
