package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.ProjectionsConfig;
import dev.switchboard.contracts.config.SignalsConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The compiled {@code routing.projections.partitions}: among a partition's members that matched, the most confident
 * stays matched and the others are removed; under {@code softmax_exclusive} the winner's confidence becomes its
 * softmax share of the matched members' confidences at the partition's temperature. When no member matched, the
 * default is matched with the uniform share {@code 1 / members}: nothing favoured any member. Runs after every
 * signal family and before the scores, as in the reference.
 */
final class PartitionRules {

    private record Partition(String type, List<String> members, String defaultMember, Double temperature) {
    }

    private final List<Partition> partitions;

    PartitionRules(ProjectionsConfig projections, SignalsConfig signals) {
        Set<String> domains = signals.domains().stream().map(d -> d.name()).collect(Collectors.toSet());
        this.partitions = projections.partitions().stream()
                .map(p -> new Partition(
                        p.members().stream().anyMatch(domains::contains) ? SignalsConfig.DOMAIN
                                : SignalsConfig.EMBEDDING,
                        p.members(), p.defaultMember(),
                        ProjectionsConfig.SOFTMAX_EXCLUSIVE.equals(p.semantics()) ? p.temperature() : null))
                .toList();
    }

    void apply(Map<String, Double> matched) {
        for (Partition partition : partitions) {
            String winner = null;
            double best = Double.NEGATIVE_INFINITY;
            for (String member : partition.members()) {
                Double confidence = matched.get(SignalResults.key(partition.type(), member));
                if (confidence != null && confidence > best) {
                    best = confidence;
                    winner = member;
                }
            }
            if (winner == null) {
                matched.put(SignalResults.key(partition.type(), partition.defaultMember()),
                        1.0 / partition.members().size());
                continue;
            }
            double share = partition.temperature() == null ? best : softmaxShare(partition, matched, best);
            for (String member : partition.members()) {
                matched.remove(SignalResults.key(partition.type(), member));
            }
            matched.put(SignalResults.key(partition.type(), winner), share);
        }
    }

    /** exp(best / T) over the sum of exp(c / T) of the matched members, shifted by best for stability. */
    private static double softmaxShare(Partition partition, Map<String, Double> matched, double best) {
        double sum = 0;
        for (String member : partition.members()) {
            Double confidence = matched.get(SignalResults.key(partition.type(), member));
            if (confidence != null) {
                sum += Math.exp((confidence - best) / partition.temperature());
            }
        }
        return 1 / sum;
    }
}
