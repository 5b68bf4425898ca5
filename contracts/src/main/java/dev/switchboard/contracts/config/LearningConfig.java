package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * {@code global.learning}: how much the feedback loop remembers and how outcomes count.
 *
 * @param maxExemplars   prompts remembered with their model and reward (newest kept), for {@code knn} and
 *                       {@code multi_factor}'s learned quality; each routed request compares its prompt with all of
 *                       them on the router's event loop (1.5–3 ms for 5,000 on two vCPUs), so raise it with care.
 *                       5,000 by default
 * @param implicitWeight weight of a response outcome (2xx success, anything else failure) against one piece of
 *                       explicit feedback; 0.3 by default
 * @param publishInterval how often, at most, the learned state goes to the routers when it changed; 200 ms by
 *                       default (each publication copies the state: exemplars, counters, fitted models)
 * @param catchUpTimeout  how long, at most, start-up waits for the learned state to catch up with the event topics
 *                       (the snapshot plus every event written after it) before the process says it is ready; 60 s
 *                       by default. With the cluster unreachable at start there is nothing to wait for: routing
 *                       starts from what it has
 */
public record LearningConfig(
        @JsonProperty("max_exemplars") Integer maxExemplars,
        @JsonProperty("implicit_weight") Double implicitWeight,
        @JsonProperty("publish_interval") Duration publishInterval,
        @JsonProperty("catch_up_timeout") Duration catchUpTimeout) {

    public LearningConfig {
        maxExemplars = maxExemplars == null ? 5_000 : maxExemplars;
        implicitWeight = implicitWeight == null ? 0.3 : implicitWeight;
        publishInterval = publishInterval == null ? Duration.ofMillis(200) : publishInterval;
        catchUpTimeout = catchUpTimeout == null ? Duration.ofSeconds(60) : catchUpTimeout;
    }

    static LearningConfig defaults() {
        return new LearningConfig(null, null, null, null);
    }

    /** The same with another publication interval. */
    public LearningConfig withPublishInterval(Duration interval) {
        return new LearningConfig(maxExemplars, implicitWeight, interval, catchUpTimeout);
    }
}
