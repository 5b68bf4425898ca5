package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.bus.LearnedDomains;
import dev.switchboard.feedback.events.EventJson;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The prompts {@code domain} feedback labelled, per embedding model and domain, for the router's domain signal.
 * Bounded: the newest {@link #PER_DOMAIN} of each domain, and at most {@link #MAX_GROUPS} (model, domain) groups, the
 * least recently taught forgotten first. Each prompt sits in one of its group's {@link #PER_DOMAIN} slots, a ring, and
 * each slot is one entry of the learned model ({@link LearnedModel#DOMAIN}), so that a prompt taught costs one small
 * record, not the whole group. Not thread-safe: one owner.
 */
final class DomainMemory {

    /**
     * Prompts kept per domain: a correction should move the prompts near it, and 48 close examples among a
     * category's 165 bank examples do that without one user's habits replacing the bank.
     */
    static final int PER_DOMAIN = 48;
    /** Domains are the config's (validated on submission); this bounds models × domains across model changes. */
    static final int MAX_GROUPS = 256;
    private static final String SEQUENCE = "sequence";
    private static final String VECTOR = "vector_f32le_base64";

    private record Group(String model, String domain) {
    }

    /** A group's ring: slot {@code (n - 1) % PER_DOMAIN} holds the n-th prompt taught. */
    private static final class Slots {
        final float[][] vectors = new float[PER_DOMAIN][];
        final long[] sequences = new long[PER_DOMAIN];
        long taught;
    }

    /** Told the key of every entry that changed (a slot written, or a forgotten group's slots). */
    private final Consumer<String> changed;
    private final LinkedHashMap<Group, Slots> groups = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Group, Slots> eldest) {
            if (size() <= MAX_GROUPS) {
                return false;
            }
            Slots forgotten = eldest.getValue();
            for (int slot = 0; slot < PER_DOMAIN; slot++) {
                if (forgotten.vectors[slot] != null) {
                    changed.accept(key(eldest.getKey(), slot));
                }
            }
            return true;
        }
    };

    DomainMemory(Consumer<String> changed) {
        this.changed = changed;
    }

    void add(String embeddingModel, String domain, float[] vector) {
        Group group = new Group(embeddingModel, domain);
        Slots slots = groups.computeIfAbsent(group, g -> new Slots());
        int slot = (int) (slots.taught++ % PER_DOMAIN);
        slots.vectors[slot] = vector;
        slots.sequences[slot] = slots.taught;
        changed.accept(key(group, slot));
    }

    int size() {
        int size = 0;
        for (Slots slots : groups.values()) {
            for (float[] vector : slots.vectors) {
                size += vector == null ? 0 : 1;
            }
        }
        return size;
    }

    /** An immutable copy for the routers, each domain's prompts oldest first. */
    LearnedDomains snapshot() {
        Map<String, Map<String, List<float[]>>> byModel = new LinkedHashMap<>();
        groups.forEach((group, slots) -> byModel.computeIfAbsent(group.model(), m -> new LinkedHashMap<>())
                .put(group.domain(), List.copyOf(inOrder(slots))));
        return new LearnedDomains(byModel);
    }

    private static List<float[]> inOrder(Slots slots) {
        List<Integer> taken = new ArrayList<>();
        for (int slot = 0; slot < PER_DOMAIN; slot++) {
            if (slots.vectors[slot] != null) {
                taken.add(slot);
            }
        }
        taken.sort(Comparator.comparingLong(slot -> slots.sequences[slot]));
        return taken.stream().map(slot -> slots.vectors[slot]).toList();
    }

    /** The keys of every slot that holds a prompt. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        groups.forEach((group, slots) -> {
            for (int slot = 0; slot < PER_DOMAIN; slot++) {
                if (slots.vectors[slot] != null) {
                    keys.add(key(group, slot));
                }
            }
        });
        return keys;
    }

    /** A slot's entry; null when it holds nothing (forgotten). */
    JsonObject entry(String embeddingModel, String domain, int slot) {
        Slots slots = groups.get(new Group(embeddingModel, domain));
        if (slots == null || slot < 0 || slot >= PER_DOMAIN || slots.vectors[slot] == null) {
            return null;
        }
        return new JsonObject().put(SEQUENCE, slots.sequences[slot]).put(VECTOR, EventJson.encode(slots.vectors[slot]));
    }

    /** Sets a slot from its entry (null: empties it), restoring or following the model; tells no one. */
    void put(String embeddingModel, String domain, int slot, JsonObject entry) {
        if (slot < 0 || slot >= PER_DOMAIN) {
            return;
        }
        Group group = new Group(embeddingModel, domain);
        if (entry == null) {
            Slots slots = groups.get(group);
            if (slots != null) {
                slots.vectors[slot] = null;
            }
            return;
        }
        Slots slots = groups.computeIfAbsent(group, g -> new Slots());
        slots.vectors[slot] = EventJson.decode(entry.getString(VECTOR));
        slots.sequences[slot] = entry.getLong(SEQUENCE);
        slots.taught = Math.max(slots.taught, slots.sequences[slot]);
    }

    void clear() {
        groups.clear();
    }

    private static String key(Group group, int slot) {
        return LearnedModel.key(LearnedModel.DOMAIN, group.model(), group.domain(), slot);
    }
}
