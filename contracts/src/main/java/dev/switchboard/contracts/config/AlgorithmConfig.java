package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code routing.decisions[].algorithm}: which selection algorithm picks one of the decision's candidates, and that
 * algorithm's own block, e.g. {@code {type: multi_factor, multi_factor: {weights: {...}, slo: {...}}}}.
 *
 * <p>Only the block named by {@code type} may be present; when it is absent its defaults apply (the reference's
 * documented defaults, see the record of each block). Absent blocks of other types stay null.
 *
 * @param type         one of {@link #TYPES}
 * @param routerDc     block for {@code router_dc}
 * @param multiFactor  block for {@code multi_factor}
 * @param latencyAware block for {@code latency_aware}
 * @param hybrid       block for {@code hybrid}
 * @param sessionAware block for {@code session_aware}
 * @param elo          block for {@code elo}
 * @param rlDriven     block for {@code rl_driven}
 */
public record AlgorithmConfig(
        String type,
        @JsonProperty("router_dc") RouterDc routerDc,
        @JsonProperty("multi_factor") MultiFactor multiFactor,
        @JsonProperty("latency_aware") LatencyAware latencyAware,
        Hybrid hybrid,
        @JsonProperty("session_aware") SessionAware sessionAware,
        Elo elo,
        @JsonProperty("rl_driven") RlDriven rlDriven,
        Knn knn) {

    public static final String STATIC_TYPE = "static";

    /** Every selection algorithm Switchboard accepts in {@code type}: the reference's fourteen. */
    public static final List<String> TYPES = List.of(
            STATIC_TYPE, "router_dc", "multi_factor", "latency_aware", "hybrid", "session_aware",
            "elo", "rl_driven", "gmtrouter", "automix", "knn", "kmeans", "svm", "mlp");

    /** The types Switchboard implements; the reference's others are refused by the validator with a hint. */
    public static final List<String> IMPLEMENTED = List.of(
            STATIC_TYPE, "router_dc", "multi_factor", "latency_aware", "hybrid", "session_aware",
            "elo", "rl_driven", "knn");

    /** {@code {type: static}}, the default algorithm of a decision. */
    public static final AlgorithmConfig STATIC = new AlgorithmConfig(STATIC_TYPE, null, null, null, null, null, null, null,
            null);

    public AlgorithmConfig {
        type = type == null ? STATIC_TYPE : type;
        switch (type) {
            case "router_dc" -> routerDc = routerDc == null ? new RouterDc(null, null, null) : routerDc;
            case "multi_factor" -> multiFactor = multiFactor == null ? new MultiFactor(null, null, null, null) : multiFactor;
            case "latency_aware" -> latencyAware = latencyAware == null ? new LatencyAware(null, null) : latencyAware;
            case "hybrid" -> hybrid = hybrid == null ? new Hybrid(null, null, null, null) : hybrid;
            case "session_aware" -> sessionAware = sessionAware == null
                    ? new SessionAware(null, null, null, null, null, null) : sessionAware;
            case "elo" -> elo = elo == null ? new Elo(null, null, null, null) : elo;
            case "rl_driven" -> rlDriven = rlDriven == null ? new RlDriven(null, null, null, null) : rlDriven;
            case "knn" -> knn = knn == null ? new Knn(null, null) : knn;
            default -> {
                // static and the learning algorithms of later issues have no block yet.
            }
        }
    }

    /** The blocks that are present, by YAML key; used to check that only the block of {@code type} is given. */
    public Map<String, Object> presentBlocks() {
        Map<String, Object> blocks = new LinkedHashMap<>();
        blocks.put("router_dc", routerDc);
        blocks.put("multi_factor", multiFactor);
        blocks.put("latency_aware", latencyAware);
        blocks.put("hybrid", hybrid);
        blocks.put("session_aware", sessionAware);
        blocks.put("elo", elo);
        blocks.put("rl_driven", rlDriven);
        blocks.values().removeIf(v -> v == null);
        return blocks;
    }

    /**
     * {@code router_dc}: cosine between the prompt and each model card.
     *
     * @param temperature     softmax temperature of the per-candidate scores; 0.07 by default
     * @param minSimilarity   the best card must reach this on the reference's scale, {@code sigmoid(cos /
     *                        temperature)}, or the first candidate is used; 0.3 by default
     * @param useCapabilities whether the card's capabilities are embedded with its description; true by default
     */
    public record RouterDc(
            Double temperature,
            @JsonProperty("min_similarity") Double minSimilarity,
            @JsonProperty("use_capabilities") Boolean useCapabilities) {
        public RouterDc {
            temperature = temperature == null ? 0.07 : temperature;
            minSimilarity = minSimilarity == null ? 0.3 : minSimilarity;
            useCapabilities = useCapabilities == null || useCapabilities;
        }
    }

    /**
     * {@code multi_factor}: weighted quality, latency, cost and load, after SLO filters.
     *
     * @param weights           factor weights, normalised to sum 1; 0.25 each when the block is absent
     * @param slo               hard filters; none by default
     * @param latencyPercentile percentile of observed latency used as the latency factor; 95 by default
     * @param onNoCandidates    {@code cheapest} (default), {@code first} or {@code fail} when the SLOs drop everyone
     */
    public record MultiFactor(
            Weights weights,
            Slo slo,
            @JsonProperty("latency_percentile") Integer latencyPercentile,
            @JsonProperty("on_no_candidates") String onNoCandidates) {
        public MultiFactor {
            weights = weights == null ? Weights.EQUAL : weights;
            slo = slo == null ? new Slo(null, null, null, null) : slo;
            latencyPercentile = latencyPercentile == null ? 95 : latencyPercentile;
            onNoCandidates = onNoCandidates == null ? "cheapest" : onNoCandidates;
        }
    }

    /**
     * {@code multi_factor.weights}. A factor left out of a given block weighs 0 (the homelab file gives quality,
     * latency and cost summing to 1 and means no load factor); only an absent block means equal weights.
     */
    public record Weights(Double quality, Double latency, Double cost, Double load) {
        static final Weights EQUAL = new Weights(0.25, 0.25, 0.25, 0.25);

        public Weights {
            quality = quality == null ? 0.0 : quality;
            latency = latency == null ? 0.0 : latency;
            cost = cost == null ? 0.0 : cost;
            load = load == null ? 0.0 : load;
        }
    }

    /**
     * {@code multi_factor.slo}: candidates beyond a limit are dropped; a null limit does not filter.
     *
     * @param maxCostPer1m prompt price per million tokens
     * @param maxTtftMs    time to first token, at the configured percentile
     * @param maxTpotMs    time per output token, at the configured percentile
     * @param maxInflight  requests in flight to the model; 0 means no ceiling
     */
    public record Slo(
            @JsonProperty("max_cost_per_1m") Double maxCostPer1m,
            @JsonProperty("max_ttft_ms") Double maxTtftMs,
            @JsonProperty("max_tpot_ms") Double maxTpotMs,
            @JsonProperty("max_inflight") Integer maxInflight) {
    }

    /**
     * {@code latency_aware}: the candidate with the lowest observed latency wins.
     *
     * @param tpotPercentile percentile of time per output token; 90 by default
     * @param ttftPercentile percentile of time to first token; 95 by default
     */
    public record LatencyAware(
            @JsonProperty("tpot_percentile") Integer tpotPercentile,
            @JsonProperty("ttft_percentile") Integer ttftPercentile) {
        public LatencyAware {
            tpotPercentile = tpotPercentile == null ? 90 : tpotPercentile;
            ttftPercentile = ttftPercentile == null ? 95 : ttftPercentile;
        }
    }

    /**
     * {@code hybrid}: a weighted blend of learned experience, card similarity, predicted quality and cost.
     *
     * @param experienceWeight weight of learned ratings; 0.3 by default
     * @param routerDcWeight   weight of card similarity; 0.3 by default
     * @param automixWeight    weight of predicted quality; 0.2 by default
     * @param costWeight       weight of (inverted) cost; 0.2 by default
     */
    public record Hybrid(
            @JsonProperty("experience_weight") Double experienceWeight,
            @JsonProperty("router_dc_weight") Double routerDcWeight,
            @JsonProperty("automix_weight") Double automixWeight,
            @JsonProperty("cost_weight") Double costWeight) {
        public Hybrid {
            experienceWeight = experienceWeight == null ? 0.3 : experienceWeight;
            routerDcWeight = routerDcWeight == null ? 0.3 : routerDcWeight;
            automixWeight = automixWeight == null ? 0.2 : automixWeight;
            costWeight = costWeight == null ? 0.2 : costWeight;
        }
    }

    /**
     * {@code session_aware}: keeps a conversation on its model unless switching is clearly better.
     *
     * @param base                 algorithm whose scores are adjusted; {@code hybrid} by default
     * @param stayBias             bonus of the conversation's current model; 0.10 by default
     * @param switchMargin         extra margin a different model needs; 0.05 by default
     * @param handoffPenalty       penalty of any switch; 0.05 by default
     * @param minTurnsBeforeSwitch turns on one model before a switch is allowed; 1 by default
     * @param idleTimeout          after this idle time the conversation starts afresh; 300 s by default
     */
    public record SessionAware(
            String base,
            @JsonProperty("stay_bias") Double stayBias,
            @JsonProperty("switch_margin") Double switchMargin,
            @JsonProperty("handoff_penalty") Double handoffPenalty,
            @JsonProperty("min_turns_before_switch") Integer minTurnsBeforeSwitch,
            @JsonProperty("idle_timeout") Duration idleTimeout) {
        public SessionAware {
            base = base == null ? "hybrid" : base;
            stayBias = stayBias == null ? 0.10 : stayBias;
            switchMargin = switchMargin == null ? 0.05 : switchMargin;
            handoffPenalty = handoffPenalty == null ? 0.05 : handoffPenalty;
            minTurnsBeforeSwitch = minTurnsBeforeSwitch == null ? 1 : minTurnsBeforeSwitch;
            idleTimeout = idleTimeout == null ? Duration.ofSeconds(300) : idleTimeout;
        }
    }

    /**
     * {@code elo}: Bradley-Terry ratings learned online from feedback.
     *
     * @param initialRating  rating of a model without feedback; 1500 by default
     * @param kFactor        update step; 32 by default
     * @param minComparisons comparisons before the rating is trusted (confidence 0.5); 5 by default
     * @param costScaling    strength of the bonus for cheaper models; 0 by default
     */
    public record Elo(
            @JsonProperty("initial_rating") Double initialRating,
            @JsonProperty("k_factor") Double kFactor,
            @JsonProperty("min_comparisons") Integer minComparisons,
            @JsonProperty("cost_scaling_factor") Double costScaling) {
        public Elo {
            initialRating = initialRating == null ? 1500.0 : initialRating;
            kFactor = kFactor == null ? 32.0 : kFactor;
            minComparisons = minComparisons == null ? 5 : minComparisons;
            costScaling = costScaling == null ? 0.0 : costScaling;
        }
    }

    /**
     * {@code rl_driven}: a Beta-Bernoulli bandit over the candidates, learned online from feedback.
     *
     * @param useThompsonSampling sample the posteriors (true, default) or use epsilon-greedy
     * @param explorationRate     initial epsilon of epsilon-greedy; 0.3 by default
     * @param minExploration      floor of epsilon; 0.05 by default
     * @param costWeight          strength of the bonus for cheaper models; 0.2 by default
     */
    public record RlDriven(
            @JsonProperty("use_thompson_sampling") Boolean useThompsonSampling,
            @JsonProperty("exploration_rate") Double explorationRate,
            @JsonProperty("min_exploration") Double minExploration,
            @JsonProperty("cost_weight") Double costWeight) {
        public RlDriven {
            useThompsonSampling = useThompsonSampling == null || useThompsonSampling;
            explorationRate = explorationRate == null ? 0.3 : explorationRate;
            minExploration = minExploration == null ? 0.05 : minExploration;
            costWeight = costWeight == null ? 0.2 : costWeight;
        }
    }

    /**
     * {@code knn}: the k remembered prompts nearest to this one, per candidate, vote with the rewards their model
     * earned (feedback joined to decisions by the feedback loop).
     *
     * @param k            neighbours per candidate; 5 by default
     * @param minExemplars exemplars of a candidate before its vote counts; fewer means the model card decides. 3
     *                     by default
     */
    public record Knn(Integer k, @JsonProperty("min_exemplars") Integer minExemplars) {
        public Knn {
            k = k == null ? 5 : k;
            minExemplars = minExemplars == null ? 3 : minExemplars;
        }
    }
}
