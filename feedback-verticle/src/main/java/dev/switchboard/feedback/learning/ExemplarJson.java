package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.feedback.events.EventJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;

/** An exemplar in the learned-state snapshot's {@code exemplars/N} chunks (see {@code docs/events.md}). */
final class ExemplarJson {

    static final String SEQUENCE = "sequence";
    static final String EMBEDDING_MODEL = "embedding_model";
    static final String VECTOR = "vector_f32le_base64";
    /** The vector as int8 codes ({@link Int8Vector}); read back at unit length. */
    static final String VECTOR_I8 = "vector_i8_base64";
    static final String DECISION = "decision";
    static final String SERVED_MODEL = "served_model";
    static final String USER_ID = "user_id";
    static final String PRIOR = "prior";
    static final String STRENGTH = "strength";
    static final String CHOICES = "choices";
    static final String SUFFICIENCY = "sufficiency";
    static final String MODEL = "model";
    static final String TARGET = "target";
    static final String WEIGHT = "weight";

    private ExemplarJson() {
    }

    static JsonObject write(LearnedState.Exemplar e) {
        return new JsonObject().put(SEQUENCE, e.sequence()).put(EMBEDDING_MODEL, e.embeddingModel())
                .put(VECTOR_I8, Base64.getEncoder().encodeToString(Int8Vector.of(e.vector()).codes())).put(DECISION, e.decision())
                .put(SERVED_MODEL, e.servedModel()).put(USER_ID, e.userId())
                .put(PRIOR, new JsonObject(new LinkedHashMap<>(e.prior())))
                .put(STRENGTH, new JsonObject(new LinkedHashMap<>(e.strength())))
                .put(CHOICES, labels(e.choices())).put(SUFFICIENCY, labels(e.sufficiency()));
    }

    static LearnedState.Exemplar read(JsonObject json) {
        return new LearnedState.Exemplar(json.getLong(SEQUENCE), json.getString(EMBEDDING_MODEL),
                vector(json), json.getString(DECISION), json.getString(SERVED_MODEL),
                json.getString(USER_ID), EventJson.numbers(json.getJsonObject(PRIOR)),
                EventJson.numbers(json.getJsonObject(STRENGTH)), labels(json.getJsonArray(CHOICES)),
                labels(json.getJsonArray(SUFFICIENCY)));
    }

    /**
     * The exemplar's vector: int8 codes (a quarter of the float32's size in the store and on the topic; the vectors
     * learning gets are int8 already, from the decision index, so nothing is lost), or float32 from older records.
     */
    private static float[] vector(JsonObject json) {
        String codes = json.getString(VECTOR_I8);
        if (codes == null) {
            return EventJson.decode(json.getString(VECTOR));
        }
        return new Int8Vector(Base64.getDecoder().decode(codes), 1f).toUnitFloats();
    }

    private static JsonArray labels(List<LearnedState.Label> labels) {
        JsonArray out = new JsonArray();
        labels.forEach(l -> out.add(new JsonObject().put(MODEL, l.model()).put(TARGET, l.target())
                .put(WEIGHT, l.weight())));
        return out;
    }

    private static List<LearnedState.Label> labels(JsonArray json) {
        List<LearnedState.Label> out = new ArrayList<>();
        if (json != null) {
            json.forEach(item -> {
                JsonObject l = (JsonObject) item;
                out.add(new LearnedState.Label(l.getString(MODEL), l.getDouble(TARGET), l.getDouble(WEIGHT)));
            });
        }
        return out;
    }
}
