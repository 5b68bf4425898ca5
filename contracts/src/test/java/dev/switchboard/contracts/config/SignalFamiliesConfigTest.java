package dev.switchboard.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The reference's classifier and feature families load with their meaning, and their mistakes are errors. */
class SignalFamiliesConfigTest {

    /** Every family, in the reference's format, written for this project. */
    private static final String FAMILIES = """
                language:
                  - name: de
                domains:
                  - name: law
                    description: Legal questions.
                    mmlu_categories: [law]
                    model_scores: [{model: local, score: 0.9}]
                  - name: physics
                  - name: cooking
                    description: Recipes and kitchen techniques.
                complexity:
                  - name: reasoning
                    threshold: 0.1
                    hard: {candidates: ["prove it step by step"]}
                    easy: {candidates: ["say hi"]}
                structure:
                  - name: many_questions
                    feature: {type: count, source: {type: regex, pattern: '[?]'}}
                    predicate: {gte: 3}
                conversation:
                  - name: has_tools
                    feature: {type: count, source: {type: tool_definition}}
                    predicate: {gte: 1}
                  - name: developer
                    feature: {type: exists, source: {type: message, role: developer}}
                user_feedbacks:
                  - name: wrong_answer
                fact_check:
                  - name: needs_fact_check
                jailbreak:
                  - name: injection
                    threshold: 0.8
                    jailbreak_patterns: ["ignore previous instructions"]
                pii:
                  - name: personal
                    pii_types_allowed: [EMAIL_ADDRESS]
                reasks:
                  - name: repeated
                    lookback_turns: 2
                preferences:
                  - name: terse
                    examples: ["keep it short"]
                role_bindings:
                  - name: admins
                    role: admin
                    subjects: [{kind: Group, name: platform-admins}]
                metadata:
                  - name: consent_denied
                    key: consent
                    predicate: {equals: denied}
                events:
                  - name: payment_incident
                    event_types: [payment_failed]
                    severities: [critical, high]
                    temporal: true
                modality:
                  - name: DIFFUSION
                input_modality:
                  - name: image_input
                    modality: image
            """;

    private static final String CONDITIONS = """
                      - type: domain
                        name: cooking
                      - type: complexity
                        name: "reasoning:hard"
                      - type: structure
                        name: many_questions
                      - type: conversation
                        name: has_tools
                      - type: user_feedback
                        name: wrong_answer
                      - type: fact_check
                        name: needs_fact_check
                      - type: jailbreak
                        name: injection
                      - type: pii
                        name: personal
                      - type: reask
                        name: repeated
                      - type: preference
                        name: terse
                      - type: authz
                        name: admin
                      - type: metadata
                        name: consent_denied
                      - type: event
                        name: payment_incident
                      - type: modality
                        name: DIFFUSION
                      - type: input_modality
                        name: image_input
                      - type: keyword
                        name: code
            """;

    static String withFamilies(String families) {
        return ConfigValidationTest.breaking("    language:\n      - name: de\n", families)
                .replace("          - type: keyword\n            name: code\n", CONDITIONS);
    }

