package dev.switchboard.bench;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.EmbedReply;
import dev.switchboard.contracts.bus.EmbedRequest;
import dev.switchboard.contracts.bus.ExemplarClusters;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.config.EmbeddingConfig;
import dev.switchboard.embedder.EmbedderVerticle;
import dev.switchboard.feedback.learning.ExemplarMemory;
import dev.switchboard.selection.ExemplarSimilarities;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the exemplar clusters cost in neighbours and save in time, on real prompts embedded by the default model: a
 * memory of {@code memory} exemplars clustered as the learning loop clusters it ({@link ExemplarMemory}), and
 * {@code queries} other prompts of the same file searched both ways, with every exemplar and through the clusters
 * ({@link ExemplarSimilarities}). Prints recall@k (the share of the exact k nearest that the clustered search also
 * finds), the share of queries whose k nearest are all found, and the time of one search (median and p99 over
 * {@code rounds} passes over the queries, after one pass of warm-up).
 *
 * <p>Usage: {@code java -jar switchboard-bench.jar exemplar-search [file memory queries k seed rounds]} (default
 * ../shared/eval-data/outcomes-mmlu.jsonl, 5000, 500, 7, 42, 5); the file holds one JSON object per line with the
 * prompt in {@code prompt} or {@code text}.
 */
public final class ExemplarSearchBench {

    private static final int BATCH = 16;
    /** Neighbours a timed search is asked for: the votes' {@code k}. */
    private static final int K_TIMED = 7;
    /** Where the timed searches' results go, so that the JIT cannot drop them. */
    private static volatile double consumed;

    private ExemplarSearchBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/eval-data/outcomes-mmlu.jsonl");
        int memorySize = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int queryCount = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 5;

