package dev.switchboard.router;

import dev.switchboard.router.signals.ExampleBanks;
import java.util.List;

/**
 * The project's bank of example prompts per kind of work ({@code capabilities/bank.yaml}), read once. Each config
 * version gives every capability to the model card it matches best, so that a card's one-line description gains a
 * few dozen concrete anchors; see {@link SnapshotBuilder}.
 */
final class CapabilityBank {

    /** One kind of work and its example prompts. */
    record Capability(String name, List<String> prompts) {
    }

    private static final String RESOURCE = "/capabilities/bank.yaml";

    private CapabilityBank() {
    }

    static List<Capability> load() {
        return ExampleBanks.read(RESOURCE, "capabilities", "prompts").entrySet().stream()
                .map(entry -> new Capability(entry.getKey(), entry.getValue())).toList();
    }
}
