package dev.switchboard.app.eval;

import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.DecisionDefinition;
import dev.switchboard.contracts.config.ModelRef;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.contracts.config.SwitchboardConfig;
import dev.switchboard.selection.ModelStrength;
import dev.switchboard.selection.SelectionPlugins;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code switchboard eval --config FILE --data FILE [--labels coder=qwen-coder,...] [--learn F[,F...]]
 * [--seed N[,N...]] [--feedback binary|verdict|corrective] [--algorithms all|A[,A...]] [--outcomes model=ms,...]
 * [--json FILE|-] [--keyword-baseline FILE]}: routing quality on labelled prompts, as tables on stdout and, with
 * {@code --json}, as JSON in that file (on stdout for {@code -}, the tables then going to stderr, so that the JSON
 * can be piped).
 *
 * <p>One fraction ({@code --learn 0.25}) learns from that seeded share and scores the rest. Several
 * ({@code --learn 0,0.1,0.25,0.5}) are a learning curve: the items beyond the largest fraction are held back, and
 * scored after each amount of feedback, the same router learning on. {@code --algorithms} switches the config's
 * algorithm by its one {@code type:} line and runs each; {@code --outcomes} first replays response outcomes with the
 * stated latencies ({@link OutcomeReplay}). Without {@code --algorithms}, the article's keyword rules and the naive
 * card cosine are scored on the same items. See {@link Evaluation} for how items are routed and learned from.
 */
public final class EvalCommand {

    public static final String DEFAULT_LABELS = "coder=qwen-coder,reasoning=gpt-4o,fast-general=gemini-flash";
    public static final Path DEFAULT_KEYWORD_BASELINE = Path.of("conf", "examples", "keyword-router.yaml");
    public static final String ALL_ALGORITHMS = "all";
    /** {@code --json -}: the JSON report on stdout. */
    public static final String STDOUT = "-";

    /**
     * Parsed command line.
     *
     * @param config           the config to evaluate
     * @param data             the labelled prompts
     * @param modelOfLabel     label to model
     * @param learn            fractions to learn from; empty for none
     * @param seeds            one run per seed
     * @param feedback         what the simulated user sends
     * @param algorithms       algorithm types to switch the config to; empty for the config's own
     * @param outcomes         median time to first token per model to replay before learning; empty for none
     * @param outcomesPerModel outcomes replayed per model
     * @param json             where to write the JSON report: a file, {@link #STDOUT}, or null for none
     * @param keywordBaseline  the keyword-rules config of the baseline
     */
    public record Options(Path config, Path data, Map<String, String> modelOfLabel, List<Double> learn,
            List<Long> seeds, SimulatedUser feedback, List<String> algorithms, Map<String, Double> outcomes,
            int outcomesPerModel, Path json, Path keywordBaseline) {

        boolean jsonToStdout() {
            return json != null && STDOUT.equals(json.toString());
        }
    }

    /** The reports of one run: one per learning point, and the feedback-to-routing delays. */
    private record Run(String algorithm, long seed, List<Point> points, List<Double> delaysMs,
            List<EvalReport> baselines) {
    }

    /** One scoring of the held-back items after some feedback. */
    private record Point(double fraction, int learned, EvalReport report) {
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

    /** The algorithms of {@code --algorithms}: every installed one for {@code all}. */
    public static List<String> algorithms(String text) {
        if (ALL_ALGORITHMS.equals(text)) {
            return SelectionPlugins.installed().types();
        }
        List<String> named = List.of(text.split(",")).stream().map(String::strip).toList();
        List<String> installed = SelectionPlugins.installed().types();
        for (String algorithm : named) {
            if (!installed.contains(algorithm)) {
                throw new IllegalArgumentException("--algorithms: unknown algorithm '" + algorithm + "'; expected "
                        + "'all' or some of " + installed);
            }
        }
        return named;
    }

