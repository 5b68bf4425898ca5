package dev.switchboard.contracts.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code switchboard validate --reference-report FILE}: what Switchboard does with each feature a config (written for
 * the vLLM Semantic Router) uses — honoured as the reference means it, approximated (the same intent by other means,
 * said how), or ignored (with the warning's reason). The approximations are the classifier families the reference
 * backs with fine-tuned models that Switchboard replaces by its embedding model and example banks.
 */
public final class ReferenceReport {

    public static final String HONOURED = "honoured";
    public static final String APPROXIMATED = "approximated";
    public static final String IGNORED = "ignored";

    /** One feature of the config: its name, how many times it is used, Switchboard's treatment and how. */
    public record Line(String feature, int uses, String status, String how) {
        @Override
        public String toString() {
            return String.format("%-13s %-44s %4d  %s", status, feature, uses, how);
        }
    }

    /** How each signal family is computed, for those not computed as the reference does. */
    private static final Map<String, String> APPROXIMATIONS = Map.ofEntries(
            Map.entry("domains", "nearest examples of the project's MMLU-Pro bank (and the domain's own) on the "
                    + "embedding model, instead of the fine-tuned mmBERT classifier"),
            Map.entry("complexity", "closest hard minus closest easy example, as the reference; image candidates, "
                    + "prototype scoring and the composer are not used"),
            Map.entry("user_feedbacks", "nearest examples of the project's feedback bank, instead of the fine-tuned "
                    + "feedback detector"),
            Map.entry("fact_check", "nearest examples of the project's fact-check bank, instead of the fine-tuned "
                    + "classifier"),
            Map.entry("jailbreak", "nearest examples of the project's attack and benign bank plus the rule's patterns, "
                    + "instead of the prompt-guard model; response rules never match"),
            Map.entry("pii", "patterns with checksums for formatted identifiers (email, phone, card, SSN, IP, IBAN, "
                    + "API key), instead of the token classifier; names and addresses in prose are not found"),
            Map.entry("reasks", "character-trigram similarity of the user turns, instead of embedding similarity"),
            Map.entry("preferences", "cosine to the examples, as embedding rules; no external LLM"),
            Map.entry("role_bindings", "from the gateway's x-authz-user-id and x-authz-user-groups on ExtProc; the "
                    + "HTTP proxy trusts no identity header, so these rules do not match there"),
            Map.entry("metadata", "the body's metadata object (the Chat Completions API's string pairs)"),
            Map.entry("modality", "nearest examples of the project's bank of text, image and text-and-image requests, "
                    + "instead of the modality classifier; a prompt near none of them is AR"),
            Map.entry("input_modality", "content-part types of the user messages (Chat Completions spellings)"));

    private ReferenceReport() {
    }

    public static List<Line> of(LoadedConfig loaded) {
        List<Line> lines = new ArrayList<>();
        SwitchboardConfig config = loaded.config();
        SignalsConfig signals = config.routing().signals();
        Map<String, Integer> families = new LinkedHashMap<>();
        families.put("keywords", signals.keywords().size());
        families.put("embeddings", signals.embeddings().size());
        families.put("context", signals.context().size());
        families.put("language", signals.language().size());
        families.put("structure", signals.structure().size());
        families.put("conversation", signals.conversation().size());
        families.put("domains", signals.domains().size());
        families.put("complexity", signals.complexity().size());
        families.put("user_feedbacks", signals.userFeedbacks().size());
        families.put("fact_check", signals.factCheck().size());
        families.put("jailbreak", signals.jailbreak().size());
        families.put("pii", signals.pii().size());
        families.put("reasks", signals.reasks().size());
        families.put("preferences", signals.preferences().size());
        families.put("role_bindings", signals.roleBindings().size());
        families.put("metadata", signals.metadata().size());
        families.put("events", signals.events().size());
        families.put("modality", signals.modality().size());
        families.put("input_modality", signals.inputModality().size());
        families.forEach((family, uses) -> {
            if (uses > 0) {
                String approximation = APPROXIMATIONS.get(family);
                lines.add(new Line("routing.signals." + family, uses, approximation == null ? HONOURED : APPROXIMATED,
                        approximation == null ? "evaluated as the reference does (see warnings for ignored options)"
                                : approximation));
            }
        });
        ProjectionsConfig projections = config.routing().projections();
        int projectionUses = projections.partitions().size() + projections.scores().size()
                + projections.mappings().size();
        if (projectionUses > 0) {
            lines.add(new Line("routing.projections", projectionUses, HONOURED, "partitions (one winner of competing "
                    + "rules), scores (weighted sums) and threshold bands, over the signals' confidences"));
        }
        count(config.routing().decisions(), d -> d.algorithm() == null ? AlgorithmConfig.DEFAULT_TYPE
                : d.algorithm().type()).forEach((type, uses) -> lines.add(new Line("algorithm " + type, uses, HONOURED,
                        "Switchboard's implementation (README, 'Choosing an algorithm')")));
        count(config.routing().decisions().stream().flatMap(d -> d.plugins().stream()).toList(), DecisionPlugin::type)
                .forEach((type, uses) -> lines.add(new Line("plugin " + type, uses, HONOURED, "applied by the proxy")));
        count(loaded.warnings(), w -> w.path().replaceAll("\\[\\d+]", "[*]")).forEach((path, uses) -> {
            String reason = loaded.warnings().stream().filter(w -> w.path().replaceAll("\\[\\d+]", "[*]").equals(path))
                    .findFirst().map(ConfigWarning::message).orElse("");
            lines.add(new Line(path, uses, reason.startsWith("read as") || reason.contains(": read as") ? HONOURED
                    : IGNORED, reason));
        });
        return List.copyOf(lines);
    }

    private static <T> Map<String, Integer> count(List<T> items, Function<T, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        items.forEach(item -> counts.merge(key.apply(item), 1, Integer::sum));
        return counts;
    }
}
