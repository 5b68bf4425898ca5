package dev.switchboard.proxy.replay;

import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.config.RouterReplayPlugin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The records of the decisions whose {@code router_replay} plugin is on, in memory: each decision keeps its newest
 * {@code max_records} (the oldest goes first), so the store is bounded by the config. A record is added when the
 * router publishes its decision and completed when the proxy publishes the response's outcome. A reload that turns a
 * decision's plugin off drops its records. Thread-safe.
 */
public final class RouterReplay {

    private final Map<String, LinkedHashMap<String, ReplayRecord>> byDecision = new HashMap<>();
    /** Which decision each kept request id belongs to, for lookups and outcomes. */
    private final Map<String, String> decisionOf = new HashMap<>();
    private Map<String, RouterReplayPlugin> plugins = Map.of();

    /** The decisions that keep records, by name; replaces the previous ones (a reload). */
    public synchronized void configure(Map<String, RouterReplayPlugin> replays) {
        plugins = Map.copyOf(replays);
        byDecision.keySet().removeIf(decision -> !plugins.containsKey(decision));
        byDecision.forEach((decision, records) -> trim(records, plugins.get(decision).maxRecords()));
        decisionOf.values().removeIf(decision -> !byDecision.containsKey(decision));
    }

    public synchronized void onDecision(DecisionRecord record) {
        String decision = record.decision().decision();
        RouterReplayPlugin plugin = decision == null ? null : plugins.get(decision);
        if (plugin == null || decisionOf.containsKey(record.decision().requestId())) {
            return;
        }
        LinkedHashMap<String, ReplayRecord> records = byDecision.computeIfAbsent(decision, d -> new LinkedHashMap<>());
        records.put(record.decision().requestId(), ReplayRecord.of(record));
        decisionOf.put(record.decision().requestId(), decision);
        trim(records, plugin.maxRecords());
    }

    public synchronized void onOutcome(OutcomeEvent outcome) {
        String decision = decisionOf.get(outcome.requestId());
        if (decision != null) {
            byDecision.get(decision).computeIfPresent(outcome.requestId(), (id, kept) -> kept.withOutcome(outcome));
        }
    }

    synchronized Optional<ReplayRecord> get(String requestId) {
        String decision = decisionOf.get(requestId);
        return decision == null ? Optional.empty() : Optional.ofNullable(byDecision.get(decision).get(requestId));
    }

    /** The newest {@code limit} records that pass {@code filter}, newest first. */
    synchronized List<ReplayRecord> list(Predicate<ReplayRecord> filter, int limit) {
        List<ReplayRecord> all = new ArrayList<>();
        byDecision.values().forEach(records -> records.values().stream().filter(filter).forEach(all::add));
        all.sort((a, b) -> Long.compare(b.timeMillis(), a.timeMillis()));
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    synchronized int size() {
        return decisionOf.size();
    }

    private void trim(LinkedHashMap<String, ReplayRecord> records, int max) {
        var oldest = records.keySet().iterator();
        while (records.size() > max && oldest.hasNext()) {
            decisionOf.remove(oldest.next());
            oldest.remove();
        }
    }
}
