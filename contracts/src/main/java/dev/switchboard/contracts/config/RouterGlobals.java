package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code global.router}.
 *
 * @param autoModelNames request {@code model} values that ask Switchboard to choose; {@code MoM}, {@code auto} and
 *                       {@code switchboard/auto} by default. Decision names also trigger routing.
 */
public record RouterGlobals(@JsonProperty("auto_model_names") List<String> autoModelNames) {

    public static final List<String> DEFAULT_AUTO_MODEL_NAMES = List.of("MoM", "auto", "switchboard/auto");

    public RouterGlobals {
        autoModelNames = autoModelNames == null ? DEFAULT_AUTO_MODEL_NAMES : Lists.immutable(autoModelNames);
    }
}
