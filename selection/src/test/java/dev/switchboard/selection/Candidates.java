package dev.switchboard.selection;

import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.BackendRef;
import dev.switchboard.contracts.config.ModelCard;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.Pricing;
import java.util.List;

/** Candidates with synthetic unit vectors, for deterministic algorithm tests. */
final class Candidates {

    private Candidates() {
    }

    static Candidate of(String model, Double price, Double quality, float... cardVector) {
        ModelDefinition definition = new ModelDefinition(model, null, null,
                price == null ? null : new Pricing(price, null, null),
                List.of(new BackendRef("b", "127.0.0.1:1", null, null, null, null, null)));
        ModelCard card = new ModelCard(model, null, null, "card of " + model, List.of(), quality, List.of());
        return new Candidate(model, 1.0, definition, card, cardVector.length == 0 ? null : unit(cardVector),
                List.of());
    }

    static Candidate weighted(String model, double weight) {
        Candidate c = of(model, null, null);
        return new Candidate(model, weight, c.definition(), c.card(), null, List.of());
    }

    static SelectionInput input(float[] prompt, Candidate... candidates) {
        return new SelectionInput("d", List.of(candidates), prompt == null ? null : unit(prompt),
                new RouteRequest("r", "MoM", "text", List.of(), 4, null, null, false, "test"), null, null);
    }

    static float[] unit(float... v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return out;
    }
}
