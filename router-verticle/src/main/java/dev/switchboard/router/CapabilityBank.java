package dev.switchboard.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
        try (InputStream in = CapabilityBank.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the router's jar");
            }
            List<Capability> capabilities = new ArrayList<>();
            for (JsonNode capability : new YAMLMapper().readTree(in).path("capabilities")) {
                List<String> prompts = new ArrayList<>();
                capability.path("prompts").forEach(p -> prompts.add(p.asText()));
                capabilities.add(new Capability(capability.path("name").asText(), List.copyOf(prompts)));
            }
            return List.copyOf(capabilities);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
