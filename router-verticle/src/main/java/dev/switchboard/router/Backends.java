package dev.switchboard.router;

import dev.switchboard.contracts.config.BackendRef;
import dev.switchboard.contracts.config.ModelDefinition;
import java.util.random.RandomGenerator;

/** Chooses one of a model's {@code backend_refs}: at random in proportion to their weights. */
final class Backends {

    private Backends() {
    }

    static BackendRef choose(ModelDefinition model, RandomGenerator random) {
        if (model.backendRefs().size() == 1) {
            return model.backendRefs().get(0);
        }
        int total = model.backendRefs().stream().mapToInt(BackendRef::weight).sum();
        if (total <= 0) {
            return model.backendRefs().get(0);
        }
        int pick = random.nextInt(total);
        for (BackendRef backend : model.backendRefs()) {
            pick -= backend.weight();
            if (pick < 0) {
                return backend;
            }
        }
        return model.backendRefs().get(model.backendRefs().size() - 1);
    }
}
