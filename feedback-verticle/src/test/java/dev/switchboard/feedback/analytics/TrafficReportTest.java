package dev.switchboard.feedback.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficReportTest {

    private static JsonObject event(String id, String type) {
        return new JsonObject().put("event_id", id).put("type", type);
    }

    @Test
    void shouldSummariseEachModelOnceEvenWhenEventsRepeat() {
        TrafficReport report = new TrafficReport();
        report.add(event("d1", "decision").put("selected_model", "small"));
        report.add(event("d2", "decision").put("selected_model", "small"));
        report.add(event("d2", "decision").put("selected_model", "small"));
        report.add(event("d3", "decision").put("selected_model", "large"));
        report.add(event("o1", "outcome").put("model", "small").put("success", true).put("latency_ms", 100)
                .put("cost_usd", 0.002).put("costliest_cost_usd", 0.010).put("ttft_ms", 20));
        report.add(event("o2", "outcome").put("model", "small").put("success", false).put("latency_ms", 300)
                .putNull("cost_usd"));
        report.add(event("f1", "feedback").put("feedback_type", "thumbs_up").put("model", "small"));
        report.add(event("f2", "feedback").put("feedback_type", "pairwise").put("winner", "large")
                .put("loser", "small"));

        List<TrafficReport.ModelRow> rows = report.rows();

        TrafficReport.ModelRow small = rows.get(0);
        assertThat(small.model()).isEqualTo("small");
        assertThat(small.decisions()).isEqualTo(2);
        assertThat(small.share()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(small.successRate()).isEqualTo(0.5);
        assertThat(small.costUsd()).isEqualTo(0.002);
        assertThat(small.savedUsd()).isCloseTo(0.008, within(1e-12));
        assertThat(report.json().getJsonObject("spend").getDouble("saved_usd")).isCloseTo(0.008, within(1e-12));
        assertThat(report.table()).contains("routing saved 0.008000 USD (80.0%)");
        assertThat(small.latencyP50Ms()).isEqualTo(100.0);
        assertThat(small.latencyP99Ms()).isEqualTo(300.0);
        assertThat(small.feedback()).isEqualTo(2);
        assertThat(small.feedbackWinRate()).isEqualTo(0.5);
        assertThat(rows.get(1).feedbackWinRate()).isEqualTo(1.0);
        assertThat(report.table()).contains("small", "66.7%");
    }

    @Test
    void shouldCountCacheHitsApartFromTheModelsAnswersAndAddUpWhatTheySaved() {
        TrafficReport report = new TrafficReport();
        report.add(event("d1", "decision").put("selected_model", "small"));
        report.add(event("d2", "decision").put("selected_model", "small"));
        report.add(event("d3", "decision").put("selected_model", "small"));
        report.add(event("o1", "outcome").put("model", "small").put("success", true).put("latency_ms", 900)
                .put("cost_usd", 0.003).put("cache", new JsonObject().put("hit", false)));
        for (String id : List.of("o2", "o3")) {
            report.add(event(id, "outcome").put("model", "small").put("success", true).put("latency_ms", 0.5)
                    .putNull("cost_usd").put("cache", new JsonObject().put("hit", true).put("similarity", 0.97)
                            .put("saved_latency_ms", 899.5).put("saved_prompt_tokens", 100)
                            .put("saved_completion_tokens", 20).put("saved_cost_usd", 0.003)));
        }
        report.add(event("o4", "outcome").put("model", "small").put("success", true).put("latency_ms", 800));

        TrafficReport.ModelRow small = report.rows().get(0);
        JsonObject cache = report.json().getJsonObject("response_cache");

        // The model answered twice (one lookup missed, one request's decision does not cache); the cache twice
        assertThat(small.responses()).isEqualTo(2);
        assertThat(small.cacheHits()).isEqualTo(2);
        assertThat(small.latencyP50Ms()).isEqualTo(800.0);
        assertThat(small.costUsd()).isEqualTo(0.003);
        assertThat(cache.getLong("lookups")).isEqualTo(3);
        assertThat(cache.getLong("hits")).isEqualTo(2);
        assertThat(cache.getDouble("hit_rate")).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(cache.getLong("saved_prompt_tokens")).isEqualTo(200);
        assertThat(cache.getLong("saved_completion_tokens")).isEqualTo(40);
        assertThat(cache.getDouble("saved_cost_usd")).isCloseTo(0.006, within(1e-12));
        assertThat(cache.getDouble("saved_latency_ms")).isEqualTo(1799.0);
        assertThat(report.table()).contains("response cache: 3 lookups, 2 hits (66.7%)");
    }

    @Test
    void shouldSayNothingOfTheCacheWhenNoDecisionCaches() {
        TrafficReport report = new TrafficReport();
        report.add(event("o1", "outcome").put("model", "small").put("success", true).put("latency_ms", 900));

        assertThat(report.table()).doesNotContain("response cache");
        assertThat(report.json().getJsonObject("response_cache").getLong("lookups")).isZero();
    }
}
