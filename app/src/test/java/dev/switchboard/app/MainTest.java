package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard validate FILE} and the command line's handling of wrong usage. */
class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldValidateTheHomelabConfig() {
        int exit = run("validate", TestConfigs.HOMELAB.toString());

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("valid (v0.3, 3 models, 1 decisions");
    }

    @Test
    void shouldSayWhichPriceEachHomelabModelCountsAtAndFromWhere() {
        // The homelab file prices nothing: its Ollama is local and free, its cloud models take the shipped table's.
        int exit = run("validate", TestConfigs.HOMELAB.toString());

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("price ")))
                .containsExactly(
                        "price qwen-coder: free, local backend (host.docker.internal)",
                        "price gpt-4o: 2.50 prompt / 10.00 completion USD per 1M tokens, price table: gpt-4o, "
                                + "https://openai.com/api/pricing/, 2024-10-02",
                        "price gemini-flash: 0.30 prompt / 2.50 completion USD per 1M tokens, price table: "
                                + "gemini-2.5-flash, https://ai.google.dev/gemini-api/docs/pricing, 2025-06-17");
    }

    @Test
    void shouldNameTheModelRefsOfAnUnknownModel() throws Exception {
        Path broken = dir.resolve("config.yaml");
        Files.writeString(broken, Files.readString(TestConfigs.HOMELAB).replace("- model: gpt-4o", "- model: gpt-5"));

        int exit = run("validate", broken.toString());

        assertThat(exit).isEqualTo(Main.EXIT_INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("routing.decisions[0].modelRefs[1].model: unknown model 'gpt-5'");
    }

    @Test
    void shouldNameTheLineOfAYamlSyntaxError() throws Exception {
        Path broken = dir.resolve("config.yaml");
        Files.writeString(broken, Files.readString(TestConfigs.HOMELAB).replace("priority: 100", "priority: [100"));

        int exit = run("validate", broken.toString());

        assertThat(exit).isEqualTo(Main.EXIT_INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).containsPattern("YAML syntax error at line \\d+");
    }

    @Test
    void shouldReportAMissingFile() {
        int exit = run("validate", dir.resolve("nope.yaml").toString());

        assertThat(exit).isEqualTo(Main.EXIT_INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read the file");
    }

    @Test
    void shouldPrintWarningsOfIgnoredReferenceFeatures() throws Exception {
        Path withListeners = dir.resolve("config.yaml");
        Files.writeString(withListeners, "listeners: [{name: http-8899, port: 8899}]\n"
                + Files.readString(TestConfigs.HOMELAB));

        int exit = run("validate", withListeners.toString());

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("warning: listeners: not supported by Switchboard");
    }

    @Test
    void shouldListEachReferenceFeatureAsHonouredApproximatedOrIgnored() throws Exception {
        Path reference = dir.resolve("config.yaml");
        Files.writeString(reference, "listeners: [{name: http-8899, port: 8899}]\n"
                + Files.readString(TestConfigs.HOMELAB).replace("  decisions:\n", """
                          signals:
                            domains:
                              - name: law
                                mmlu_categories: [law]
                            structure:
                              - name: many_questions
                                feature: {type: count, source: {type: regex, pattern: '[?]'}}
                                predicate: {gte: 3}
                          decisions:
                        """));

        int exit = run("validate", "--reference-report", reference.toString());

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().map(String::strip))
                .anySatisfy(line -> assertThat(line).startsWith("approximated").contains("routing.signals.domains"))
                .anySatisfy(line -> assertThat(line).startsWith("honoured").contains("routing.signals.structure"))
                .anySatisfy(line -> assertThat(line).startsWith("honoured").contains("algorithm multi_factor"))
                .anySatisfy(line -> assertThat(line).startsWith("ignored").contains("listeners"));
    }

    @Test
    void shouldMeasureTheDomainSignalOnLabelledQuestions() throws Exception {
        // Questions written for this test, two subjects; the point is the command, not the figure.
        Path data = dir.resolve("domains.jsonl");
        Files.writeString(data, """
                {"text": "Can a contract signed by a minor be enforced by the other party?", "label": "law"}
                {"text": "What does the Fourth Amendment protect against?", "label": "law"}
                {"text": "How do enzymes lower the activation energy of a reaction in a cell?", "label": "biology"}
                {"text": "What role do ribosomes play in protein synthesis?", "label": "biology"}
                """);

        int exit = run("eval-domains", "--config", TestConfigs.HOMELAB.toString(), "--data", data.toString(),
                "--learn");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("domain accuracy on domains.jsonl: \\d/4 = ")
                .contains("law").contains("biology")
                .containsPattern("held-out half of domains.jsonl \\(2 items\\), zero-shot: \\d/2")
                .containsPattern("after domain feedback on the other 2 items \\(learned in [\\d.]+ s\\): \\d/2");
    }

    @Test
    void shouldRejectWrongUsage() {
        assertThat(run("validate")).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("frobnicate")).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("serve", "--port", "1")).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("eval-domains")).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("eval-domains", "--data")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: switchboard");
    }

    @Test
    void shouldRefuseToServeAnInvalidConfig() throws Exception {
        Path broken = dir.resolve("config.yaml");
        Files.writeString(broken, "version: v0.2\n");

        assertThat(run("serve", "--config", broken.toString())).isEqualTo(Main.EXIT_INVALID);
    }
}
