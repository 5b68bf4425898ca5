package dev.switchboard.router.signals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's example banks in the router's jar, read once: {@code domains/mmlu.yaml} (prompts per MMLU-Pro
 * category) and {@code signals/bank.yaml} (messages per class of the user-feedback, fact-check, jailbreak and
 * output-modality detectors). Each bank is a map from label to example texts, in file order.
 */
public final class ExampleBanks {

    /** Families of {@code signals/bank.yaml}. */
    public static final String USER_FEEDBACK = "user_feedback";
    public static final String FACT_CHECK = "fact_check";
    public static final String JAILBREAK = "jailbreak";
    public static final String MODALITY = "modality";
    /** The feedback bank's class of messages that are not feedback at all. */
    public static final String NOT_FEEDBACK = "none";
    /** The jailbreak bank's two classes. */
    public static final String ATTACK = "jailbreak";
    public static final String BENIGN = "benign";

    /** Read on first use only: a config without these families never parses them. */
    private static final class Loaded {
        static final Map<String, List<String>> DOMAINS = read("/domains/mmlu.yaml", "domains", "prompts");
        static final JsonNode FAMILIES = tree("/signals/bank.yaml").path("families");
    }

    private ExampleBanks() {
    }

    /** Example prompts per MMLU-Pro category. */
    public static Map<String, List<String>> domains() {
        return Loaded.DOMAINS;
    }

    /** Example messages per class of a family of {@code signals/bank.yaml}. */
    public static Map<String, List<String>> family(String family) {
        JsonNode classes = Loaded.FAMILIES.path(family);
        if (!classes.isArray() || classes.isEmpty()) {
            throw new IllegalStateException("signals/bank.yaml has no family '" + family + "'");
        }
        return labelled(classes, "examples");
    }

    /**
     * A bank of the router's jar: the entries of its top-level {@code list}, each a {@code name} and a list of
     * {@code texts}, as label to texts in file order.
     */
    public static Map<String, List<String>> read(String resource, String list, String texts) {
        return labelled(tree(resource).path(list), texts);
    }

    private static Map<String, List<String>> labelled(JsonNode entries, String texts) {
        Map<String, List<String>> bank = new LinkedHashMap<>();
        for (JsonNode entry : entries) {
            List<String> examples = new ArrayList<>();
            entry.path(texts).forEach(text -> examples.add(text.asText()));
            bank.put(entry.path("name").asText(), List.copyOf(examples));
        }
        return Collections.unmodifiableMap(bank);
    }

    private static JsonNode tree(String resource) {
        try (InputStream in = ExampleBanks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the router's jar");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
