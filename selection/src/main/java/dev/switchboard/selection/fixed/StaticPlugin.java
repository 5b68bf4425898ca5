package dev.switchboard.selection.fixed;

import dev.switchboard.contracts.config.AlgorithmConfig;
import dev.switchboard.contracts.config.AlgorithmPlugin;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;

/** {@code type: static} (the package is {@code fixed}: {@code static} is a Java keyword): nothing to configure. */
public final class StaticPlugin implements SelectionPlugin<AlgorithmPlugin.NoSettings> {

    @Override
    public String type() {
        return AlgorithmConfig.DEFAULT_TYPE;
    }

    @Override
    public Class<NoSettings> settingsType() {
        return NoSettings.class;
    }

    @Override
    public SelectionAlgorithm create(NoSettings settings, SelectionContext context) {
        return new StaticSelection();
    }
}
