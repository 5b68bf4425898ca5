package dev.switchboard.app.eval;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.OutcomeEvent;
import io.vertx.core.eventbus.EventBus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Response outcomes as a live deployment would report them, replayed before the evaluation learns and scores, so
 * that latency-aware selection sees realistic measurements: for each model, {@code count} outcomes whose time to
 * first token is log-normal around the stated median (σ {@value #SIGMA} of the log: about ±30 %), the time per
 * output token a tenth of it, {@value #TOKENS} completion tokens, status 200. Seeded.
 *
 * @param medianTtftMs the median time to first token of each model, from {@code --outcomes model=ms,...}
 * @param count        outcomes per model
 * @param seed         the generator's seed
 */
public record OutcomeReplay(Map<String, Double> medianTtftMs, int count, long seed) {

    static final double SIGMA = 0.3;
    static final int TOKENS = 200;

    /** Parses {@code model=ms[,model=ms...]}. */
    public static Map<String, Double> parse(String text) {
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String[] pair = entry.strip().split("=", 2);
            try {
                medians.put(pair[0].strip(), Double.parseDouble(pair[1].strip()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--outcomes expects model=milliseconds[,model=milliseconds...], "
                        + "got '" + entry + "'");
            }
        }
        return medians;
    }

    /** Publishes the outcomes on {@code feedback.outcome}, as the proxy does after each response. */
    public void publish(EventBus bus, String decision) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            for (Map.Entry<String, Double> model : medianTtftMs.entrySet()) {
                double ttft = model.getValue() * Math.exp(SIGMA * random.nextGaussian());
                double tpot = model.getValue() / 10 * Math.exp(SIGMA * random.nextGaussian());
                bus.publish(Addresses.FEEDBACK_OUTCOME, new OutcomeEvent("outcome-" + model.getKey() + "-" + i,
                        model.getKey(), decision, 200, ttft + TOKENS * tpot, ttft, tpot, 50, TOKENS));
            }
        }
    }
}
