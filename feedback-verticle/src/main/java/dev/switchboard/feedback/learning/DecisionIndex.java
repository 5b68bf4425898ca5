package dev.switchboard.feedback.learning;

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
     * @param model          the model that served the request
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

    private final Map<String, Entry> entries;

    public DecisionIndex(int capacity) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void put(String requestId, Entry entry) {
        entries.putIfAbsent(requestId, entry);
    }

    public synchronized Optional<Entry> get(String requestId) {
        return Optional.ofNullable(entries.get(requestId));
    }
}
