package dev.switchboard.selection;

import static dev.switchboard.selection.Candidates.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.selection.hybrid.HybridSelection;
import dev.switchboard.selection.hybrid.HybridSettings;
import dev.switchboard.selection.latencyaware.LatencyAwareSelection;
import dev.switchboard.selection.latencyaware.LatencyAwareSettings;
import dev.switchboard.selection.multifactor.MultiFactorSelection;
import dev.switchboard.selection.multifactor.MultiFactorSettings;
import dev.switchboard.selection.routerdc.RouterDcSelection;
import dev.switchboard.selection.routerdc.RouterDcSettings;
import dev.switchboard.selection.sessionaware.SessionAwareSelection;
import dev.switchboard.selection.sessionaware.SessionAwareSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** latency_aware, hybrid and session_aware, with observations and a fixed clock. */
class ObservingAlgorithmsTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static SelectionInput input(float[] prompt, Observations observations, Candidate... candidates) {
        return new SelectionInput("d", List.of(candidates), prompt == null ? null : Candidates.unit(prompt),
                new RouteRequest("r", "MoM", "t", List.of(), 4, "s-1", null, false, "test"), observations, null);
    }

    static LatencySamples samples(double[] ttft, double[] tpot) {
        return new LatencySamples(ttft, tpot);
    }

    @Test
    void latencyAwareShouldPreferTheFastestObservedModel() throws Exception {
        LatencyAwareSelection selection = new LatencyAwareSelection(new LatencyAwareSettings(null, null));
        Observations observed = new Observations(Map.of(
                "slow", samples(new double[] {400, 500, 600}, new double[] {40, 50, 60}),
                "fast", samples(new double[] {100, 120, 140}, new double[] {20, 22, 24})), Map.of(), null);

        Selection chosen = selection.select(input(null, observed, of("slow", null, null), of("fast", null, null),
                of("unseen", null, null)));

        assertThat(chosen.model()).isEqualTo("fast");
        assertThat(chosen.scores().get(0).score()).isEqualTo(1.0);
        assertThat(chosen.scores().get(2).model()).isEqualTo("unseen");
        assertThat(chosen.scores().get(2).score()).isZero();
    }

    @Test
    void latencyAwareShouldGiveWayWithoutAnyObservation() {
        assertThatThrownBy(() -> new LatencyAwareSelection(new LatencyAwareSettings(null, null))
                .select(input(null, Observations.NONE, of("a", null, null), of("b", null, null))))
                .isInstanceOf(SelectionUnavailableException.class);
    }

    /** The candidates multi_factor scored (not those its SLOs or quality gate excluded). */
    private static List<String> scored(Selection selection) {
        return selection.scores().stream().filter(s -> s.score() > -1).map(s -> s.model()).toList();
    }

    @Test
    void latencyPercentilesShouldUseTheMeanBelowThreeSamples() {
        assertThat(samples(new double[] {10, 30}, new double[0]).ttft(95)).hasValue(20);
        assertThat(samples(new double[] {1, 2, 3, 4, 100}, new double[0]).ttft(50)).hasValue(3);
        assertThat(samples(new double[] {1, 2, 3, 4, 100}, new double[0]).ttft(95)).hasValue(100);
        assertThat(LatencySamples.NONE.tpot(90)).isEmpty();
    }

    @Test
    void multiFactorShouldWeighObservedLatencyAndDropWhatBreaksTheLatencySlo() throws Exception {
        MultiFactorSettings config = new MultiFactorSettings(
                new MultiFactorSettings.Weights(0.2, 0.8, null, null), new MultiFactorSettings.Slo(null, 1000.0, null, null),
                50, null, null);
        Observations observed = new Observations(Map.of(
                "sluggish", samples(new double[] {3000, 3100, 3200}, new double[] {30, 31, 32}),
                "quick", samples(new double[] {200, 210, 220}, new double[] {10, 11, 12}),
                "steady", samples(new double[] {400, 410, 420}, new double[] {20, 21, 22})), Map.of(), null);

        Selection chosen = new MultiFactorSelection(config).select(input(new float[] {0, 1}, observed,
                of("sluggish", null, null, 0, 1), of("steady", null, null, 0.3f, 1), of("quick", null, null, 0.36f, 1)));

        assertThat(scored(chosen)).containsExactlyInAnyOrder("quick", "steady");
        assertThat(chosen.scores().get(2).model()).isEqualTo("sluggish");
        assertThat(chosen.scores().get(2).components()).containsKey("excluded_by_slo");
        assertThat(chosen.model()).as("much faster, a little less similar").isEqualTo("quick");
        assertThat(chosen.scores().get(0).components()).containsKeys("quality", "latency");
    }

    @Test
    void multiFactorShouldRankLatencyOnlyAmongModelsAboutAsGoodForThePrompt() throws Exception {
        // Latency weighs four times as much as quality, and the coder is ten times slower (Ollama on a small box).
        MultiFactorSettings config = new MultiFactorSettings(new MultiFactorSettings.Weights(0.1, 0.4, null, null),
                null, null, null, null);
        Observations observed = new Observations(Map.of(
                "coder", samples(new double[] {400, 410, 420}, new double[] {40, 41, 42}),
                "general", samples(new double[] {40, 41, 42}, new double[] {4, 4.1, 4.2})), Map.of(), null);

        Selection coding = new MultiFactorSelection(config).select(input(new float[] {1, 0.1f}, observed,
                of("coder", null, null, 1, 0), of("general", null, null, 0, 1)));
        // Between the two: their votes differ by 0.015, within the default gate of 0.05.
        Selection either = new MultiFactorSelection(config).select(input(new float[] {1, 0.97f}, observed,
                of("coder", null, null, 1, 0), of("general", null, null, 0, 1)));

        assertThat(coding.model()).as("a coding prompt stays with the coder, however slow").isEqualTo("coder");
        assertThat(scored(coding)).containsExactly("coder");
        assertThat(coding.scores().get(1).components()).containsKey("excluded_by_quality_gate");
        assertThat(either.model()).as("where both fit, the faster").isEqualTo("general");
    }

    @Test
    void multiFactorShouldNeitherFavourNorPunishAModelForBeingTheOnlyOneMeasured() throws Exception {
        // The homelab's weights: latency counts four times as much as quality.
        MultiFactorSettings config = new MultiFactorSettings(
                new MultiFactorSettings.Weights(0.1, 0.4, null, null), new MultiFactorSettings.Slo(null, null, null, null), null, null, null);
        Observations oneAnswered = new Observations(Map.of(
                "coder", samples(new double[] {150}, new double[] {20})), Map.of(), null);

        Selection chosen = new MultiFactorSelection(config).select(input(new float[] {0, 1}, oneAnswered,
                of("coder", null, null, 1, 0), of("general", null, null, 0, 1)));

        assertThat(chosen.model()).as("the closer card, as before any answer").isEqualTo("general");
    }

    @Test
    void multiFactorShouldNotLetAMillisecondOutweighMeaning() throws Exception {
        MultiFactorSettings config = new MultiFactorSettings(
                new MultiFactorSettings.Weights(0.1, 0.4, null, null), new MultiFactorSettings.Slo(null, null, null, null), null, null, null);
        Observations alike = new Observations(Map.of(
                "coder", samples(new double[] {150}, new double[] {20}),
                "general", samples(new double[] {151}, new double[] {21})), Map.of(), null);

        Selection chosen = new MultiFactorSelection(config).select(input(new float[] {0, 1}, alike,
                of("coder", null, null, 1, 0), of("general", null, null, 0, 1)));

        assertThat(chosen.model()).isEqualTo("general");
    }

    @Test
    void multiFactorShouldWeighLoadAndCapInFlightRequests() throws Exception {
        MultiFactorSettings config = new MultiFactorSettings(
                new MultiFactorSettings.Weights(0.5, null, null, 0.5), new MultiFactorSettings.Slo(null, null, null, 10),
                null, null, null);
        Observations busy = new Observations(Map.of(), Map.of("closest", 11, "close", 2, "far", 0), null);

        Selection chosen = new MultiFactorSelection(config).select(input(new float[] {1, 0}, busy,
                of("closest", null, null, 1, 0), of("close", null, null, 0.9f, 0.3f), of("far", null, null, 0, 1)));

        assertThat(scored(chosen)).doesNotContain("closest");
        assertThat(chosen.model()).isEqualTo("close");
        assertThat(chosen.scores().get(0).components()).containsKeys("quality", "load");
    }

    @Test
    void hybridShouldBlendSimilarityQualityAndCost() throws Exception {
        HybridSelection selection = new HybridSelection(new HybridSettings(null, 0.5, 0.0, 0.5));
        SelectionInput input = input(new float[] {1, 0}, Observations.NONE,
                of("close-but-dear", 10.0, null, 1, 0), of("near-and-cheap", 0.5, null, 0.8f, 0.6f),
                of("far-and-free", 0.0, null, 0, 1));

        Selection chosen = selection.select(input);

        assertThat(chosen.model()).isEqualTo("near-and-cheap");
        assertThat(chosen.scores().get(0).components()).containsOnlyKeys("similarity", "cost");
    }

    @Test
    void hybridShouldRouteOnMeaningWhenOnlyCardsExist() throws Exception {
        HybridSelection selection = new HybridSelection(new HybridSettings(null, null, null, null));

        assertThat(selection.select(input(new float[] {0, 1}, Observations.NONE, of("a", null, null, 1, 0),
                of("b", null, null, 0, 1))).model()).isEqualTo("b");
    }

    @Test
    void hybridShouldWeighLearnedRatingsOfTheDecisionThenGlobal() throws Exception {
        HybridSelection selection = new HybridSelection(new HybridSettings(0.8, 0.2, 0.0, 0.0));
        LearnedState learned = new LearnedState(3, Map.of(
                "d", Map.of("b", new LearnedState.ModelStats(1700, 10, 1, 11)),
                LearnedState.GLOBAL, Map.of("a", new LearnedState.ModelStats(1450, 2, 8, 10))), List.of());
        SelectionInput input = new SelectionInput("d", List.of(of("a", null, null, 1, 0), of("b", null, null, 0.8f, 0.6f)),
                Candidates.unit(1, 0), new RouteRequest("r", "MoM", "t", List.of(), 4, null, null, false, "test"), null, learned);

        Selection chosen = selection.select(input);

        assertThat(chosen.model()).as("b is a little less similar but much better rated").isEqualTo("b");
        assertThat(chosen.scores().get(0).components()).containsKeys("experience", "similarity");
    }

    private SessionAwareSelection sessionAware(int minTurns) {
        SessionAwareSettings config = new SessionAwareSettings("router_dc", 0.10, 0.05, 0.05,
                minTurns, Duration.ofMinutes(5));
        return new SessionAwareSelection(config, new RouterDcSelection(new RouterDcSettings(null, -1.0, null, null), new SplittableRandom(1)),
                CLOCK);
    }

    @Test
    void sessionAwareShouldKeepAConversationUnlessSwitchingIsClearlyBetter() throws Exception {
        Observations onA = new Observations(Map.of(), Map.of(), new SessionView("a", 3, NOW.minusSeconds(30)));
        // The prompt is slightly closer to b: not enough to leave a.
        SelectionInput slightlyB = input(new float[] {0.70f, 0.71f}, onA, of("a", null, null, 1, 0),
                of("b", null, null, 0, 1), of("c", null, null, -1, 0));
        // The prompt is clearly about b: switch.
        SelectionInput clearlyB = input(new float[] {0.1f, 1}, onA, of("a", null, null, 1, 0),
                of("b", null, null, 0, 1), of("c", null, null, -1, 0));

        assertThat(new RouterDcSelection(new RouterDcSettings(null, -1.0, null, null), new SplittableRandom(1)).select(slightlyB).model())
                .isEqualTo("b");
        assertThat(sessionAware(1).select(slightlyB).model()).isEqualTo("a");
        assertThat(sessionAware(1).select(clearlyB).model()).isEqualTo("b");
    }

    @Test
    void sessionAwareShouldLockEarlyTurnsAndForgetIdleConversations() throws Exception {
        Observations young = new Observations(Map.of(), Map.of(), new SessionView("a", 1, NOW.minusSeconds(30)));
        Observations idle = new Observations(Map.of(), Map.of(), new SessionView("a", 9, NOW.minus(Duration.ofMinutes(6))));
        float[] aboutB = {0.1f, 1};

        assertThat(sessionAware(2).select(input(aboutB, young, of("a", null, null, 1, 0), of("b", null, null, 0, 1)))
                .model()).isEqualTo("a");
        assertThat(sessionAware(1).select(input(aboutB, idle, of("a", null, null, 1, 0), of("b", null, null, 0, 1)))
                .model()).isEqualTo("b");
        assertThat(sessionAware(1).select(input(aboutB, Observations.NONE, of("a", null, null, 1, 0),
                of("b", null, null, 0, 1))).model()).isEqualTo("b");
    }
}
