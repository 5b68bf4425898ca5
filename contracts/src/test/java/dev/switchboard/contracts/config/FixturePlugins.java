package dev.switchboard.contracts.config;

import java.util.List;

/**
 * Two algorithm plugins that exist only in this module's tests, to show the loader's generic handling of algorithm
 * blocks (the real algorithms live in the selection module, which depends on this one): {@code fixture} with a
 * bounded threshold, and {@code grouped}, whose block may also sit in a shared group as the reference's ML
 * algorithms' does ({@code ml.grouped}).
 */
final class FixturePlugins {

    private FixturePlugins() {
    }

    /** Settings of {@code fixture}: a threshold in [0, 1], 0.5 by default. */
    record FixtureSettings(Double threshold) {
        FixtureSettings {
            threshold = threshold == null ? 0.5 : threshold;
        }
    }

    /** Settings of {@code grouped}: a count, 3 by default. */
    record GroupedSettings(Integer count) {
        GroupedSettings {
            count = count == null ? 3 : count;
        }
    }

    public static final class Fixture implements AlgorithmPlugin<FixtureSettings> {
        @Override
        public String type() {
            return "fixture";
        }

        @Override
        public Class<FixtureSettings> settingsType() {
            return FixtureSettings.class;
        }

        @Override
        public void validate(FixtureSettings settings, ConfigChecks checks) {
            checks.inRange("threshold", settings.threshold(), 0, 1);
        }
    }

    public static final class Grouped implements AlgorithmPlugin<GroupedSettings> {
        @Override
        public String type() {
            return "grouped";
        }

        @Override
        public Class<GroupedSettings> settingsType() {
            return GroupedSettings.class;
        }

        @Override
        public List<String> blockPaths() {
            return List.of("grouped", "ml.grouped");
        }
    }
}