    /**
     * Runs the evaluation. A file it cannot read, a data file with no items or with an item it cannot use, and a JSON
     * report it cannot write are IOExceptions whose message says which file, which line and why; all but a failing
     * write are found before anything is scored.
     */
    public static int run(Options options, PrintStream out, PrintStream err) throws Exception {
        readable("config", options.config());
        readable("data", options.data());
        if (options.json() != null && !options.jsonToStdout()) {
            writable(options.json());
        }
        String yaml = Files.readString(options.config(), StandardCharsets.UTF_8);
        SwitchboardConfig config = ConfigLoader.parse(yaml, options.config().toString()).config();
        for (String model : options.modelOfLabel().values()) {
            if (config.providers().model(model).isEmpty()) {
                err.println("--labels names model '" + model + "', which " + options.config() + " does not define");
                return 1;
            }
        }
        List<EvalItem> items = EvalItem.read(options.data());
        if (items.isEmpty()) {
            throw new IOException(options.data() + " holds no items (one JSON object a line, with 'text' and "
                    + "'route')");
        }
        for (EvalItem item : items) {
            if (!options.modelOfLabel().containsKey(item.route())) {
                throw new IOException(options.data() + " line " + item.line() + ": route '" + item.route()
                        + "' is not one of the labels " + options.modelOfLabel().keySet() + " (see --labels)");
            }
        }
        List<String> labels = new ArrayList<>(options.modelOfLabel().keySet());
        Map<String, String> labelOfModel = new LinkedHashMap<>();
        options.modelOfLabel().forEach((label, model) -> labelOfModel.put(model, label));
        boolean compareAlgorithms = !options.algorithms().isEmpty();
        List<String> algorithms = compareAlgorithms ? options.algorithms() : List.of("switchboard");
        List<Run> runs = new ArrayList<>();
        for (String algorithm : algorithms) {
            SwitchboardConfig subject = compareAlgorithms ? AlgorithmSwitch.load(AlgorithmSwitch.switched(yaml, config,
                    algorithm), options.config() + " (type: " + algorithm + ")") : config;
            for (long seed : options.seeds()) {
                runs.add(run(options, subject, algorithm, seed, items, labelOfModel, labels, !compareAlgorithms,
                        err));
                if (compareAlgorithms) {
                    err.println(summaryRow(runs.get(runs.size() - 1)));
                }
            }
        }
        PrintStream tables = options.jsonToStdout() ? err : out;
        tables.print(compareAlgorithms ? algorithmTable(options, items.size(), runs) : table(options, items.size(),
                runs));
        if (options.jsonToStdout()) {
            out.println(json(options, items.size(), runs).encodePrettily());
        } else if (options.json() != null) {
            try {
                Files.writeString(options.json(), json(options, items.size(), runs).encodePrettily() + "\n");
            } catch (IOException e) {
                throw new IOException("--json " + options.json() + " could not be written: " + reason(e));
            }
            out.println("JSON report: " + options.json());
        }
        return 0;
    }

    private static void readable(String what, Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(what + " file " + file + " is a directory");
        }
        if (!Files.exists(file)) {
            throw new IOException(what + " file " + file + " does not exist");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(what + " file " + file + " is not readable");
        }
    }

