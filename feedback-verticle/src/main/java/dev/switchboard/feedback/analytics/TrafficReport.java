package dev.switchboard.feedback.analytics;

import dev.switchboard.feedback.events.EventFields;
import dev.switchboard.feedback.learning.LearningState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-model figures from the event topics: share of routed traffic (decisions), responses, success rate, cost and
 * latency percentiles (outcomes; answers from the response cache are counted apart, with what they saved:
 * {@link CacheSavings}), and what explicit feedback said (feedback). Events are de-duplicated by
 * {@code event_id}; the order they are added in does not matter.
 */
public final class TrafficReport {

    /** The figures of one model. */
    public record ModelRow(String model, long decisions, double share, long responses, long cacheHits,
            Double successRate,
            double costUsd, double savedUsd, Double latencyP50Ms, Double latencyP95Ms, Double latencyP99Ms, Double ttftP50Ms,
            long feedback, Double feedbackWinRate) {
    }

    private static final class Tally {
        long decisions;
        long responses;
        long cacheHits;
        long successes;
        double cost;
        double costliest;
        final List<Double> latencies = new ArrayList<>();
        final List<Double> ttfts = new ArrayList<>();
        long feedback;
        double wins;
    }

    private final Map<String, Tally> byModel = new TreeMap<>();
    private final Set<String> seen = new HashSet<>();
    private final CacheSavings cacheSavings = new CacheSavings();
    private long decisions;

    public void add(JsonObject event) {
        String eventId = event.getString("event_id");
        if (eventId != null && !seen.add(eventId)) {
            return;
        }
        switch (event.getString("type", "")) {
            case "decision" -> {
                decisions++;
                tally(event.getString("selected_model")).decisions++;
            }
            case "outcome" -> {
                Tally t = tally(event.getString("model"));
                JsonObject cache = event.getJsonObject(EventFields.CACHE);
                if (cache != null) {
                    cacheSavings.add(cache);
                    if (cache.getBoolean(EventFields.CACHE_HIT, false)) {
                        // The model did not answer: its share of traffic counts the hit, its latencies do not.
                        t.cacheHits++;
                        break;
                    }
                }
                t.responses++;
                if (event.getBoolean("success", false)) {
                    t.successes++;
                }
                if (event.getValue(EventFields.COST_USD) instanceof Number cost) {
                    t.cost += cost.doubleValue();
                    // The baseline counts only where the cost is known, so that the saving compares like with like.
                    t.costliest += event.getValue(EventFields.COSTLIEST_COST_USD) instanceof Number costliest
                            ? costliest.doubleValue() : cost.doubleValue();
                }
                if (event.getValue("latency_ms") instanceof Number latency) {
                    t.latencies.add(latency.doubleValue());
                }
                if (event.getValue("ttft_ms") instanceof Number ttft) {
                    t.ttfts.add(ttft.doubleValue());
                }
            }
            case "feedback" -> feedback(event);
            default -> {
                // not an event of ours
            }
        }
    }

    private void feedback(JsonObject event) {
        if ("pairwise".equals(event.getString("feedback_type"))) {
            Tally winner = tally(event.getString("winner"));
            winner.feedback++;
            winner.wins++;
            tally(event.getString("loser")).feedback++;
            return;
        }
        Double reward = LearningState.reward(event);
        if (reward != null && event.getString("model") != null) {
            Tally t = tally(event.getString("model"));
            t.feedback++;
            t.wins += reward;
        }
    }

    private Tally tally(String model) {
        return byModel.computeIfAbsent(model == null ? "(none)" : model, m -> new Tally());
    }

    public List<ModelRow> rows() {
        List<ModelRow> rows = new ArrayList<>();
        byModel.forEach((model, t) -> rows.add(new ModelRow(model, t.decisions,
                decisions == 0 ? 0 : (double) t.decisions / decisions, t.responses, t.cacheHits,
                t.responses == 0 ? null : (double) t.successes / t.responses, t.cost, t.costliest - t.cost,
                percentile(t.latencies, 50), percentile(t.latencies, 95), percentile(t.latencies, 99),
                percentile(t.ttfts, 50), t.feedback, t.feedback == 0 ? null : t.wins / t.feedback)));
        rows.sort((a, b) -> Long.compare(b.decisions(), a.decisions()));
        return rows;
    }

    /** Nearest-rank percentile; null without values. */
    static Double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    public String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-22s %9s %7s %9s %10s %8s %11s %11s %9s %9s %9s %9s %8s %8s%n", "model", "decisions", "share",
                "responses", "cache_hits", "success", "cost_usd", "saved_usd", "p50_ms", "p95_ms", "p99_ms", "ttft_p50",
                "feedback", "win_rate"));
        for (ModelRow r : rows()) {
            out.append(String.format(Locale.ROOT, "%-22s %9d %6.1f%% %9d %10d %8s %11.6f %11.6f %9s %9s %9s %9s %8d %8s%n",
                    r.model(), r.decisions(), r.share() * 100, r.responses(), r.cacheHits(),
                    percent(r.successRate()), r.costUsd(), r.savedUsd(),
                    number(r.latencyP50Ms()), number(r.latencyP95Ms()), number(r.latencyP99Ms()),
                    number(r.ttftP50Ms()), r.feedback(), percent(r.feedbackWinRate())));
        }
        return out.append(spendLine()).append(cacheSavings.line()).toString();
    }

    public JsonObject json() {
        JsonArray models = new JsonArray();
        for (ModelRow r : rows()) {
            models.add(new JsonObject().put("model", r.model()).put("decisions", r.decisions())
                    .put("share", r.share()).put("responses", r.responses()).put("cache_hits", r.cacheHits())
                    .put("success_rate", r.successRate())
                    .put("cost_usd", r.costUsd()).put("saved_usd", r.savedUsd())
                    .put("latency_p50_ms", r.latencyP50Ms())
                    .put("latency_p95_ms", r.latencyP95Ms()).put("latency_p99_ms", r.latencyP99Ms())
                    .put("ttft_p50_ms", r.ttftP50Ms()).put("feedback", r.feedback())
                    .put("feedback_win_rate", r.feedbackWinRate()));
        }
        double spend = spend();
        double costliest = costliest();
        return new JsonObject().put("decisions", decisions).put("models", models)
                .put("spend", new JsonObject().put("cost_usd", spend).put("costliest_cost_usd", costliest)
                        .put("saved_usd", costliest - spend))
                .put("response_cache", cacheSavings.json());
    }

    private double spend() {
        return byModel.values().stream().mapToDouble(t -> t.cost).sum();
    }

    private double costliest() {
        return byModel.values().stream().mapToDouble(t -> t.costliest).sum();
    }

    /**
     * What was spent against sending every request to its decision's most expensive priced candidate, from the
     * outcome events' real token counts at the config's prices (configured, local or the shipped price table).
     */
    private String spendLine() {
        double spend = spend();
        double costliest = costliest();
        return String.format(Locale.ROOT, "spend: %.6f USD; every request on its decision's most expensive "
                + "candidate: %.6f USD; routing saved %.6f USD (%s)%n", spend, costliest, costliest - spend,
                costliest == 0 ? "-" : percent((costliest - spend) / costliest));
    }

    private static String percent(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f%%", value * 100);
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

}
