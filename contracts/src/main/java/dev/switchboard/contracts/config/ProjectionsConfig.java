package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code routing.projections}: values derived from the signals' results. A score is a weighted sum of signal rules
 * (their confidence, or a fixed value when matched or missed); a mapping cuts a score into named bands, and
 * conditions of type {@code projection} name a band. A partition keeps one winner among competing domain or
 * embedding rules, before the scores are computed.
 *
 * @param partitions groups of rules of which at most one stays matched
 * @param scores     weighted sums
 * @param mappings   threshold bands over a score
 */
public record ProjectionsConfig(List<Partition> partitions, List<Score> scores, List<Mapping> mappings) {

    public static final String WEIGHTED_SUM = "weighted_sum";
    public static final String THRESHOLD_BANDS = "threshold_bands";
    public static final String EXCLUSIVE = "exclusive";
    public static final String SOFTMAX_EXCLUSIVE = "softmax_exclusive";
    public static final String CONFIDENCE = "confidence";
    /**
     * Where an input's value comes from: absent for match/miss; {@code confidence}, or the reference's {@code raw}
     * (a signal's raw value) and {@code score} (a knowledge-base metric), which Switchboard reads as the confidence.
     */
    public static final List<String> VALUE_SOURCES = List.of(CONFIDENCE, "raw", "score");

    public ProjectionsConfig {
        partitions = Lists.immutable(partitions);
        scores = Lists.immutable(scores);
        mappings = Lists.immutable(mappings);
    }

    public static ProjectionsConfig none() {
        return new ProjectionsConfig(null, null, null);
    }

    /**
     * Rules of one family ({@code domain} or {@code embedding}) that answer one question: when several match, only the
     * most confident stays matched ({@code exclusive}), with its confidence renormalised against the other matches by
     * a softmax at {@code temperature} ({@code softmax_exclusive}); when none matches, {@code default} is matched, with
     * the uniform share {@code 1 / members}.
     */
    public record Partition(String name, String semantics, Double temperature, List<String> members,
            @JsonProperty("default") String defaultMember) {
        public Partition {
            semantics = semantics == null ? EXCLUSIVE : semantics;
            members = Lists.immutable(members);
        }
    }

    /** A weighted sum of signal rules; {@code method} is {@code weighted_sum}. */
    public record Score(String name, String method, List<Input> inputs) {
        public Score {
            method = method == null ? WEIGHTED_SUM : method;
            inputs = Lists.immutable(inputs);
        }
    }

    /**
     * One term of a score: the named rule of a signal family ({@code type}, {@code name}, as a condition names it),
     * counted as its confidence when it matched ({@code value_source} set, see {@link #VALUE_SOURCES}) or as
     * {@code match} (default 1), and as {@code miss} (default 0) when it did not, times {@code weight}.
     */
    public record Input(String type, String name, Double weight, @JsonProperty("value_source") String valueSource,
            Double match, Double miss) {
        public Input {
            weight = weight == null ? 1.0 : weight;
            match = match == null ? 1.0 : match;
            miss = miss == null ? 0.0 : miss;
        }
    }

    /** Bands over a score; {@code method} is {@code threshold_bands}. */
    public record Mapping(String name, String source, String method, Calibration calibration, List<Band> outputs) {
        public Mapping {
            method = method == null ? THRESHOLD_BANDS : method;
            outputs = Lists.immutable(outputs);
        }
    }

    /**
     * How sure a band is: {@code sigmoid_distance} gives {@code sigmoid(slope × distance to the nearest bound)},
     * so a score on a bound is 0.5 and one far inside its band near 1; without it a band's confidence is 1.
     */
    public record Calibration(String method, Double slope) {
    }

    /** A named band: every present bound must hold. */
    public record Band(String name, Double gt, Double gte, Double lt, Double lte) {
    }
}
