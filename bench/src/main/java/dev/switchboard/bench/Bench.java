package dev.switchboard.bench;

import java.util.Arrays;

/** Entry point: {@code java -jar switchboard-bench.jar embedding|routing|routing-tracing|extproc|replay|learned|exemplar-search|decision-index|response-cache|cache-quality|learning-scale [args]}; see each bench for its arguments. */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
        String which = args.length > 0 ? args[0] : "embedding";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (which) {
            case "embedding" -> EmbeddingBench.main(rest);
            case "routing" -> RoutingBench.main(rest);
            case "routing-tracing" -> TracingOverheadBench.main(rest);
            case "extproc" -> ExtProcBench.main(rest);
            case "replay" -> ReplayBench.main(rest);
            case "learned" -> org.openjdk.jmh.Main.main(withBenchmark(LearnedRoutingBench.class, rest));
            case "exemplar-search" -> ExemplarSearchBench.main(rest);
            case "decision-index" -> DecisionIndexFootprint.main(rest);
            case "response-cache" -> org.openjdk.jmh.Main.main(withBenchmark(ResponseCacheBench.class, rest));
            case "cache-quality" -> CacheQualityBench.main(rest);
            case "learning-scale" -> LearningScaleBench.main(rest);
            default -> {
                System.err.println("usage: switchboard-bench.jar embedding|routing|routing-tracing|extproc|replay|learned|exemplar-search|decision-index|response-cache|cache-quality|learning-scale [args]");
                System.exit(2);
            }
        }
    }

    /** JMH's arguments with the benchmark's name first, so that only it runs. */
    private static String[] withBenchmark(Class<?> benchmark, String[] rest) {
        String[] args = new String[rest.length + 1];
        args[0] = benchmark.getName();
        System.arraycopy(rest, 0, args, 1, rest.length);
        return args;
    }
}
