package dev.switchboard.app.eval;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores of one router on labelled prompts: accuracy, macro-F1 over the labels, the confusion matrix, accuracy per
 * source, language and script, where each language's items were routed, and routing latency percentiles.
 */
public final class EvalReport {

    private final String name;
    private final List<String> labels;
    private final Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    private final Map<String, int[]> bySource = new TreeMap<>();
    private final Map<String, int[]> byLanguage = new TreeMap<>();
    private final Map<String, int[]> byScript = new TreeMap<>();
    /** Per language, how many of its items went to each label: whether a language is sent somewhere by default. */
    private final Map<String, Map<String, Integer>> routedByLanguage = new TreeMap<>();
    private final List<Double> latenciesMs = new ArrayList<>();
    /** The items routed to another label than theirs, as "id: gold → routed" (ids only, never the text). */
    private final List<String> misrouted = new ArrayList<>();
    private int total;
    private int correct;

    /**
     * @param name   the router's name in the output
     * @param labels the gold labels, in display order
     */
    public EvalReport(String name, List<String> labels) {
        this.name = name;
        this.labels = List.copyOf(labels);
    }

    /** One prediction: the label of the model chosen ({@code other} when it maps to no label). */
    public void add(EvalItem item, String predicted, double latencyMs) {
        total++;
        boolean right = item.route().equals(predicted);
        if (right) {
            correct++;
        } else {
            misrouted.add(item.id() + ": " + item.route() + " -> " + predicted);
        }
        confusion.computeIfAbsent(item.route(), k -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
        count(bySource, item.source(), right);
        count(byLanguage, item.lang(), right);
        count(byScript, item.script(), right);
        routedByLanguage.computeIfAbsent(item.lang(), k -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
        latenciesMs.add(latencyMs);
    }

    private static void count(Map<String, int[]> groups, String key, boolean right) {
        int[] counts = groups.computeIfAbsent(key, k -> new int[2]);
        counts[0] += right ? 1 : 0;
        counts[1]++;
    }

    public String name() {
        return name;
    }

    /** The items routed to another label than theirs, as {@code id: gold -> routed}. */
    public List<String> misrouted() {
        return List.copyOf(misrouted);
    }

    /** The labels the items were routed to, with how many went to each. */
    public Map<String, Integer> routedTo() {
        Map<String, Integer> routed = new TreeMap<>();
        confusion.values().forEach(row -> row.forEach((label, n) -> routed.merge(label, n, Integer::sum)));
        return routed;
    }

    /** How many items were scored. */
    public int items() {
        return total;
    }

    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }

    /** Mean over the labels of F1 = 2PR/(P+R); a label never predicted nor present counts 0. */
    public double macroF1() {
        double sum = 0;
        for (String label : labels) {
            int truePositive = confusion.getOrDefault(label, Map.of()).getOrDefault(label, 0);
            int predicted = 0;
            for (Map<String, Integer> row : confusion.values()) {
                predicted += row.getOrDefault(label, 0);
            }
            int actual = confusion.getOrDefault(label, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
            double precision = predicted == 0 ? 0 : (double) truePositive / predicted;
            double recall = actual == 0 ? 0 : (double) truePositive / actual;
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return labels.isEmpty() ? 0 : sum / labels.size();
    }

    public double latencyPercentile(int p) {
        if (latenciesMs.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(latenciesMs);
        sorted.sort(Double::compare);
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    public Map<String, Double> accuracyBySource() {
        return rates(bySource);
    }

    public Map<String, Double> accuracyByLanguage() {
        return rates(byLanguage);
    }

    public Map<String, Double> accuracyByScript() {
        return rates(byScript);
    }

    /** Per language, the labels its items were routed to, with how many went to each. */
    public Map<String, Map<String, Integer>> routedByLanguage() {
        Map<String, Map<String, Integer>> copy = new TreeMap<>();
        routedByLanguage.forEach((lang, routed) -> copy.put(lang, Map.copyOf(routed)));
        return copy;
    }

    private static Map<String, Double> rates(Map<String, int[]> groups) {
        Map<String, Double> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, (double) v[0] / v[1]));
        return out;
    }

    /** The confusion matrix as text: gold labels down, predicted across. */
    public String confusionTable() {
        TreeSet<String> predicted = new TreeSet<>(labels);
        confusion.values().forEach(row -> predicted.addAll(row.keySet()));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-16s", "gold \\ routed"));
        predicted.forEach(p -> out.append(String.format(Locale.ROOT, "%14s", p)));
        out.append('\n');
        for (String gold : labels) {
            out.append(String.format(Locale.ROOT, "%-16s", gold));
            for (String p : predicted) {
                out.append(String.format(Locale.ROOT, "%14d",
                        confusion.getOrDefault(gold, Map.of()).getOrDefault(p, 0)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private JsonObject routedJson() {
        JsonObject json = new JsonObject();
        routedByLanguage.forEach((lang, routed) -> json.put(lang, new JsonObject(new LinkedHashMap<>(routed))));
        return json;
    }

    public JsonObject json() {
        JsonObject matrix = new JsonObject();
        confusion.forEach((gold, row) -> matrix.put(gold, new JsonObject(new LinkedHashMap<>(row))));
        return new JsonObject().put("router", name).put("items", total).put("accuracy", accuracy())
                .put("macro_f1", macroF1()).put("confusion", matrix)
                .put("accuracy_by_source", new JsonObject(new LinkedHashMap<>(accuracyBySource())))
                .put("accuracy_by_language", new JsonObject(new LinkedHashMap<>(accuracyByLanguage())))
                .put("accuracy_by_script", new JsonObject(new LinkedHashMap<>(accuracyByScript())))
                .put("routed_by_language", routedJson())
                .put("routing_latency_ms", new JsonObject().put("p50", latencyPercentile(50))
                        .put("p99", latencyPercentile(99)))
                .put("labels", new JsonArray(labels))
                .put("misrouted", new JsonArray(new ArrayList<>(misrouted)));
    }
}
