package dev.switchboard.bench;

import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.AlgorithmConfig;
import dev.switchboard.contracts.config.AlgorithmPlugins;
import dev.switchboard.contracts.config.BackendRef;
import dev.switchboard.contracts.config.ModelCard;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.feedback.learning.ExemplarMemory;
import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.CardPrior;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionEnvironment;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionPlugin;
import dev.switchboard.selection.SelectionPlugins;
import dev.switchboard.selection.SelectionUnavailableException;
import dev.switchboard.selection.learning.FeedbackLabels;
import dev.switchboard.selection.learning.Learner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: what learned state costs a routing decision. For each algorithm, the part of {@code router.route} that
 * depends on it (the cards' prior over the capability anchors, then the algorithm's selection) with nothing learned
 * and after {@code exemplars} pieces of verdict feedback went through its learner as the learning loop sends them
 * (5,000 is {@code global.learning.max_exemplars}' default, so the memory {@code knn} searches is full). Embedding
 * the prompt, the same in both cases, is left out: it is measured by {@code embedding} and {@code routing}.
 *
 * <p>The exemplars are clustered as the learning loop clusters them ({@link ExemplarMemory}), so the exemplar search
 * is the router's; how many of the true neighbours it finds on real prompts is {@code exemplar-search}'s measure.
 * Vectors are random unit vectors of the default model's 384 dimensions; three candidates with 40 anchors each,
 * as the homelab cards get from the capability bank. Usage: {@code java -jar switchboard-bench.jar learned
 * [JMH options]}, for instance {@code -p algorithm=knn,svm}; {@code -p exemplars=100000} for a memory of 100,000
 * ({@code global.learning.max_exemplars: 100000}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class LearnedRoutingBench {

    private static final int DIMENSION = 384;
    private static final int ANCHORS_PER_MODEL = 40;
    private static final int PROMPTS = 256;
    private static final List<String> MODELS = List.of("qwen-coder", "gpt-4o", "gemini-flash");
    private static final Map<String, Double> STRENGTH = Map.of("qwen-coder", 7e9, "gpt-4o", 200e9,
            "gemini-flash", 100e9);
    private static final String DECISION = "MoM";

    @Param({"router_dc", "multi_factor", "hybrid", "knn", "kmeans", "svm", "mlp", "gmtrouter", "automix", "elo",
        "rl_driven"})
    public String algorithm;

    @Param({"0", "5000"})
    public int exemplars;

    private SelectionAlgorithm selection;
    private List<Candidate> candidates;
    private Map<String, List<float[]>> anchors;
    private LearnedState learned;
    private float[][] prompts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        candidates = new ArrayList<>();
        anchors = new LinkedHashMap<>();
        for (String model : MODELS) {
            List<float[]> own = new ArrayList<>();
            for (int i = 0; i < ANCHORS_PER_MODEL; i++) {
                own.add(unit(random));
            }
            anchors.put(model, own);
            ModelDefinition definition = new ModelDefinition(model, model, null, null,
                    List.of(new BackendRef("b", "127.0.0.1:1", null, null, null, null, null)));
            ModelCard card = new ModelCard(model, STRENGTH.get(model) / 1e9 + "B", null, "card of " + model,
                    List.of(), null, List.of());
            candidates.add(new Candidate(model, 1, definition, card, unit(random), own));
        }
        SelectionPlugins plugins = SelectionPlugins.installed();
        selection = plugins.create(new AlgorithmConfig(algorithm, null, Map.of()),
                new SelectionEnvironment(Clock.systemUTC(), new SplittableRandom(1)));
        learned = learn(plugins, random);
        prompts = new float[PROMPTS][];
        for (int i = 0; i < PROMPTS; i++) {
            prompts[i] = unit(random);
        }
    }

    /** {@code exemplars} verdicts on random prompts through the algorithm's learner, as the learning loop does. */
    private LearnedState learn(SelectionPlugins plugins, SplittableRandom random) {
        // Only the measured algorithm's learner: the others' models are not read by its selection, and some learn
        // in time that grows with the memory, which at 100,000 verdicts took longer than JMH's ten minutes.
        Map<String, Learner> learners = new LinkedHashMap<>();
        learner(plugins.byType(algorithm).orElseThrow()).ifPresent(l -> learners.put(algorithm, l));
        ExemplarMemory clustered = new ExemplarMemory(exemplars);
        for (int i = 0; i < exemplars; i++) {
            float[] prompt = unit(random);
            String served = MODELS.get(random.nextInt(MODELS.size()));
            String verdict = random.nextBoolean() ? FeedbackSubmission.GOOD_FIT : FeedbackSubmission.UNDERPOWERED;
            FeedbackLabels.Facts facts = new FeedbackLabels.Facts(FeedbackSubmission.VERDICT, verdict, null, null,
                    null, null, served, MODELS, STRENGTH);
            LearnedState.Exemplar exemplar = new LearnedState.Exemplar(i + 1, "bench", prompt, DECISION, served,
                    "user-" + random.nextInt(50), CardPrior.of(prompt, anchors), STRENGTH,
                    FeedbackLabels.choices(facts), FeedbackLabels.sufficiency(facts));
            clustered.add(exemplar);
            // The memory's own view, as the learning loop passes it (a copy per verdict is quadratic at 100,000).
            List<LearnedState.Exemplar> view = clustered.view();
            learners.values().forEach(l -> l.learn(exemplar, view));
        }
        Map<String, Object> models = new LinkedHashMap<>();
        learners.forEach((type, l) -> models.put(type, l.model()));
        // Clustered as the learning loop clusters them, so that the search is the one the router makes.
        return new LearnedState(exemplars, Map.of(), clustered.copy(), models, clustered.clusters());
    }

    private static <S> Optional<Learner> learner(SelectionPlugin<S> plugin) {
        return plugin.learner(AlgorithmPlugins.settingsOf(AlgorithmConfig.DEFAULT, plugin));
    }

    private static float[] unit(SplittableRandom random) {
        float[] v = new float[DIMENSION];
        double norm = 0;
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < DIMENSION; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** The cards' prior and the selection for the next prompt, as a dry run (no exploration draws). */
    @Benchmark
    public Selection route() throws SelectionUnavailableException {
        float[] prompt = prompts[next++ & (PROMPTS - 1)];
        RouteRequest request = new RouteRequest("bench", DECISION, "t", List.of(), 16, null, "user-1", true, "bench");
        return selection.select(new SelectionInput(DECISION, candidates, prompt, request, null, learned,
                CardPrior.of(prompt, anchors)));
    }
}
