package dev.switchboard.selection.automix;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code automix} (AutoMix, arXiv 2310.12963): start with the cheapest candidate and escalate to stronger ones while
 * the predicted quality of the answer is below the threshold. The reference's keys and defaults.
 *
 * @param verificationThreshold  the probability that an answer is good enough at which it is kept; 0.7
 * @param maxEscalations         how many times a request may move up; 2
 * @param costAwareRouting       below the threshold, escalate only when the stronger model's expected gain is worth
 *                               its extra price (candidates with prices); true
 * @param costQualityTradeoff    the price of one unit of quality in that comparison (0: quality only); 0.3
 * @param discountFactor         how much a later answer is worth against one now; 0.95
 * @param useLogprobVerification the reference's log-probability verification; accepted, not used (see
 *                               {@code enable_self_verification})
 * @param enableSelfVerification on the HTTP proxy, measure the answer instead of predicting it: the cheap model's
 *                               answer is sent back to it with a verification question, and a low rating escalates;
 *                               false (it costs an extra call per request)
 * @param learningRate           Switchboard's: the step of each update of the predicted verification; 0.2
 */
public record AutomixSettings(
        @JsonProperty("verification_threshold") Double verificationThreshold,
        @JsonProperty("max_escalations") Integer maxEscalations,
        @JsonProperty("cost_aware_routing") Boolean costAwareRouting,
        @JsonProperty("cost_quality_tradeoff") Double costQualityTradeoff,
        @JsonProperty("discount_factor") Double discountFactor,
        @JsonProperty("use_logprob_verification") Boolean useLogprobVerification,
        @JsonProperty("enable_self_verification") Boolean enableSelfVerification,
        @JsonProperty("learning_rate") Double learningRate) {

    public AutomixSettings {
        verificationThreshold = verificationThreshold == null ? 0.7 : verificationThreshold;
        maxEscalations = maxEscalations == null ? 2 : maxEscalations;
        costAwareRouting = costAwareRouting == null || costAwareRouting;
        costQualityTradeoff = costQualityTradeoff == null ? 0.3 : costQualityTradeoff;
        discountFactor = discountFactor == null ? 0.95 : discountFactor;
        useLogprobVerification = useLogprobVerification == null || useLogprobVerification;
        enableSelfVerification = enableSelfVerification != null && enableSelfVerification;
        learningRate = learningRate == null ? 0.2 : learningRate;
    }
}
