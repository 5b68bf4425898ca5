package dev.switchboard.selection.kmeans;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.selection.learning.Floats;
import dev.switchboard.selection.learning.HeadsLearner;
import dev.switchboard.selection.learning.OnlineClusters;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Online k-means ({@link OnlineClusters}) over the prompts that got feedback, and per model a logistic head over the
 * prompt's soft cluster memberships on top of the cards' log-prior: what the model's reward in a cluster says beyond
 * what the cards predicted. It also counts each model's feedback per cluster, for the exploration bonus of clusters
 * a model has not served.
 */
final class KmeansLearner extends HeadsLearner {

    static final double RATE = 0.5;
    static final double L2 = 1e-4;
    private static final String CLUSTERS = "clusters";
    private static final String SERVED = "served";

    private final KmeansSettings settings;
    private OnlineClusters clusters;
    private final Map<String, double[]> served = new LinkedHashMap<>();

    KmeansLearner(KmeansSettings settings) {
        super(RATE, L2, 0x4B4D4E31L);
        this.settings = settings;
        this.clusters = new OnlineClusters(settings.numClusters());
    }

    @Override
    protected void startOver(int vectorLength, boolean fresh) {
        if (fresh) {
            clusters = new OnlineClusters(settings.numClusters());
            served.clear();
        }
    }

    @Override
    protected void observe(LearnedState.Exemplar exemplar) {
        clusters.add(exemplar.vector());
        float[] memberships = features(exemplar.vector());
        for (LearnedState.Label label : exemplar.choices()) {
            double[] counts = served.computeIfAbsent(label.model(), m -> new double[settings.numClusters()]);
            for (int c = 0; c < counts.length; c++) {
                counts[c] += label.weight() * memberships[c];
            }
        }
    }

    @Override
    protected float[] features(float[] vector) {
        return clusters.memberships(vector);
    }

    @Override
    protected int featureDimension(int vectorLength) {
        return settings.numClusters();
    }

    @Override
    public Object model() {
        if (heads == null) {
            return KmeansModel.UNTRAINED;
        }
        Map<String, double[]> counts = new LinkedHashMap<>();
        served.forEach((model, c) -> counts.put(model, c.clone()));
        return new KmeansModel(embeddingModel, settings.numClusters(), clusters.centroidsCopy(), heads.frozen(),
                Map.copyOf(counts), examples);
    }

    @Override
    public JsonObject save() {
        JsonObject counts = new JsonObject();
        served.forEach((model, c) -> {
            float[] values = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                values[i] = (float) c[i];
            }
            counts.put(model, Floats.encode(values));
        });
        return super.save().put(CLUSTERS, clusters.save()).put(SERVED, counts);
    }

    @Override
    public void restore(JsonObject saved) {
        super.restore(saved);
        clusters = OnlineClusters.restore(saved.getJsonObject(CLUSTERS, new JsonObject()), settings.numClusters());
        served.clear();
        saved.getJsonObject(SERVED, new JsonObject()).forEach(entry -> {
            float[] values = Floats.decode((String) entry.getValue());
            double[] c = new double[settings.numClusters()];
            for (int i = 0; i < c.length && i < values.length; i++) {
                c[i] = values[i];
            }
            served.put(entry.getKey(), c);
        });
    }
}
