package dev.switchboard.app.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedDomains;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.DomainSignal;
import dev.switchboard.contracts.config.FeedbackSettings;
import dev.switchboard.contracts.config.KafkaConfig;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.contracts.config.SignalsConfig;
import dev.switchboard.contracts.config.SwitchboardConfig;
import dev.switchboard.embedder.EmbedderVerticle;
import dev.switchboard.feedback.FeedbackSubmitter;
import dev.switchboard.feedback.FeedbackVerticle;
import dev.switchboard.router.RouterVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code switchboard eval-domains [--config FILE] --data FILE}: the accuracy of the {@code domain} signal on prompts
 * labelled with their subject. The data is a JSON array of {@code {"category", "question"}} (the reference's
 * {@code domain_classify_cases.json} shape) or JSON lines of {@code {"text", "label"}}.
 *
 * <p>Each label becomes a domain rule (an MMLU-Pro category, or a domain of the config by that name) and a decision
 * that matches it, in the config's providers and embedding settings; every prompt is routed for real (a dry run
 * through the router, on the real embedding model), and the decision it lands on is its predicted label. A prompt no
 * decision matches (its subject is none of the labels) counts as wrong.
 *
 * <p>With {@code --learn}, the items are split in two by position: the odd ones are scored zero-shot, then each even
 * one is routed (not a dry run) and gets {@code domain} feedback with its label through the real feedback verticle
 * (its Kafka topics on a temporary embedded broker, its learning loop, the learned state it publishes), and the odd
 * ones are scored again by the same router. The taught prompts are never scored, so the gain is what the feedback
 * taught about other prompts of the same subjects.
 */
public final class DomainEvalCommand {

    /** One labelled prompt. */
    record Item(String text, String label) {
    }

    private static final String DECISION_PREFIX = "domain-";
    private static final long ROUTE_TIMEOUT_MS = 120_000;
    /** Each taught prompt is waited for, so the learned state is published often. */
    private static final Duration PUBLISH_INTERVAL = Duration.ofMillis(20);

    private DomainEvalCommand() {
    }

    public static int run(Path configFile, Path data, PrintStream out) throws Exception {
        return run(configFile, data, false, out);
    }

