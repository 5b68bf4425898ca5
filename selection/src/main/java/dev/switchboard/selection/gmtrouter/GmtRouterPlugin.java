package dev.switchboard.selection.gmtrouter;

import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;
import dev.switchboard.selection.learning.Learner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code type: gmtrouter}. */
public final class GmtRouterPlugin implements SelectionPlugin<GmtRouterSettings> {

    @Override
    public String type() {
        return GmtRouterSelection.TYPE;
    }

    @Override
    public Class<GmtRouterSettings> settingsType() {
        return GmtRouterSettings.class;
    }

    @Override
    public void validate(GmtRouterSettings settings, ConfigChecks checks) {
        checks.inRange("min_interactions_for_personalization", settings.minInteractionsForPersonalization(), 0,
                1_000_000);
        checks.inRange("max_interactions_per_user", settings.maxInteractionsPerUser(), 1, 100_000);
        checks.inRange("history_sample_size", settings.historySampleSize(), 1, 1_000);
        checks.inRange("max_users", settings.maxUsers(), 1, 10_000_000);
        checks.inRange("similar_users", settings.similarUsers(), 0, 1_000);
        Map<String, Object> graphNetwork = new LinkedHashMap<>();
        graphNetwork.put("embedding_dimension", settings.embeddingDimension());
        graphNetwork.put("num_gnn_layers", settings.numGnnLayers());
        graphNetwork.put("attention_heads", settings.attentionHeads());
        graphNetwork.put("feedback_types", settings.feedbackTypes());
        graphNetwork.put("model_path", settings.modelPath());
        graphNetwork.put("storage_path", settings.storagePath());
        graphNetwork.forEach((key, value) -> {
            if (value != null) {
                checks.warn(key, "ignored: Switchboard's gmtrouter propagates preference over its graph without a "
                        + "trained network, and keeps its state in the learned-state topic");
            }
        });
    }

    @Override
    public SelectionAlgorithm create(GmtRouterSettings settings, SelectionContext context) {
        return new GmtRouterSelection(settings, context.random());
    }

    @Override
    public Optional<Learner> learner(GmtRouterSettings settings) {
        return Optional.of(new UserPreferenceLearner(settings));
    }
}
