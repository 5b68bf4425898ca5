package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.bus.ReasonCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The most recent decisions by request id, from this instance's router (at once) and from every instance's
 * decisions topic (as it is read): what feedback is checked against ("unknown request id" is a 404) and joined to.
 * Bounded: the oldest decisions are forgotten first. Thread-safe.
 */
public final class DecisionIndex {

    /**
     * What learning needs of one decision.
     *
     * @param model          the model that served the request; null for a fast response
     * @param decision       the decision that chose it; nullable
     * @param candidates     the models it chose among
     * @param userId         nullable
     * @param sessionId      nullable
     * @param embeddingModel nullable when the prompt was not embedded
     * @param vector         the prompt's unit embedding; nullable
     * @param prior          the model cards' prior for the prompt; empty without cards
     */
    public record Entry(String model, String decision, List<String> candidates, String userId, String sessionId,
            String embeddingModel, float[] vector, Map<String, Double> prior) {

        public Entry {
            candidates = List.copyOf(candidates);
            prior = prior == null ? Map.of() : Map.copyOf(prior);
        }
    }

    /**
     * How an entry is held: the vector as {@link Int8Vector}, the prior as two arrays, and the names, candidate lists
     * and ids shared between entries ({@link Deduplicator}): 674 bytes of heap a decision with the default model's 384
     * dimensions, against 2,351 when entries were held as given ({@code bench decision-index}; 64 MiB at the
     * verticle's 100,000 bound instead of 224).
     */
    private record Held(String model, String decision, List<String> candidates, String userId, String sessionId,
            String embeddingModel, Int8Vector vector, List<String> priorModels, double[] priorValues) {

        Entry toEntry() {
            Map<String, Double> prior = new HashMap<>();
            for (int i = 0; i < priorValues.length; i++) {
                prior.put(priorModels.get(i), priorValues[i]);
            }
            return new Entry(model, decision, candidates, userId, sessionId, embeddingModel,
                    vector == null ? null : vector.toUnitFloats(), prior);
        }
    }

    /** Slots for shared names, lists and ids: far more than a deployment has models or active users. */
    private static final int SHARED_SLOTS = 8192;

    private final Map<String, Held> entries;
    private final Deduplicator<String> names = new Deduplicator<>(SHARED_SLOTS);
    private final Deduplicator<List<String>> lists = new Deduplicator<>(SHARED_SLOTS);

    public DecisionIndex(int capacity) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The model that answered a decision's request: none for a fast response (the decision's fixed message), whose
     * selected model is only the default it names, so that feedback on it teaches no model.
     */
    public static String servedModel(String selectedModel, String reasonCode) {
        return ReasonCode.FAST_RESPONSE.code().equals(reasonCode) ? null : selectedModel;
    }

    /** Keeps {@code entry} for {@code requestId} unless one is kept already (the first word on a request stands). */
    public synchronized void put(String requestId, Entry entry) {
        if (entries.containsKey(requestId)) {
            return;
        }
        List<String> priorModels = new ArrayList<>(entry.prior().size());
        double[] priorValues = new double[entry.prior().size()];
        entry.prior().forEach((model, value) -> {
            priorValues[priorModels.size()] = value;
            priorModels.add(names.shared(model));
        });
        entries.put(requestId, new Held(names.shared(entry.model()), names.shared(entry.decision()),
                lists.shared(List.copyOf(entry.candidates().stream().map(names::shared).toList())), names.shared(entry.userId()),
                names.shared(entry.sessionId()), names.shared(entry.embeddingModel()), Int8Vector.of(entry.vector()),
                lists.shared(List.copyOf(priorModels)), priorValues));
    }

    /** Whether a decision is kept for {@code requestId} (without reading it back). */
    public synchronized boolean contains(String requestId) {
        return entries.containsKey(requestId);
    }

    /** The decision for {@code requestId}, its vector read back at unit length (within about 0.001 per component). */
    public synchronized Optional<Entry> get(String requestId) {
        Held held = entries.get(requestId);
        return held == null ? Optional.empty() : Optional.of(held.toEntry());
    }
}
