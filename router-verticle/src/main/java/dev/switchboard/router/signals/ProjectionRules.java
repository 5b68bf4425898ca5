package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.ProjectionsConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled {@code routing.projections}: each score is a weighted sum over the signal rules that matched (or
 * not), computed after every signal family; each mapping's band that holds the score matches
 * {@code projection:<band>}, with confidence 1 or, under {@code sigmoid_distance} calibration,
 * {@code sigmoid(slope × distance to the band's nearest bound)}.
 */
public final class ProjectionRules {

    /** The condition type of a band. */
    static final String PROJECTION = "projection";

    private final List<ProjectionsConfig.Score> scores;
    private final List<ProjectionsConfig.Mapping> mappings;

    public ProjectionRules(ProjectionsConfig config) {
        this.scores = config.scores();
        this.mappings = config.mappings();
    }

    /** The scores of a request's signal results. */
    public Map<String, Double> scores(Map<String, Double> matched) {
        Map<String, Double> values = new HashMap<>();
        for (ProjectionsConfig.Score score : scores) {
            double sum = 0;
            for (ProjectionsConfig.Input input : score.inputs()) {
                Double confidence = matched.get(SignalResults.key(input.type(), input.name()));
                double value = confidence == null ? input.miss()
                        : input.valueSource() != null ? confidence : input.match();
                sum += input.weight() * value;
            }
            values.put(score.name(), sum);
        }
        return values;
    }

    void evaluate(Map<String, Double> matched) {
        if (scores.isEmpty()) {
            return;
        }
        Map<String, Double> values = scores(matched);
        for (ProjectionsConfig.Mapping mapping : mappings) {
            Double value = values.get(mapping.source());
            if (value == null) {
                continue;
            }
            for (ProjectionsConfig.Band band : mapping.outputs()) {
                double distance = distanceInside(band, value);
                if (distance >= 0) {
                    matched.put(SignalResults.key(PROJECTION, band.name()), confidence(mapping, distance));
                }
            }
        }
    }

    /** How far inside the band the value lies (to its nearest bound; infinite when unbounded), or -1 outside. */
    static double distanceInside(ProjectionsConfig.Band band, double value) {
        if ((band.gt() != null && !(value > band.gt())) || (band.gte() != null && value < band.gte())
                || (band.lt() != null && !(value < band.lt())) || (band.lte() != null && value > band.lte())) {
            return -1;
        }
        double distance = Double.POSITIVE_INFINITY;
        for (Double bound : new Double[] {band.gt(), band.gte(), band.lt(), band.lte()}) {
            if (bound != null) {
                distance = Math.min(distance, Math.abs(value - bound));
            }
        }
        return distance;
    }

    private static double confidence(ProjectionsConfig.Mapping mapping, double distance) {
        if (mapping.calibration() == null || mapping.calibration().slope() == null) {
            return 1.0;
        }
        return 1 / (1 + Math.exp(-mapping.calibration().slope() * distance));
    }
}