    public static int run(Path configFile, Path data, boolean learn, PrintStream out) throws Exception {
        List<Item> items = read(data);
        TreeSet<String> labels = new TreeSet<>();
        items.forEach(item -> labels.add(item.label()));
        LoadedConfig loaded = ConfigLoader.parse(withDomainDecisions(Files.readString(configFile), labels),
                configFile + " (a decision per label of " + data.getFileName() + ")");
        Vertx vertx = Vertx.vertx();
        try {
            Codecs.registerAll(vertx.eventBus());
            vertx.deployVerticle(new EmbedderVerticle(loaded.config().global().embedding(), null),
                    EmbedderVerticle.deploymentOptions(loaded.config().global().embedding())).await(120, TimeUnit.SECONDS);
            vertx.deployVerticle(new RouterVerticle(RouterSettings.of(loaded.config()), "eval-domains", null))
                    .await(300, TimeUnit.SECONDS);
            String auto = RouterSettings.of(loaded.config()).autoModelNames().get(0);
            long began = System.nanoTime();
            Score all = score(vertx, auto, items, "eval-domain-");
            out.printf(Locale.ROOT, "domain accuracy on %s: %d/%d = %.3f (%d labels, zero-shot, %.1f s)%n",
                    data.getFileName(), all.correct(), items.size(), all.accuracy(), labels.size(),
                    (System.nanoTime() - began) / 1e9);
            all.print(out);
            if (learn) {
                learnFromFeedback(vertx, loaded, auto, items, data, out);
            }
            return 0;
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /** How many of the items were right, overall and per label, and what the wrong ones were taken for. */
    record Score(int correct, int total, Map<String, int[]> perLabel, Map<String, Map<String, Integer>> confusion) {

        double accuracy() {
            return (double) correct / total;
        }

        void print(PrintStream out) {
            out.printf(Locale.ROOT, "%-18s %8s  %s%n", "label", "accuracy", "most often mistaken for");
            perLabel.forEach((label, counts) -> out.printf(Locale.ROOT, "%-18s %3d/%-4d  %s%n", label, counts[0],
                    counts[1], confusion.getOrDefault(label, Map.of())));
        }
    }

    /** Routes each item for real (dry runs: nothing is recorded or learned) and compares the decision with its label. */
    private static Score score(Vertx vertx, String auto, List<Item> items, String idPrefix) throws Exception {
        Map<String, int[]> perLabel = new TreeMap<>();
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        int correct = 0;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String predicted = label(route(vertx, new RouteRequest(idPrefix + i, auto, item.text(), List.of(),
                    item.text().length() / 4 + 1, null, null, true, "eval")));
            int[] counts = perLabel.computeIfAbsent(item.label(), l -> new int[2]);
            counts[1]++;
            if (predicted.equals(item.label())) {
                counts[0]++;
                correct++;
            } else {
                confusion.computeIfAbsent(item.label(), l -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
            }
        }
        return new Score(correct, items.size(), perLabel, confusion);
    }

    private static RouteDecision route(Vertx vertx, RouteRequest request) throws Exception {
        return vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE, request,
                        new DeliveryOptions().setSendTimeout(ROUTE_TIMEOUT_MS))
                .map(m -> m.body()).await(ROUTE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private static String label(RouteDecision decision) {
        return decision.decision() == null ? "(none)" : decision.decision().substring(DECISION_PREFIX.length());
    }

    /**
     * Scores the odd items, teaches the even ones through domain feedback, waits until the published learned state
     * holds every taught prompt, and scores the odd items again.
     */
    private static void learnFromFeedback(Vertx vertx, LoadedConfig loaded, String auto, List<Item> items, Path data,
            PrintStream out) throws Exception {
        List<Item> taught = new ArrayList<>();
        List<Item> heldOut = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            (i % 2 == 0 ? taught : heldOut).add(items.get(i));
        }
        AtomicInteger learned = new AtomicInteger();
        vertx.eventBus().<LearnedState>localConsumer(Addresses.ROUTER_LEARNING, m -> learned.set(m.body()
                .model(LearnedDomains.KEY, LearnedDomains.class).map(DomainEvalCommand::count).orElse(0)))
                .completion().await(10, TimeUnit.SECONDS);
        // Never the user's cluster: the evaluation's feedback must not reach production topics.
        Path kafkaDir = Files.createTempDirectory("switchboard-eval-domains");
        SwitchboardConfig config = loaded.config();
        FeedbackSettings of = FeedbackSettings.of(config);
        KafkaConfig kafka = new KafkaConfig(null, config.global().kafka().topics(),
                new KafkaConfig.EmbeddedKafkaConfig(kafkaDir.toString(), 0), false, 100_000);
        vertx.deployVerticle(new FeedbackVerticle(new FeedbackSettings(kafka,
                config.global().learning().withPublishInterval(PUBLISH_INTERVAL), of.providers(), of.decisions(),
                of.cards(), of.responseCache(), of.domains()), null)).await(120, TimeUnit.SECONDS);

        Score before = score(vertx, auto, heldOut, "held-out-before-");
        long began = System.nanoTime();
        for (int i = 0; i < taught.size(); i++) {
            Item item = taught.get(i);
            String requestId = "taught-" + i;
            route(vertx, new RouteRequest(requestId, auto, item.text(), List.of(), item.text().length() / 4 + 1,
                    null, null, false, "eval"));
            FeedbackSubmitter.submitOnceRecorded(vertx, new FeedbackSubmission(requestId, FeedbackSubmission.DOMAIN,
                    null, null, null, null, null, null, item.label())).await(2, TimeUnit.MINUTES);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (learned.get() < taught.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the learned state holds " + learned.get() + " of the "
                        + taught.size() + " taught prompts after 60 s");
            }
            Thread.sleep(5);
        }
        double teachSeconds = (System.nanoTime() - began) / 1e9;
        Score after = score(vertx, auto, heldOut, "held-out-after-");
        out.printf(Locale.ROOT, "%nheld-out half of %s (%d items), zero-shot: %d/%d = %.3f%n", data.getFileName(),
                heldOut.size(), before.correct(), before.total(), before.accuracy());
        out.printf(Locale.ROOT, "after domain feedback on the other %d items (learned in %.1f s): %d/%d = %.3f%n",
                taught.size(), teachSeconds, after.correct(), after.total(), after.accuracy());
        after.print(out);
    }

    private static int count(LearnedDomains domains) {
        return domains.byModel().values().stream().flatMap(perDomain -> perDomain.values().stream())
                .mapToInt(List::size).sum();
    }

    /** The config with a domain rule and a decision per label, routing to its default model. */
    static String withDomainDecisions(String yaml, TreeSet<String> labels) throws IOException {
        ObjectNode root = (ObjectNode) new YAMLMapper().readTree(yaml);
        ObjectNode routing = root.with("routing");
        ObjectNode signals = routing.with("signals");
        Map<String, JsonNode> existing = new TreeMap<>();
        signals.path("domains").forEach(domain -> existing.put(domain.path("name").asText(), domain));
        ArrayNode domains = signals.putArray("domains");
        ArrayNode decisions = routing.putArray("decisions");
        String model = root.path("providers").path("defaults").path("default_model").asText();
        for (String label : labels) {
            if (existing.containsKey(label)) {
                domains.add(existing.get(label));
            } else if (DomainSignal.MMLU_CATEGORIES.contains(label)) {
                domains.addObject().put("name", label).putArray("mmlu_categories").add(label);
            } else {
                throw new IOException("label '" + label + "' is neither an MMLU-Pro category "
                        + DomainSignal.MMLU_CATEGORIES + " nor a domain of the config");
            }
            ObjectNode decision = decisions.addObject().put("name", DECISION_PREFIX + label).put("priority", 100);
            ObjectNode condition = decision.putObject("rules").put("operator", "AND").putArray("conditions").addObject();
            condition.put("type", SignalsConfig.DOMAIN).put("name", label);
            decision.putArray("modelRefs").addObject().put("model", model);
            decision.putObject("algorithm").put("type", "static");
        }
        return new YAMLMapper().writeValueAsString(root);
    }

    static List<Item> read(Path data) throws IOException {
        String text = Files.readString(data).strip();
        ObjectMapper json = new ObjectMapper();
        List<Item> items = new ArrayList<>();
        List<JsonNode> nodes = new ArrayList<>();
        if (text.startsWith("[")) {
            json.readTree(text).forEach(nodes::add);
        } else {
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    nodes.add(json.readTree(line));
                }
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String prompt = node.has("question") ? node.path("question").asText() : node.path("text").asText();
            String label = node.has("category") ? node.path("category").asText() : node.path("label").asText();
            if (prompt.isBlank() || label.isBlank()) {
                throw new IOException(data + " item " + (i + 1) + ": expected 'question' and 'category' (or 'text' "
                        + "and 'label') strings");
            }
            items.add(new Item(prompt, label));
        }
        if (items.isEmpty()) {
            throw new IOException(data + " holds no items");
        }
        return items;
    }
}