        List<String> prompts = prompts(data);
        Collections.shuffle(prompts, new Random(seed));
        if (prompts.size() < memorySize + queryCount) {
            throw new IllegalArgumentException("only " + prompts.size() + " distinct prompts in " + data);
        }
        Vertx vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        EmbeddingConfig embedding = new EmbeddingConfig(null, null, null, null, null, null, null, null, null, null, 0);
        vertx.deployVerticle(new EmbedderVerticle(embedding, null), EmbedderVerticle.deploymentOptions(embedding))
                .await(60, TimeUnit.SECONDS);
        long began = System.nanoTime();
        EmbedReply remembered = embed(vertx, prompts.subList(0, memorySize));
        List<float[]> queries = embed(vertx, prompts.subList(memorySize, memorySize + queryCount)).vectors();
        System.out.printf("%s, %d cores, JVM %s; %s: %d exemplars and %d queries embedded by %s in %.0f s; k %d, "
                        + "seed %d%n", System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), data, memorySize, queryCount, remembered.modelId(),
                (System.nanoTime() - began) / 1e9, k, seed);
        vertx.close().await(30, TimeUnit.SECONDS);

        ExemplarMemory memory = new ExemplarMemory(memorySize);
        long sequence = 0;
        for (float[] vector : remembered.vectors()) {
            memory.add(new LearnedState.Exemplar(++sequence, remembered.modelId(), vector, null, "m", null, Map.of(),
                    Map.of(), List.of(), List.of()));
        }
        List<LearnedState.Exemplar> exemplars = memory.copy();
        ExemplarClusters clusters = memory.clusters();
        LearnedState clustered = new LearnedState(1, Map.of(), exemplars, Map.of(), clusters);
        // The same clusters read from the exemplars' own float vectors: what the int8 rows change.
        LearnedState clusteredFloats = new LearnedState(1, Map.of(), exemplars, Map.of(), new ExemplarClusters(
                clusters.embeddingModel(), clusters.centroids(), clusters.members(), clusters.unpartitioned()));
        LearnedState flat = new LearnedState(1, Map.of(), exemplars, Map.of());
        System.out.printf("clusters: %d, %d probed per search; largest %d exemplars, median %d%n",
                clusters.centroids().length, ExemplarSimilarities.PROBES, Arrays.stream(clusters.members())
                        .mapToInt(m -> m.length).max().orElse(0), median(clusters.members()));
        System.out.printf("through the clusters, int8 rows then exact re-rank: %s%n", recall(queries, flat,
                clustered, k));
        System.out.printf("through the clusters, float vectors:                %s%n", recall(queries, flat,
                clusteredFloats, k));
        System.out.printf("one search, median / p99: every exemplar %s; clusters with int8 rows %s; clusters with "
                + "floats %s%n", times(queries, flat, rounds), times(queries, clustered, rounds),
                times(queries, clusteredFloats, rounds));
    }

    /** Recall@k of a search against the exact one, and the share of queries whose k nearest are all found. */
    private static String recall(List<float[]> queries, LearnedState exactly, LearnedState searched, int k) {
        double found = 0;
        int complete = 0;
        for (float[] query : queries) {
            Set<Integer> exact = top(new ExemplarSimilarities().of(query, exactly), k);
            Set<Integer> approximate = top(new ExemplarSimilarities().of(query, searched), k);
            Set<Integer> both = new HashSet<>(exact);
            both.retainAll(approximate);
            found += (double) both.size() / exact.size();
            complete += both.size() == exact.size() ? 1 : 0;
        }
        return String.format("recall@%d %.4f; all %d nearest found for %.1f %% of the queries", k,
                found / queries.size(), k, 100.0 * complete / queries.size());
    }

    private static String times(List<float[]> queries, LearnedState learned, int rounds) {
        long[] nanos = new long[queries.size() * rounds];
        double sink = 0;
        for (int round = -1; round < rounds; round++) {
            for (int q = 0; q < queries.size(); q++) {
                long start = System.nanoTime();
                ExemplarSimilarities.Scanned scanned = new ExemplarSimilarities().of(queries.get(q), learned);
                List<ExemplarSimilarities.Neighbour> nearest = scanned.nearest(K_TIMED, null);
                long took = System.nanoTime() - start;
                sink += nearest.isEmpty() ? 0 : nearest.get(0).cosine();
                if (round >= 0) {
                    nanos[round * queries.size() + q] = took;
                }
            }
        }
        Arrays.sort(nanos);
        consumed = sink;
        return String.format("%.3f / %.3f ms", nanos[nanos.length / 2] / 1e6,
                nanos[(int) (nanos.length * 0.99)] / 1e6);
    }

    /** The k nearest as the votes get them (after the exact re-rank of an int8 first pass, when there is one). */
    private static Set<Integer> top(ExemplarSimilarities.Scanned scanned, int k) {
        Set<Integer> positions = new HashSet<>();
        scanned.nearest(k, null).forEach(n -> positions.add(n.position()));
        return positions;
    }

    private static int median(int[][] lists) {
        int[] sizes = Arrays.stream(lists).mapToInt(m -> m.length).sorted().toArray();
        return sizes[sizes.length / 2];
    }

    private static List<String> prompts(Path data) throws Exception {
        Set<String> distinct = new LinkedHashSet<>();
        for (String line : Files.readAllLines(data, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonObject json = new JsonObject(line);
                String prompt = json.getString("prompt", json.getString("text"));
                if (prompt != null) {
                    distinct.add(prompt);
                }
            }
        }
        return new ArrayList<>(distinct);
    }

    private static EmbedReply embed(Vertx vertx, List<String> texts) throws Exception {
        List<float[]> vectors = new ArrayList<>(texts.size());
        String model = null;
        for (int from = 0; from < texts.size(); from += BATCH) {
            EmbedReply reply = vertx.eventBus().<EmbedReply>request(Addresses.EMBEDDER_EMBED,
                    new EmbedRequest(texts.subList(from, Math.min(texts.size(), from + BATCH))),
                    new DeliveryOptions().setSendTimeout(120_000)).map(m -> m.body()).await(120, TimeUnit.SECONDS);
            vectors.addAll(reply.vectors());
            model = reply.modelId();
        }
        return new EmbedReply(model, vectors.get(0).length, vectors);
    }
}