    /** Checked before the run, which may take minutes, so that its report is not lost at the end. */
    private static void writable(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new IOException("--json " + file + " is a directory; name the file to write");
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IOException("--json " + file + ": folder " + folder + " does not exist");
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(folder)) {
            throw new IOException("--json " + file + " is not writable");
        }
    }

    /** Why a write failed, without repeating the path (a {@link FileSystemException}'s message is its path). */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static Run run(Options options, SwitchboardConfig config, String name, long seed, List<EvalItem> items,
            Map<String, String> labelOfModel, List<String> labels, boolean withBaselines, PrintStream err)
            throws Exception {
        List<Double> fractions = options.learn().stream().sorted().toList();
        double largest = fractions.isEmpty() ? 0 : fractions.get(fractions.size() - 1);
        List<EvalItem> shuffled = Evaluation.split(items, largest, seed).stream().flatMap(List::stream).toList();
        int held = (int) Math.round(largest * items.size());
        List<EvalItem> scored = shuffled.subList(held, shuffled.size());
        boolean learns = largest > 0;
        Evaluation evaluation = Evaluation.start(config, learns || !options.outcomes().isEmpty(), seed);
        List<Point> points = new ArrayList<>();
        List<Double> delays = new ArrayList<>();
        List<EvalReport> baselines = new ArrayList<>();
        try {
            DecisionDefinition decision = config.routing().decisions().get(0);
            Evaluation.Subject subject = new Evaluation.Subject(name, RouterSettings.of(config));
            if (!options.outcomes().isEmpty()) {
                evaluation.replay(new OutcomeReplay(options.outcomes(), options.outcomesPerModel(), seed), subject,
                        decision.name());
            }
            Map<String, Double> strength = ModelStrength.of(decision.modelRefs().stream().map(ModelRef::model)
                    .toList(), config.providers(), config.routing().modelCards());
            int learned = 0;
            for (double fraction : fractions.isEmpty() ? List.of(0.0) : fractions) {
                int target = (int) Math.round(fraction * items.size());
                if (target > learned) {
                    delays.addAll(evaluation.learn(subject, shuffled.subList(learned, target),
                            options.modelOfLabel(), options.feedback(), strength));
                    learned = target;
                }
                points.add(new Point(fraction, learned, evaluation.score(subject, scored, labelOfModel, labels)));
            }
        } finally {
            evaluation.close();
        }
        if (withBaselines) {
            baselines.addAll(baselines(options, config, scored, labelOfModel, labels, err));
        }
        return new Run(name, seed, points, delays, baselines);
    }

    /**
     * The two baselines on the same items, in an evaluation of their own: they must not read what the evaluated
     * router's feedback taught.
     */
    private static List<EvalReport> baselines(Options options, SwitchboardConfig config, List<EvalItem> scored,
            Map<String, String> labelOfModel, List<String> labels, PrintStream err) throws Exception {
        List<EvalReport> baselines = new ArrayList<>();
        Evaluation evaluation = Evaluation.start(config, false, 0);
        try {
            if (Files.exists(options.keywordBaseline())) {
                SwitchboardConfig keywords = ConfigLoader.load(options.keywordBaseline()).config();
                baselines.add(evaluation.score(new Evaluation.Subject("keyword rules (article)",
                        RouterSettings.of(keywords)), scored, labelOfModel, labels));
            } else {
                err.println("keyword baseline skipped: " + options.keywordBaseline() + " not found");
            }
            baselines.add(evaluation.score(new Evaluation.Subject("naive card cosine",
                    Evaluation.naiveCardCosine(config)), scored, labelOfModel, labels));
        } finally {
            evaluation.close();
        }
        return baselines;
    }

    static String table(Options options, int items, List<Run> runs) {
        StringBuilder out = new StringBuilder();
        for (Run run : runs) {
            Point last = run.points().get(run.points().size() - 1);
            out.append(String.format(Locale.ROOT, "%s on %s: %d items", options.config(), options.data(), items));
            if (last.learned() > 0) {
                out.append(String.format(Locale.ROOT, "; %s feedback, seed %d, scored on %d", feedbackName(options),
                        run.seed(), last.report().items()));
                if (run.points().size() == 1) {
                    out.append(String.format(Locale.ROOT, "; learned from %d (%.0f %%, seed %d), scored on %d",
                            last.learned(), last.fraction() * 100, run.seed(), items - last.learned()));
                }
            }
            out.append("\n\n| router | learned from | accuracy | macro-F1 | routing p50 / p99 (ms) |\n"
                    + "|---|---|---|---|---|\n");
            for (Point point : run.points()) {
                EvalReport r = point.report();
                out.append(String.format(Locale.ROOT, "| %s | %d (%.0f %%) | %.3f | %.3f | %.2f / %.2f |%n",
                        r.name(), point.learned(), point.fraction() * 100, r.accuracy(), r.macroF1(),
                        r.latencyPercentile(50), r.latencyPercentile(99)));
            }
            for (EvalReport r : run.baselines()) {
                out.append(String.format(Locale.ROOT, "| %s | - | %.3f | %.3f | %.2f / %.2f |%n", r.name(),
                        r.accuracy(), r.macroF1(), r.latencyPercentile(50), r.latencyPercentile(99)));
            }
            if (!run.delaysMs().isEmpty()) {
                out.append(String.format(Locale.ROOT, "%nfeedback to routing: p50 %.0f ms, p99 %.0f ms, max %.0f ms "
                        + "(%d pieces of feedback)%n", percentile(run.delaysMs(), 50), percentile(run.delaysMs(), 99),
                        percentile(run.delaysMs(), 100), run.delaysMs().size()));
            }
            List<EvalReport> detailed = new ArrayList<>(List.of(last.report()));
            detailed.addAll(run.baselines());
            for (EvalReport r : detailed) {
                out.append("\n").append(r.name()).append(": confusion\n").append(r.confusionTable());
                out.append("accuracy by source: ").append(percentages(r.accuracyBySource())).append('\n');
                out.append("accuracy by language: ").append(percentages(r.accuracyByLanguage())).append('\n');
                out.append("accuracy by script: ").append(percentages(r.accuracyByScript())).append('\n');
                out.append("routed by language: ").append(routed(r.routedByLanguage())).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** One row per algorithm and seed, one column per learning point, then each algorithm's worst seed. */
    static String algorithmTable(Options options, int items, List<Run> runs) {
        List<Double> fractions = runs.get(0).points().stream().map(Point::fraction).toList();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s on %s: %d items; %s feedback; "
                + "accuracy on the held-back items after each share of feedback%n%n", options.config(),
                options.data(), items, feedbackName(options)));
        out.append("| algorithm | seed |");
        fractions.forEach(f -> out.append(String.format(Locale.ROOT, " %.0f %% |", f * 100)));
        out.append(" feedback to routing p50 / max (ms) |\n|---|---|");
        fractions.forEach(f -> out.append("---|"));
        out.append("---|\n");
        for (Run run : runs) {
            out.append(summaryRow(run)).append('\n');
        }
        out.append("\nworst of the seeds:\n\n| algorithm |");
        fractions.forEach(f -> out.append(String.format(Locale.ROOT, " %.0f %% |", f * 100)));
        out.append("\n|---|");
        fractions.forEach(f -> out.append("---|"));
        out.append('\n');
        Map<String, double[]> worst = new LinkedHashMap<>();
        for (Run run : runs) {
            double[] w = worst.computeIfAbsent(run.algorithm(), a -> filled(fractions.size()));
            for (int i = 0; i < run.points().size(); i++) {
                w[i] = Math.min(w[i], run.points().get(i).report().accuracy());
            }
        }
        worst.forEach((algorithm, w) -> {
            out.append("| ").append(algorithm).append(" |");
            for (double a : w) {
                out.append(String.format(Locale.ROOT, " %.3f |", a));
            }
            out.append('\n');
        });
        return out.toString();
    }

    private static String summaryRow(Run run) {
        StringBuilder row = new StringBuilder("| " + run.algorithm() + " | " + run.seed() + " |");
        run.points().forEach(p -> row.append(String.format(Locale.ROOT, " %.3f |", p.report().accuracy())));
        row.append(run.delaysMs().isEmpty() ? " - |" : String.format(Locale.ROOT, " %.0f / %.0f |",
                percentile(run.delaysMs(), 50), percentile(run.delaysMs(), 100)));
        return row.toString();
    }

    private static double[] filled(int n) {
        double[] values = new double[n];
        Arrays.fill(values, Double.POSITIVE_INFINITY);
        return values;
    }

    private static String feedbackName(Options options) {
        return options.feedback().name().toLowerCase(Locale.ROOT);
    }

    private static JsonObject json(Options options, int items, List<Run> runs) {
        JsonArray array = new JsonArray();
        for (Run run : runs) {
            JsonArray points = new JsonArray();
            run.points().forEach(p -> points.add(new JsonObject().put("learned_fraction", p.fraction())
                    .put("learned_from", p.learned()).put("report", p.report().json())));
            JsonArray baselines = new JsonArray();
            run.baselines().forEach(b -> baselines.add(b.json()));
            JsonObject delays = run.delaysMs().isEmpty() ? null : new JsonObject()
                    .put("p50", percentile(run.delaysMs(), 50)).put("p99", percentile(run.delaysMs(), 99))
                    .put("max", percentile(run.delaysMs(), 100)).put("count", run.delaysMs().size());
            array.add(new JsonObject().put("algorithm", run.algorithm()).put("seed", run.seed())
                    .put("points", points).put("baselines", baselines).put("feedback_to_routing_ms", delays));
        }
        JsonObject json = new JsonObject().put("config", options.config().toString())
                .put("data", options.data().toString()).put("items", items)
                .put("feedback", feedbackName(options))
                .put("learn", new JsonArray(new ArrayList<>(options.learn())))
                .put("seeds", new JsonArray(new ArrayList<>(options.seeds())))
                .put("outcomes", new JsonObject(new LinkedHashMap<>(options.outcomes())))
                .put("labels", new JsonObject(new LinkedHashMap<>(options.modelOfLabel())))
                .put("runs", array);
        // The single-run shape of before, for the first run: scored, learned_from and its routers.
        Run first = runs.get(0);
        Point last = first.points().get(first.points().size() - 1);
        JsonArray routers = new JsonArray().add(last.report().json());
        first.baselines().forEach(b -> routers.add(b.json()));
        return json.put("scored", last.report().items()).put("learned_from", last.learned())
                .put("seed", options.learn().isEmpty() ? null : first.seed()).put("routers", routers);
    }

    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }

    /** {@code ar coder 14 / fast-general 3 / reasoning 13; bn ...} */
    private static String routed(Map<String, Map<String, Integer>> byLanguage) {
        List<String> parts = new ArrayList<>();
        byLanguage.forEach((lang, routed) -> parts.add(lang + " " + String.join(" / ", new TreeMap<>(routed)
                .entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())));
        return String.join("; ", parts);
    }

    private static String percentages(Map<String, Double> rates) {
        List<String> parts = new ArrayList<>();
        rates.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.3f", k, v)));
        return String.join(", ", parts);
    }
}
