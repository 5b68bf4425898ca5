package dev.switchboard.selection;

import static dev.switchboard.selection.Candidates.input;
import static dev.switchboard.selection.Candidates.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.PriceOrigin;
import dev.switchboard.contracts.config.Pricing;
import dev.switchboard.selection.fixed.StaticSelection;
import dev.switchboard.selection.multifactor.MultiFactorSelection;
import dev.switchboard.selection.multifactor.MultiFactorSettings;
import dev.switchboard.selection.routerdc.RouterDcSelection;
import dev.switchboard.selection.routerdc.RouterDcSettings;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelectionAlgorithmsTest {

    static MultiFactorSettings multiFactor(double quality, double cost, Double maxCost, String onNone) {
        return new MultiFactorSettings(new MultiFactorSettings.Weights(quality, 0.4, cost, null),
                new MultiFactorSettings.Slo(maxCost, null, null, null), null, onNone, null);
    }

    @Test
    void shouldRegisterTheAlgorithmsAsPlugins() {
        assertThat(SelectionPlugins.installed().types()).contains("static", "router_dc", "multi_factor", "knn");
    }

    @Test
    void staticShouldTakeTheHeaviestThenTheFirst() {
        StaticSelection selection = new StaticSelection();

        assertThat(selection.select(input(null, Candidates.weighted("a", 1), Candidates.weighted("b", 3))).model())
                .isEqualTo("b");
        Selection tie = selection.select(input(null, Candidates.weighted("a", 1), Candidates.weighted("b", 1)));
        assertThat(tie.model()).isEqualTo("a");
        assertThat(tie.confidence()).isEqualTo(0.5);
    }

    @Test
    void routerDcShouldTakeTheClosestCardWithAnInformativeConfidence() throws Exception {
        RouterDcSelection selection = new RouterDcSelection(new RouterDcSettings(null, null, null, null), new SplittableRandom(1));
        SelectionInput input = input(new float[] {1, 0.2f, 0},
                of("coder", null, null, 1, 0, 0), of("reasoner", null, null, 0.7f, 0.7f, 0), of("fast", null, null, 0, 0, 1));

        Selection chosen = selection.select(input);

        assertThat(chosen.model()).isEqualTo("coder");
        assertThat(chosen.scores()).extracting(CandidateScore::model).containsExactly("coder", "reasoner", "fast");
        // Without anchors, the softmax of the description cosines (0.98, 0.83, 0) at 0.07.
        assertThat(chosen.scores().get(0).components()).containsKey("card_similarity");
        assertThat(chosen.scores().get(0).score()).isCloseTo(0.89, within(0.01));
        // sigmoid(0.98 / 0.07) would be 1.0000; the softmax over candidates still tells how clear the win was.
        assertThat(chosen.confidence()).isBetween(0.5, 0.99);
    }

    @Test
    void routerDcShouldGiveWayBelowMinSimilarityOrWithoutAnEmbedding() {
        // sigmoid(cos / 0.07) >= 0.99999 needs a cosine of 0.806; the best here is 0.707.
        RouterDcSelection selection = new RouterDcSelection(new RouterDcSettings(null, 0.99999, null, null), new SplittableRandom(1));

        assertThatThrownBy(() -> selection.select(input(new float[] {1, 1, 0}, of("a", null, null, 1, 0, 0),
                of("b", null, null, 0, 0, 1)))).isInstanceOf(SelectionUnavailableException.class);
        assertThatThrownBy(() -> selection.select(input(null, of("a", null, null, 1, 0, 0))))
                .isInstanceOf(SelectionUnavailableException.class);
    }

    @Test
    void routerDcShouldReadMinSimilarityOnTheReferencesScale() {
        assertThat(RouterDcSelection.cosineBound(0.5, 0.07)).isZero();
        assertThat(RouterDcSelection.cosineBound(0.3, 0.07)).isCloseTo(-0.0593, within(1e-4));
        assertThat(RouterDcSelection.cosineBound(0, 0.07)).isNegative().isInfinite();
    }

    @Test
    void multiFactorShouldRouteOnMeaningWhenThereIsNoPriceOrLatency() throws Exception {
        // The homelab weights: quality 0.1, latency 0.4, cost 0.5, no prices, no latency data.
        MultiFactorSelection selection = new MultiFactorSelection(multiFactor(0.1, 0.5, 0.5, null));

        Selection chosen = selection.select(input(new float[] {0, 0, 1},
                of("coder", null, null, 1, 0, 0), of("reasoner", null, null, 0, 1, 0), of("fast", null, null, 0, 0.2f, 1)));

        assertThat(chosen.model()).isEqualTo("fast");
        assertThat(chosen.scores().get(0).components()).containsOnlyKeys("quality", "similarity");
    }

    @Test
    void multiFactorShouldWeighCostAndDropWhatBreaksTheSlo() throws Exception {
        MultiFactorSelection selection = new MultiFactorSelection(multiFactor(0.5, 0.5, 5.0, null));
        SelectionInput input = input(new float[] {1, 0, 0},
                of("frontier", 10.0, null, 1, 0, 0),   // best match, but over max_cost_per_1m
                of("mid", 2.0, null, 0.9f, 0.1f, 0),
                of("cheap", 0.1, null, 0.2f, 1, 0));

        Selection chosen = selection.select(input);

        assertThat(chosen.scores()).filteredOn(s -> s.model().equals("frontier")).singleElement()
                .satisfies(s -> assertThat(s.components()).containsKey("excluded_by_slo"));
        assertThat(chosen.model()).isEqualTo("mid");
        assertThat(chosen.scores().get(0).components()).containsKeys("quality", "cost");
    }

    @Test
    void multiFactorShouldWeighATablePriceButNeverDropAModelForIt() throws Exception {
        // The shipped table's price for the best match is over the ceiling: the ceiling is for prices the user wrote.
        Candidate frontier = of("frontier", null, null, 1, 0, 0);
        Candidate tablePriced = new Candidate("frontier", 1.0, new ModelDefinition("frontier", null, null,
                new Pricing(10.0, 30.0, null, PriceOrigin.TABLE, "price table"), frontier.definition().backendRefs()),
                frontier.card(), frontier.cardVector(), List.of());
        MultiFactorSelection selection = new MultiFactorSelection(multiFactor(0.5, 0.5, 5.0, null));

        Selection chosen = selection.select(input(new float[] {1, 0, 0}, tablePriced,
                of("cheap", 0.1, null, 0.2f, 1, 0)));

        assertThat(chosen.model()).isEqualTo("frontier");
        assertThat(chosen.scores()).allSatisfy(s -> assertThat(s.components()).doesNotContainKey("excluded_by_slo"));
        assertThat(chosen.scores().get(0).components()).containsKeys("quality", "cost");
    }

    @Test
    void multiFactorShouldApplyItsNoCandidatePolicy() throws Exception {
        SelectionInput allTooDear = input(new float[] {1, 0}, of("a", 9.0, null, 1, 0), of("b", 7.0, null, 0, 1));

        assertThat(new MultiFactorSelection(multiFactor(1, 0, 1.0, "cheapest")).select(allTooDear).model())
                .isEqualTo("b");
        assertThat(new MultiFactorSelection(multiFactor(1, 0, 1.0, "first")).select(allTooDear).model())
                .isEqualTo("a");
        assertThatThrownBy(() -> new MultiFactorSelection(multiFactor(1, 0, 1.0, "fail")).select(allTooDear))
                .isInstanceOf(SelectionUnavailableException.class);
    }

    @Test
    void multiFactorShouldUseCardQualityWithoutAnEmbedding() throws Exception {
        MultiFactorSelection selection = new MultiFactorSelection(multiFactor(1, 0, null, null));

        assertThat(selection.select(input(null, of("a", null, 0.6), of("b", null, 0.9))).model()).isEqualTo("b");
        assertThatThrownBy(() -> selection.select(input(null, of("a", null, null), of("b", null, null))))
                .isInstanceOf(SelectionUnavailableException.class);
    }

    @Test
    void normalisationShouldInvertSkipAndHandleTies() {
        assertThat(Normalise.minMax(new Double[] {1.0, 3.0, null}, true)).containsExactly(1.0, 0.0, 0.0);
        assertThat(Normalise.minMax(new Double[] {2.0, 2.0}, false)).containsExactly(0.5, 0.5);
        assertThat(Normalise.minMax(new Double[] {null, null}, false)).isNull();
    }
}
