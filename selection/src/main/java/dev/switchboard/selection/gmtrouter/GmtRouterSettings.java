package dev.switchboard.selection.gmtrouter;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code gmtrouter}: personalised routing over a graph of users, prompts and models (GMTRouter, arXiv 2511.08590),
 * learned online from feedback. The reference's keys; those that describe its offline-trained graph network are
 * accepted and ignored with a warning.
 *
 * @param enablePersonalization             whether a user's own and similar users' preferences count; true
 * @param minInteractionsForPersonalization a user's pieces of feedback before they count; 3
 * @param maxInteractionsPerUser            a user's most recent pieces of feedback kept; 100
 * @param historySampleSize                 past prompts (and card anchors) a prompt is connected to; 5
 * @param maxUsers                          users remembered, the least recently active forgotten first; 10,000
 * @param similarUsers                      the most similar users whose preferences propagate to a user; 5
 * @param embeddingDimension                the reference's GNN width; ignored (the prompt vectors are the embedding
 *                                          model's)
 * @param numGnnLayers                      the reference's GNN depth; ignored (preference propagates two hops)
 * @param attentionHeads                    the reference's GNN attention heads; ignored
 * @param feedbackTypes                     the reference's feedback filter; ignored (every type counts)
 * @param modelPath                         the reference's trained GNN; ignored
 * @param storagePath                       the reference's state file; ignored (the state is in Kafka)
 */
public record GmtRouterSettings(
        @JsonProperty("enable_personalization") Boolean enablePersonalization,
        @JsonProperty("min_interactions_for_personalization") Integer minInteractionsForPersonalization,
        @JsonProperty("max_interactions_per_user") Integer maxInteractionsPerUser,
        @JsonProperty("history_sample_size") Integer historySampleSize,
        @JsonProperty("max_users") Integer maxUsers,
        @JsonProperty("similar_users") Integer similarUsers,
        @JsonProperty("embedding_dimension") Integer embeddingDimension,
        @JsonProperty("num_gnn_layers") Integer numGnnLayers,
        @JsonProperty("attention_heads") Integer attentionHeads,
        @JsonProperty("feedback_types") List<String> feedbackTypes,
        @JsonProperty("model_path") String modelPath,
        @JsonProperty("storage_path") String storagePath) {

    public GmtRouterSettings {
        enablePersonalization = enablePersonalization == null || enablePersonalization;
        minInteractionsForPersonalization = minInteractionsForPersonalization == null ? 3
                : minInteractionsForPersonalization;
        maxInteractionsPerUser = maxInteractionsPerUser == null ? 100 : maxInteractionsPerUser;
        historySampleSize = historySampleSize == null ? 5 : historySampleSize;
        maxUsers = maxUsers == null ? 10_000 : maxUsers;
        similarUsers = similarUsers == null ? 5 : similarUsers;
    }
}
