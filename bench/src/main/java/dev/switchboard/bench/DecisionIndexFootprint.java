package dev.switchboard.bench;

import dev.switchboard.feedback.learning.DecisionIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The heap one decision takes in the feedback verticle's {@link DecisionIndex}, the largest of its bounded tables: the
 * live heap (after full collections) before and after filling an index with {@code decisions} decisions shaped like
 * the soak's (a 384-dimension unit vector, five candidates with a prior each, a user id on 30 % and a session id on
 * 20 % from a few hundred, each name a fresh copy as a decision read from Kafka brings it). Run it with a heap large
 * enough to hold the index and with no other load; the figure is the growth divided by the count.
 *
 * <p>Usage: {@code java -Xmx1g -jar switchboard-bench.jar decision-index [decisions seed]} (default 100000, 1).
 */
public final class DecisionIndexFootprint {

    private static final int DIMENSIONS = 384;
    private static final List<String> MODELS = List.of("qwen-coder", "llama-8b", "gemini-flash", "gpt-4o-mini",
            "claude-haiku");

    private DecisionIndexFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Random random = new Random(args.length > 1 ? Long.parseLong(args[1]) : 1);
        long before = liveHeap();
        DecisionIndex index = new DecisionIndex(count);
        for (int i = 0; i < count; i++) {
            index.put(UUID.randomUUID().toString(), decision(random));
        }
        long after = liveHeap();
        System.out.printf("decision index: %,d decisions, %,d bytes of live heap each (%.1f MiB in all)%n",
                count, (after - before) / count, (after - before) / 1024.0 / 1024.0);
        // Keeps the index reachable until the second measurement is taken.
        System.out.println(index.get("absent").isPresent() ? "" : "(index checked)");
    }

    private static DecisionIndex.Entry decision(Random random) {
        float[] vector = new float[DIMENSIONS];
        double squares = 0;
        for (int j = 0; j < vector.length; j++) {
            vector[j] = (float) random.nextGaussian();
            squares += vector[j] * vector[j];
        }
        for (int j = 0; j < vector.length; j++) {
            vector[j] /= (float) Math.sqrt(squares);
        }
        Map<String, Double> prior = new HashMap<>();
        List<String> candidates = new ArrayList<>();
        for (String model : MODELS) {
            prior.put(new String(model), random.nextDouble());
            candidates.add(new String(model));
        }
        String user = random.nextDouble() < 0.3 ? "soak-user-" + random.nextInt(200) : null;
        String session = random.nextDouble() < 0.2 ? "soak-session-" + random.nextInt(300) : null;
        return new DecisionIndex.Entry(new String(MODELS.get(0)), "code", candidates, user, session,
                "all-minilm-l6-v2-q", vector, prior);
    }

    private static long liveHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
