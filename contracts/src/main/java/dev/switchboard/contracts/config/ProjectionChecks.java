package dev.switchboard.contracts.config;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks of {@code routing.projections}: each score's inputs name a defined signal rule (an input on a family
 * Switchboard does not compute is a warning: it counts as missed), each mapping's source is a score, and the band
 * names are unique; returns the band names, which conditions of type {@code projection} may use.
 */
final class ProjectionChecks {

    private static final String BASE = "routing.projections";
    private static final List<String> PARTITION_SEMANTICS = List.of(ProjectionsConfig.EXCLUSIVE,
            ProjectionsConfig.SOFTMAX_EXCLUSIVE);
    /** The families whose rules a partition may coordinate: those that score every prompt by similarity. */
    static final List<String> PARTITION_FAMILIES = List.of(SignalsConfig.DOMAIN, SignalsConfig.EMBEDDING);

    private ProjectionChecks() {
    }

    static Set<String> check(ProjectionsConfig projections, Map<String, Set<String>> signalNames,
            Set<String> unsupportedTypes, ConfigChecks checks) {
        checks.ruleNames(BASE + ".partitions", projections.partitions(), ProjectionsConfig.Partition::name);
        for (int i = 0; i < projections.partitions().size(); i++) {
            partition(BASE + ".partitions[" + i + "]", projections.partitions().get(i), signalNames, checks);
        }
        Set<String> scores = checks.ruleNames(BASE + ".scores", projections.scores(), ProjectionsConfig.Score::name);
        for (int i = 0; i < projections.scores().size(); i++) {
            ProjectionsConfig.Score score = projections.scores().get(i);
            String path = BASE + ".scores[" + i + "]";
            if (score == null) {
                continue;
            }
            checks.oneOf(path + ".method", score.method(), List.of(ProjectionsConfig.WEIGHTED_SUM));
            checks.nonEmpty(path + ".inputs", score.inputs());
            for (int k = 0; k < score.inputs().size(); k++) {
                input(path + ".inputs[" + k + "]", score.inputs().get(k), signalNames, unsupportedTypes, checks);
            }
        }
        Set<String> bands = new HashSet<>();
        for (int i = 0; i < projections.mappings().size(); i++) {
            ProjectionsConfig.Mapping mapping = projections.mappings().get(i);
            String path = BASE + ".mappings[" + i + "]";
            if (mapping == null) {
                checks.error(path, "empty entry; expected a mapping with a source and outputs");
                continue;
            }
            checks.required(path + ".name", mapping.name());
            if (checks.required(path + ".source", mapping.source()) && !scores.contains(mapping.source())) {
                checks.error(path + ".source", "unknown score '" + mapping.source() + "'; define it in " + BASE
                        + ".scores");
            }
            checks.oneOf(path + ".method", mapping.method(), List.of(ProjectionsConfig.THRESHOLD_BANDS));
            if (mapping.calibration() != null) {
                checks.oneOf(path + ".calibration.method", mapping.calibration().method(),
                        List.of("sigmoid_distance"));
                checks.positive(path + ".calibration.slope", mapping.calibration().slope());
            }
            checks.nonEmpty(path + ".outputs", mapping.outputs());
            Set<String> own = checks.ruleNames(path + ".outputs", mapping.outputs(), ProjectionsConfig.Band::name);
            for (String band : own) {
                if (!bands.add(band)) {
                    checks.error(path + ".outputs", "band '" + band + "' is also a band of another mapping");
                }
            }
        }
        return bands;
    }

    /** Members name rules of one family, domain or embedding; the default is a member. */
    private static void partition(String path, ProjectionsConfig.Partition partition,
            Map<String, Set<String>> signalNames, ConfigChecks checks) {
        if (partition == null) {
            return;
        }
        if (checks.oneOf(path + ".semantics", partition.semantics(), PARTITION_SEMANTICS)
                && partition.semantics().equals(ProjectionsConfig.SOFTMAX_EXCLUSIVE)) {
            if (partition.temperature() == null) {
                checks.error(path + ".temperature", "softmax_exclusive needs a temperature above 0");
            } else {
                checks.positive(path + ".temperature", partition.temperature());
            }
        }
        checks.nonEmpty(path + ".members", partition.members());
        Set<String> families = new HashSet<>();
        for (int k = 0; k < partition.members().size(); k++) {
            String member = partition.members().get(k);
            String family = PARTITION_FAMILIES.stream().filter(type -> signalNames.getOrDefault(type, Set.of()).contains(member))
                    .findFirst().orElse(null);
            if (family == null) {
                checks.error(path + ".members[" + k + "]", "unknown rule '" + member + "'; a member is a rule of "
                        + "routing.signals.domains or routing.signals.embeddings");
            } else {
                families.add(family);
            }
        }
        if (families.size() > 1) {
            checks.error(path + ".members", "members must all be domain rules or all embedding rules, got both");
        }
        if (checks.required(path + ".default", partition.defaultMember())
                && !partition.members().contains(partition.defaultMember())) {
            checks.error(path + ".default", "'" + partition.defaultMember() + "' is not one of the members");
        }
    }

    private static void input(String path, ProjectionsConfig.Input input, Map<String, Set<String>> signalNames,
            Set<String> unsupportedTypes, ConfigChecks checks) {
        if (input == null) {
            checks.error(path, "empty entry; expected {type, name, weight}");
            return;
        }
        if (!checks.required(path + ".type", input.type())) {
            return;
        }
        checks.oneOf(path + ".value_source", input.valueSource(), ProjectionsConfig.VALUE_SOURCES);
        Set<String> names = signalNames.get(input.type());
        if (names == null) {
            if (unsupportedTypes.contains(input.type()) || input.type().startsWith("kb")) {
                checks.warn(path, "input type '" + input.type() + "' is not computed; it counts as missed");
            } else {
                checks.error(path + ".type", "unknown input type '" + input.type() + "'; expected a condition type "
                        + "such as keyword, embedding or complexity");
            }
        } else if (checks.required(path + ".name", input.name()) && !names.contains(input.name())) {
            checks.error(path + ".name", "unknown " + input.type() + " rule '" + input.name() + "'");
        }
    }
}
