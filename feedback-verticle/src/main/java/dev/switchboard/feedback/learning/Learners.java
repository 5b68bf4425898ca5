package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.config.AlgorithmConfig;
import dev.switchboard.contracts.config.AlgorithmPlugins;
import dev.switchboard.contracts.config.DecisionDefinition;
import dev.switchboard.selection.SelectionPlugin;
import dev.switchboard.selection.SelectionPlugins;
import dev.switchboard.selection.learning.Learner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The learners of the installed algorithms, one per algorithm that learns, whether or not a decision uses it: so
 * that switching a decision to it (a one-line change) finds it trained on the same feedback. Each runs with the
 * settings of the first decision of its type, or its defaults.
 */
public final class Learners {

    private final Map<String, Object> settingsByType;

    private Learners(Map<String, Object> settingsByType) {
        this.settingsByType = Map.copyOf(settingsByType);
    }

    /** The settings each learning algorithm runs with under these decisions. */
    public static Learners of(SelectionPlugins plugins, List<DecisionDefinition> decisions) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String type : plugins.types()) {
            SelectionPlugin<?> plugin = plugins.byType(type).orElseThrow();
            AlgorithmConfig configured = decisions.stream().map(DecisionDefinition::algorithm)
                    .filter(a -> a.type().equals(type)).findFirst().orElse(AlgorithmConfig.DEFAULT);
            Object typed = settingsOf(configured, plugin);
            if (learner(plugin, typed).isPresent()) {
                settings.put(type, typed);
            }
        }
        return new Learners(settings);
    }

    /** A fresh learner per learning algorithm. */
    public Map<String, Learner> create(SelectionPlugins plugins) {
        Map<String, Learner> learners = new LinkedHashMap<>();
        settingsByType.forEach((type, settings) -> learner(plugins.byType(type).orElseThrow(), settings)
                .ifPresent(learner -> learners.put(type, learner)));
        return learners;
    }

    /** Fresh learners for the algorithms whose settings differ in {@code next}. */
    public Map<String, Learner> changedIn(Learners next, SelectionPlugins plugins) {
        Map<String, Learner> changed = new LinkedHashMap<>();
        next.settingsByType.forEach((type, settings) -> {
            if (!Objects.equals(settingsByType.get(type), settings)) {
                learner(plugins.byType(type).orElseThrow(), settings).ifPresent(l -> changed.put(type, l));
            }
        });
        return changed;
    }

    private static <S> Object settingsOf(AlgorithmConfig config, SelectionPlugin<S> plugin) {
        return AlgorithmPlugins.settingsOf(config, plugin);
    }

    @SuppressWarnings("unchecked")
    private static <S> Optional<Learner> learner(SelectionPlugin<S> plugin, Object settings) {
        return plugin.learner((S) settings);
    }
}
