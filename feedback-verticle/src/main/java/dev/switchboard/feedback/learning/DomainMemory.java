package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.bus.LearnedDomains;
import dev.switchboard.feedback.events.EventJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prompts {@code domain} feedback labelled, per embedding model and domain, for the router's domain signal.
 * Bounded: the newest {@link #PER_DOMAIN} of each domain, and at most {@link #MAX_GROUPS} (model, domain) groups, the
 * least recently taught forgotten first. Used from the learning loop's thread only.
 */
final class DomainMemory {

    /**
     * Prompts kept per domain: a correction should move the prompts near it, and 48 close examples among a
     * category's 165 bank examples do that without one user's habits replacing the bank.
     */
    static final int PER_DOMAIN = 48;
    /** Domains are the config's (validated on submission); this bounds models × domains across model changes. */
    static final int MAX_GROUPS = 256;

    private record Group(String model, String domain) {
    }

    private final LinkedHashMap<Group, Deque<float[]>> groups = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Group, Deque<float[]>> eldest) {
            return size() > MAX_GROUPS;
        }
    };

    void add(String embeddingModel, String domain, float[] vector) {
        Deque<float[]> vectors = groups.computeIfAbsent(new Group(embeddingModel, domain), g -> new ArrayDeque<>());
        if (vectors.size() == PER_DOMAIN) {
            vectors.removeFirst();
        }
        vectors.addLast(vector);
    }

    int size() {
        return groups.values().stream().mapToInt(Deque::size).sum();
    }

    /** An immutable copy for the routers. */
    LearnedDomains snapshot() {
        Map<String, Map<String, List<float[]>>> byModel = new LinkedHashMap<>();
        groups.forEach((group, vectors) -> byModel.computeIfAbsent(group.model(), m -> new LinkedHashMap<>())
                .put(group.domain(), List.copyOf(vectors)));
        return new LearnedDomains(byModel);
    }

    /** {@code {model: {domain: [vector, ...]}}}, vectors as base64 float32, for the learned-state snapshot. */
    JsonObject save() {
        JsonObject json = new JsonObject();
        groups.forEach((group, vectors) -> {
            JsonObject perModel = json.getJsonObject(group.model());
            if (perModel == null) {
                perModel = new JsonObject();
                json.put(group.model(), perModel);
            }
            JsonArray encoded = new JsonArray();
            vectors.forEach(vector -> encoded.add(EventJson.encode(vector)));
            perModel.put(group.domain(), encoded);
        });
        return json;
    }

    /** Replaces the content with a saved one; null (a snapshot from before domain learning) empties it. */
    void restore(JsonObject saved) {
        groups.clear();
        if (saved == null) {
            return;
        }
        saved.forEach(model -> ((JsonObject) model.getValue()).forEach(domain -> {
            List<float[]> vectors = new ArrayList<>();
            ((JsonArray) domain.getValue()).forEach(encoded -> vectors.add(EventJson.decode((String) encoded)));
            vectors.forEach(vector -> add(model.getKey(), domain.getKey(), vector));
        }));
    }
}
