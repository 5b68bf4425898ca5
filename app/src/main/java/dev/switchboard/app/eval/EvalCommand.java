package dev.switchboard.app.eval;

import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.contracts.config.SwitchboardConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code switchboard eval --config FILE --data FILE [--labels coder=qwen-coder,...] [--learn FRACTION --seed N]
 * [--json FILE] [--keyword-baseline FILE]}: routing quality on labelled prompts, as a table and as JSON, with the two
 * baselines in the same run. See {@link Evaluation} for how items are routed and learned from.
 */
public final class EvalCommand {

    public static final String DEFAULT_LABELS = "coder=qwen-coder,reasoning=gpt-4o,fast-general=gemini-flash";
    public static final Path DEFAULT_KEYWORD_BASELINE = Path.of("conf", "examples", "keyword-router.yaml");

    /** Parsed command line. */
    public record Options(Path config, Path data, Map<String, String> modelOfLabel, Double learn, long seed,
            Path json, Path keywordBaseline) {
    }

    private EvalCommand() {
    }

    /** Parses {@code label=model,...}; an entry without '=' is an error. */
    public static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String[] pair = entry.strip().split("=", 2);
            if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
                throw new IllegalArgumentException("--labels expects label=model[,label=model...], got '" + entry
                        + "'");
            }
            labels.put(pair[0].strip(), pair[1].strip());
        }
        return labels;
    }

    public static int run(Options options, PrintStream out, PrintStream err) throws Exception {
        LoadedConfig loaded = ConfigLoader.load(options.config());
        SwitchboardConfig config = loaded.config();
        for (String model : options.modelOfLabel().values()) {
            if (config.providers().model(model).isEmpty()) {
                err.println("--labels names model '" + model + "', which " + options.config() + " does not define");
                return 1;
            }
        }
        List<EvalItem> items = EvalItem.read(options.data());
        List<String> labels = new ArrayList<>(options.modelOfLabel().keySet());
        Map<String, String> labelOfModel = new LinkedHashMap<>();
        options.modelOfLabel().forEach((label, model) -> labelOfModel.put(model, label));
        List<EvalItem> scored = items;
        List<EvalItem> learnFrom = List.of();
        if (options.learn() != null) {
            List<List<EvalItem>> split = Evaluation.split(items, options.learn(), options.seed());
            learnFrom = split.get(0);
            scored = split.get(1);
        }

        Evaluation evaluation = Evaluation.start(config, options.learn() != null);
        List<EvalReport> reports = new ArrayList<>();
        try {
            Evaluation.Subject switchboard = new Evaluation.Subject("switchboard", RouterSettings.of(config));
            if (!learnFrom.isEmpty()) {
                evaluation.learn(switchboard, learnFrom, options.modelOfLabel());
            }
            reports.add(evaluation.score(switchboard, scored, labelOfModel, labels));
            if (Files.exists(options.keywordBaseline())) {
                SwitchboardConfig keywords = ConfigLoader.load(options.keywordBaseline()).config();
                reports.add(evaluation.score(new Evaluation.Subject("keyword rules (article)",
                        RouterSettings.of(keywords)), scored, labelOfModel, labels));
            } else {
                err.println("keyword baseline skipped: " + options.keywordBaseline() + " not found");
            }
            reports.add(evaluation.score(new Evaluation.Subject("naive card cosine",
                    Evaluation.naiveCardCosine(config)), scored, labelOfModel, labels));
        } finally {
            evaluation.close();
        }

        JsonObject json = new JsonObject().put("config", options.config().toString())
                .put("data", options.data().toString()).put("items", items.size()).put("scored", scored.size())
                .put("learned_from", learnFrom.size()).put("seed", options.learn() == null ? null : options.seed())
                .put("labels", new JsonObject(new LinkedHashMap<>(options.modelOfLabel())));
        JsonArray routers = new JsonArray();
        reports.forEach(r -> routers.add(r.json()));
        json.put("routers", routers);
        out.print(table(options, items.size(), learnFrom.size(), reports));
        if (options.json() != null) {
            Files.writeString(options.json(), json.encodePrettily());
            out.println("JSON: " + options.json());
        } else {
            out.println(json.encode());
        }
        return 0;
    }

    static String table(Options options, int items, int learned, List<EvalReport> reports) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s on %s: %d items", options.config(), options.data(), items));
        if (learned > 0) {
            out.append(String.format(Locale.ROOT, "; learned from %d (%.0f %%, seed %d), scored on %d", learned,
                    options.learn() * 100, options.seed(), items - learned));
        }
        out.append("\n\n| router | accuracy | macro-F1 | routing p50 / p99 (ms) |\n|---|---|---|---|\n");
        for (EvalReport r : reports) {
            out.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.2f / %.2f |%n", r.name(), r.accuracy(),
                    r.macroF1(), r.latencyPercentile(50), r.latencyPercentile(99)));
        }
        for (EvalReport r : reports) {
            out.append("\n").append(r.name()).append(": confusion\n").append(r.confusionTable());
            out.append("accuracy by source: ").append(percentages(r.accuracyBySource())).append('\n');
            out.append("accuracy by language: ").append(percentages(r.accuracyByLanguage())).append('\n');
        }
        return out.toString();
    }

    private static String percentages(Map<String, Double> rates) {
        List<String> parts = new ArrayList<>();
        rates.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.3f", k, v)));
        return String.join(", ", parts);
    }
}
