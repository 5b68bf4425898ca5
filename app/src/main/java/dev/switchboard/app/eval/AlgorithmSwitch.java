package dev.switchboard.app.eval;

import dev.switchboard.contracts.config.AlgorithmConfig;
import dev.switchboard.contracts.config.ConfigException;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.DecisionDefinition;
import dev.switchboard.contracts.config.SwitchboardConfig;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A config with its decisions switched to another algorithm the way a user would: the one line {@code type: X} of
 * the decisions' algorithm changed to {@code type: Y}, everything else as written (other blocks are then ignored with
 * a warning).
 */
final class AlgorithmSwitch {

    private AlgorithmSwitch() {
    }

    /** The config text with every {@code type: <current>} line of an algorithm changed to {@code algorithm}. */
    static String switched(String yaml, SwitchboardConfig config, String algorithm) {
        List<String> current = config.routing().decisions().stream().map(DecisionDefinition::algorithm)
                .filter(a -> a != AlgorithmConfig.DEFAULT).map(AlgorithmConfig::type).distinct().toList();
        if (current.size() != 1) {
            throw new IllegalArgumentException("--algorithms needs a config whose decisions name one algorithm type, "
                    + "got " + current);
        }
        Matcher line = Pattern.compile("(?m)^(\\s*type:\\s*)" + Pattern.quote(current.get(0)) + "\\s*$").matcher(yaml);
        String changed = line.replaceAll("$1" + Matcher.quoteReplacement(algorithm));
        if (changed.equals(yaml) && !algorithm.equals(current.get(0))) {
            throw new IllegalArgumentException("no line 'type: " + current.get(0) + "' to change");
        }
        return changed;
    }

    static SwitchboardConfig load(String yaml, String source) throws ConfigException {
        return ConfigLoader.parse(yaml, source).config();
    }
}