    @Test
    void shouldLoadEveryFamilyWithItsMeaningAndOnlyWarnAboutWhatItIgnores() throws ConfigException {
        LoadedConfig loaded = ConfigLoader.parse(withFamilies(FAMILIES), "families.yaml");

        assertThat(loaded.warnings()).extracting(ConfigWarning::path)
                .containsExactly("routing.signals.domains[0].model_scores");
        SignalsConfig signals = loaded.config().routing().signals();
        assertThat(signals.domains()).extracting(DomainSignal::name).containsExactly("law", "physics", "cooking");
        assertThat(signals.complexity().get(0).hardBound()).isEqualTo(0.1);
        assertThat(signals.complexity().get(0).easyBound()).isEqualTo(-0.1);
        assertThat(signals.structure().get(0).predicate().test(3)).isTrue();
        assertThat(signals.conversation().get(1).feature().source().role()).isEqualTo("developer");
        assertThat(signals.userFeedbacks().get(0).threshold()).isEqualTo(ExampleClassSignal.DEFAULT_THRESHOLD);
        assertThat(signals.jailbreak().get(0).jailbreakPatterns()).containsExactly("ignore previous instructions");
        assertThat(signals.pii().get(0).piiTypesAllowed()).containsExactly("EMAIL_ADDRESS");
        assertThat(signals.reasks().get(0).threshold()).isEqualTo(ReaskSignal.DEFAULT_THRESHOLD);
        assertThat(signals.preferences().get(0).threshold()).isEqualTo(PreferenceSignal.DEFAULT_THRESHOLD);
        assertThat(signals.roleBindings().get(0).subjects()).singleElement()
                .satisfies(subject -> assertThat(subject.name()).isEqualTo("platform-admins"));
        assertThat(signals.metadata().get(0).predicate().equals()).isEqualTo("denied");
        assertThat(signals.events().get(0).criteria()).isEqualTo(3);
        assertThat(signals.modality()).extracting(ExampleClassSignal::name).containsExactly("DIFFUSION");
        assertThat(signals.inputModality().get(0).modality()).isEqualTo(InputModalitySignal.IMAGE);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("an MMLU category that does not exist",
                        FAMILIES.replace("mmlu_categories: [law]", "mmlu_categories: [laws]"),
                        "routing.signals.domains[0].mmlu_categories[0]", "unknown value 'laws'"),
                Arguments.of("a custom domain nothing describes",
                        FAMILIES.replace("\n        description: Recipes and kitchen techniques.", ""),
                        "routing.signals.domains[2]", "needs a description or examples"),
                Arguments.of("a complexity condition without its level",
                        FAMILIES, "routing.decisions[0].rules.conditions[1].name", "unknown complexity rule"),
                Arguments.of("an easy bound above the hard one",
                        FAMILIES.replace("threshold: 0.1\n", "hard_above: 0.1\n        easy_below: 0.2\n"),
                        "routing.signals.complexity[0]", "the easy bound (0.2) is above the hard bound (0.1)"),
                Arguments.of("a structure pattern that is no regular expression",
                        FAMILIES.replace("pattern: '[?]'", "pattern: '[?'"),
                        "routing.signals.structure[0].feature.source.pattern", "invalid regular expression"),
                Arguments.of("a conversation source that does not exist",
                        FAMILIES.replace("type: tool_definition", "type: tool_definitions"),
                        "routing.signals.conversation[0].feature.source.type", "unknown value 'tool_definitions'"),
                Arguments.of("a feedback class the detector does not know, without examples",
                        FAMILIES.replace("- name: wrong_answer", "- name: angry"),
                        "routing.signals.user_feedbacks[0].examples", "is not a class of the built-in detector"),
                Arguments.of("a role binding's subject of an unknown kind",
                        FAMILIES.replace("kind: Group", "kind: Team"),
                        "routing.signals.role_bindings[0].subjects[0].kind", "unknown value 'Team'"),
                Arguments.of("a metadata rule without the value to compare",
                        FAMILIES.replace("predicate: {equals: denied}", "predicate: {}"),
                        "routing.signals.metadata[0].predicate.equals", "missing"),
                Arguments.of("a re-ask looking further back than a request carries",
                        FAMILIES.replace("lookback_turns: 2", "lookback_turns: 9"),
                        "routing.signals.reasks[0].lookback_turns", "must be between 1 and 4"),
                Arguments.of("an event rule with no criterion",
                        FAMILIES.replace("event_types: [payment_failed]\n        severities: [critical, high]\n"
                                + "        temporal: true", "description: nothing to find"),
                        "routing.signals.events[0]", "no criterion"),
                Arguments.of("an output modality the detector does not know, without examples",
                        FAMILIES.replace("- name: DIFFUSION", "- name: VIDEO").replace("name: DIFFUSION", "name: VIDEO"),
                        "routing.signals.modality[0].examples", "is not a class of the built-in detector"),
                Arguments.of("an input modality that does not exist",
                        FAMILIES.replace("modality: image", "modality: hologram"),
                        "routing.signals.input_modality[0].modality", "unknown value 'hologram'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void shouldReportEachMistakeWithItsPath(String why, String families, String path, String message) {
        String yaml = withFamilies(families);
        String checked = why.startsWith("a complexity condition")
                ? yaml.replace("name: \"reasoning:hard\"", "name: reasoning") : yaml;
        assertThatThrownBy(() -> ConfigLoader.parse(checked, "families.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> {
                            assertThat(p.path()).isEqualTo(path);
                            assertThat(p.message()).contains(message);
                        }));
    }

    @Test
    void shouldCheckThatProjectionsWeighDefinedRulesAndBandDefinedScores() {
        String yaml = withFamilies(FAMILIES).replace("\n  decisions:\n", String.join("\n", "",
                "  projections:",
                "    scores:",
                "      - name: shape",
                "        inputs: [{type: structure, name: many_question, weight: 0.5}]",
                "    mappings:",
                "      - name: band",
                "        source: shapes",
                "        outputs: [{name: dense, gte: 0.5}]",
                "  decisions:", ""));

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "families.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path).contains(
                                "routing.projections.scores[0].inputs[0].name",
                                "routing.projections.mappings[0].source"));
    }

    @Test
    void shouldCheckThatAPartitionCoordinatesRulesOfOneFamilyWithADefaultAmongThem() {
        String yaml = withFamilies(FAMILIES).replace("\n  decisions:\n", String.join("\n", "",
                "  projections:",
                "    partitions:",
                "      - name: subjects",
                "        semantics: softmax_exclusive",
                "        members: [law, physics, terse, nothing]",
                "        default: cooking",
                "  decisions:", ""));

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "families.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path).contains(
                                "routing.projections.partitions[0].temperature",
                                "routing.projections.partitions[0].members[2]",
                                "routing.projections.partitions[0].members[3]",
                                "routing.projections.partitions[0].default"));
    }

    @Test
    void shouldLoadAPartitionOfDomains() throws ConfigException {
        String yaml = withFamilies(FAMILIES).replace("\n  decisions:\n", String.join("\n", "",
                "  projections:",
                "    partitions:",
                "      - name: subjects",
                "        semantics: softmax_exclusive",
                "        temperature: 0.1",
                "        members: [law, physics, cooking]",
                "        default: cooking",
                "  decisions:", ""));

        ProjectionsConfig.Partition partition = ConfigLoader.parse(yaml, "families.yaml").config().routing()
                .projections().partitions().get(0);

        assertThat(partition.defaultMember()).isEqualTo("cooking");
        assertThat(partition.temperature()).isEqualTo(0.1);
    }

    @Test
    void shouldWarnThatAResponseJailbreakRuleNeverMatches() throws ConfigException {
        LoadedConfig loaded = ConfigLoader.parse(withFamilies(FAMILIES.replace("threshold: 0.8\n",
                "threshold: 0.8\n        direction: response\n")), "families.yaml");

        assertThat(loaded.warnings()).filteredOn(w -> w.path().equals("routing.signals.jailbreak[0].direction"))
                .singleElement().satisfies(w -> assertThat(w.message()).contains("never matches"));
    }
}
