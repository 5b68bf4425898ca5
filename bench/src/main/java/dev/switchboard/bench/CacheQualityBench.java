package dev.switchboard.bench;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.EmbedReply;
import dev.switchboard.contracts.bus.EmbedRequest;
import dev.switchboard.contracts.config.EmbeddingConfig;
import dev.switchboard.contracts.config.ResponseCacheStoreConfig;
import dev.switchboard.embedder.EmbedderVerticle;
import dev.switchboard.proxy.cache.PromptGuard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How often the semantic response cache hits on paraphrases and falsely hits on near-misses, by threshold, with the
 * default embedding model: the table the default {@code similarity_threshold} is chosen from. The pairs are this
 * project's ({@code cache-pairs.jsonl}): paraphrases that should hit, and near-misses that must not (same words,
 * another number, name, negation, language, or one code token). A pair hits when the two prompts' cosine reaches
 * the threshold and, with the guard, when their {@link PromptGuard}s agree, as the cache requires.
 *
 * <p>Usage: {@code java -jar bench/target/switchboard-bench.jar cache-quality}. Prints Markdown.
 */
public final class CacheQualityBench {

    private static final double[] THRESHOLDS = {0.70, 0.75, 0.80, 0.85, 0.88, 0.90, 0.92, 0.94, 0.96};

    private record Pair(String kind, String category, String a, String b, double cosine, boolean guardsAgree) {
    }

    private CacheQualityBench() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        EmbeddingConfig config = new EmbeddingConfig(null, null, null, null, null, null, null, null, null, null, null);
        vertx.deployVerticle(new EmbedderVerticle(config, new SimpleMeterRegistry()),
                EmbedderVerticle.deploymentOptions(config)).await(60, TimeUnit.SECONDS);
        List<Pair> pairs = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                CacheQualityBench.class.getResourceAsStream("/cache-pairs.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonObject pair = new JsonObject(line);
                String a = pair.getString("a");
                String b = pair.getString("b");
                pairs.add(new Pair(pair.getString("kind"), pair.getString("category"), a, b,
                        dot(embed(vertx, a), embed(vertx, b)), PromptGuard.of(a).equals(PromptGuard.of(b))));
            }
        }
        vertx.close().await(30, TimeUnit.SECONDS);
        List<Pair> paraphrases = pairs.stream().filter(p -> p.kind().equals("paraphrase")).toList();
        List<Pair> nearMisses = pairs.stream().filter(p -> p.kind().equals("near_miss")).toList();
        System.out.printf("%d paraphrase pairs, %d near-miss pairs; embedding source %s%n%n", paraphrases.size(),
                nearMisses.size(), config.source());
        System.out.println("| threshold | paraphrase hits, guard | near-miss false hits, guard "
                + "| paraphrase hits, cosine only | near-miss false hits, cosine only |");
        System.out.println("|---|---|---|---|---|");
        for (double t : THRESHOLDS) {
            System.out.printf(Locale.ROOT, "| %.2f | %s | %s | %s | %s |%n", t, rate(paraphrases, t, true),
                    rate(nearMisses, t, true), rate(paraphrases, t, false), rate(nearMisses, t, false));
        }
        double chosen = ResponseCacheStoreConfig.DEFAULT_SIMILARITY_THRESHOLD;
        Map<String, List<Pair>> byCategory = new LinkedHashMap<>();
        nearMisses.forEach(p -> byCategory.computeIfAbsent(p.category(), c -> new ArrayList<>()).add(p));
        System.out.printf(Locale.ROOT, "%nNear-miss false hits by kind at the default %.2f:%n%n", chosen);
        System.out.println("| kind | guard | cosine only | mean cosine |");
        System.out.println("|---|---|---|---|");
        byCategory.forEach((category, list) -> System.out.printf(Locale.ROOT, "| %s | %s | %s | %.3f |%n", category,
                rate(list, chosen, true), rate(list, chosen, false),
                list.stream().mapToDouble(Pair::cosine).average().orElse(0)));
        nearMisses.stream().filter(p -> p.cosine() >= chosen && p.guardsAgree()).forEach(p -> System.out.printf(
                Locale.ROOT, "%nFalse hit at the default (%.3f): \"%s\" / \"%s\"%n", p.cosine(), p.a(), p.b()));
        System.out.printf(Locale.ROOT, "%nParaphrases: mean cosine %.3f, guards agree on %d of %d%n",
                paraphrases.stream().mapToDouble(Pair::cosine).average().orElse(0),
                paraphrases.stream().filter(Pair::guardsAgree).count(), paraphrases.size());
    }

    private static String rate(List<Pair> pairs, double threshold, boolean guard) {
        long hits = pairs.stream().filter(p -> p.cosine() >= threshold && (!guard || p.guardsAgree())).count();
        return String.format(Locale.ROOT, "%d / %d (%.1f %%)", hits, pairs.size(), 100.0 * hits / pairs.size());
    }

    private static float[] embed(Vertx vertx, String text) throws Exception {
        return vertx.eventBus().<EmbedReply>request(Addresses.EMBEDDER_EMBED, EmbedRequest.of(text),
                new DeliveryOptions().setSendTimeout(60_000)).map(reply -> reply.body().vectors().get(0))
                .await(60, TimeUnit.SECONDS);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
