package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard eval} on a small fixture written here, with the homelab config as it is. */
class EvalCommandTest {

    /** The invented sample the README's fresh-clone command evaluates. */
    private static final Path SAMPLE = Path.of("..", "docs", "eval-sample.jsonl");

    @TempDir
    Path dir;

    /** Prompts whose kind of work is beyond doubt, written for this test. */
    private static final List<String[]> FIXTURE = List.of(
            new String[] {"coder", "def add(a: int, b: int) -> int:\n    \"\"\"Return the sum of a and b.\"\"\""},
            new String[] {"coder", "Write a Java method that reverses a string."},
            new String[] {"coder", "Why does my Python script raise KeyError when reading a dictionary?"},
            new String[] {"coder", "Implement a stack with push and pop in C."},
            new String[] {"reasoning", "A car travels 150 km in 2.5 hours. What is its average speed?"},
            new String[] {"reasoning", "Solve the equation 5x - 3 = 2x + 9."},
            new String[] {"reasoning", "Prove that there are infinitely many prime numbers."},
            new String[] {"reasoning", "Lisa buys 4 books at $7 each and pays with $50. How much change does she get?"},
            new String[] {"fast-general", "What is the capital of Canada?"},
            new String[] {"fast-general", "Write a short thank-you note to a neighbour who watered my plants."},
            new String[] {"fast-general", "Who painted the Mona Lisa?"},
            new String[] {"fast-general", "Give me three tips for sleeping better."});

    private Path fixture() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < FIXTURE.size(); i++) {
            lines.add(new JsonObject().put("id", "t" + i).put("source", i % 2 == 0 ? "even" : "odd")
                    .put("lang", "en").put("route", FIXTURE.get(i)[0]).put("text", FIXTURE.get(i)[1]).encode());
        }
        Path file = dir.resolve("fixture.jsonl");
        Files.write(file, lines);
        return file;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run eval(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("eval"));
        all.addAll(List.of(args));
        int exit = Main.run(all.toArray(String[]::new), new PrintStream(out), new PrintStream(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void shouldScoreTheConfigAndBothBaselinesAsATableAndJson() throws Exception {
        Path json = dir.resolve("report.json");

        Run run = eval("--config", TestConfigs.HOMELAB.toString(), "--data", fixture().toString(),
                "--keyword-baseline", Path.of("..", "conf", "examples", "keyword-router.yaml").toString(),
                "--json", json.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("| switchboard |", "| keyword rules (article) |", "| naive card cosine |",
                "gold \\ routed", "accuracy by source: even", "accuracy by language: en", "JSON report: " + json);
        assertThat(run.out().lines()).as("the JSON goes to the file only").noneMatch(l -> l.startsWith("{"));
        JsonObject report = new JsonObject(Files.readString(json));
        JsonArray routers = report.getJsonArray("routers");
        assertThat(routers).hasSize(3);
        JsonObject switchboard = routers.getJsonObject(0);
        assertThat(switchboard.getInteger("items")).isEqualTo(12);
        assertThat(switchboard.getDouble("accuracy")).as("obvious prompts").isGreaterThanOrEqualTo(10 / 12.0);
        assertThat(switchboard.getJsonObject("confusion").getJsonObject("coder").getInteger("coder"))
                .isGreaterThanOrEqualTo(3);
        assertThat(switchboard.getJsonObject("routing_latency_ms").getDouble("p50")).isPositive();
        assertThat(routers.getJsonObject(1).getString("router")).isEqualTo("keyword rules (article)");
    }

    @Test
    void shouldLearnFromASeededShareAndScoreOnlyTheRest() throws Exception {
        Run run = eval("--config", TestConfigs.HOMELAB.toString(), "--data", fixture().toString(),
                "--learn", "0.5", "--seed", "3", "--keyword-baseline", dir.resolve("absent.yaml").toString(),
                "--json", "-");

        assertThat(run.exit()).as(run.err()).isZero();
        // With --json -, stdout is the JSON document alone and the tables go to stderr.
        assertThat(run.err()).contains("learned from 6 (50 %, seed 3), scored on 6", "keyword baseline skipped");
        JsonObject report = new JsonObject(run.out());
        assertThat(report.getInteger("learned_from")).isEqualTo(6);
        assertThat(report.getJsonArray("routers").getJsonObject(0).getInteger("items")).isEqualTo(6);
    }

    @Test
    void shouldReplayOutcomesIntoTheRouterBeforeScoring() throws Exception {
        Path json = dir.resolve("outcomes.json");

        Run run = eval("--config", TestConfigs.HOMELAB.toString(), "--data", fixture().toString(),
                "--algorithms", "latency_aware", "--outcomes", "qwen-coder=400,gpt-4o=150,gemini-flash=50",
                "--outcomes-per-model", "20", "--json", json.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        JsonObject report = new JsonObject(Files.readString(json)).getJsonArray("runs").getJsonObject(0)
                .getJsonArray("points").getJsonObject(0).getJsonObject("report");
        // latency_aware knows only what the outcomes said: gemini-flash is the fastest, for every prompt.
        assertThat(report.getDouble("accuracy")).isEqualTo(4 / 12.0);
        for (String label : List.of("coder", "reasoning", "fast-general")) {
            assertThat(report.getJsonObject("confusion").getJsonObject(label).getInteger("fast-general"))
                    .as(label).isEqualTo(4);
        }
    }

    @Test
    void shouldReadItemsWithoutALanguage() throws Exception {
        Path data = dir.resolve("no-lang.jsonl");
        Files.write(data, List.of(
                new JsonObject().put("route", "coder").put("text", "Write a Java method that reverses a string.")
                        .encode(),
                new JsonObject().put("route", "fast-general").put("text", "Who painted the Mona Lisa?")
                        .putNull("lang").encode()));

        Run run = eval("--config", TestConfigs.HOMELAB.toString(), "--data", data.toString(),
                "--keyword-baseline", dir.resolve("absent.yaml").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("accuracy by language: unknown");
    }

    @Test
    void shouldPrintTablesAndNoJsonWithoutTheJsonOption() throws Exception {
        // The README's fresh-clone command: the invented sample under docs/, no --json.
        Run run = eval("--config", TestConfigs.HOMELAB.toString(), "--data", SAMPLE.toString(),
                "--keyword-baseline", Path.of("..", "conf", "examples", "keyword-router.yaml").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(SAMPLE + ": 12 items", "| switchboard |", "| keyword rules (article) |",
                "accuracy by source: invented", "accuracy by language: de");
        assertThat(run.out().lines()).noneMatch(l -> l.strip().startsWith("{") || l.strip().startsWith("\""));
        assertThat(run.out()).doesNotContain("\"routers\"", "JSON report");
    }

    @Test
    void shouldCheckWhereTheJsonGoesBeforeScoring() throws Exception {
        Path json = dir.resolve("no-such-folder").resolve("report.json");

        Run run = eval("--config", TestConfigs.HOMELAB.toString(), "--data", fixture().toString(),
                "--json", json.toString());

        assertThat(run.exit()).isEqualTo(Main.EXIT_INVALID);
        assertThat(run.err()).contains("--json " + json, "does not exist").doesNotContain("Exception");
        assertThat(run.out()).as("nothing scored").isEmpty();
        assertThat(eval("--config", TestConfigs.HOMELAB.toString(), "--data", fixture().toString(),
                "--json", dir.toString()).err()).contains("is a directory");
    }

    @Test
    void shouldSayWhatIsWrongWithTheDataFile() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");
        Map<Path, String> cases = Map.of(dir.resolve("absent.jsonl"), "data file " + dir.resolve("absent.jsonl")
                + " does not exist", dir, "data file " + dir + " is a directory", empty, empty + " holds no items");
        cases.forEach((data, message) -> {
            Run run = eval("--config", TestConfigs.HOMELAB.toString(), "--data", data.toString());

            assertThat(run.exit()).as(message).isEqualTo(Main.EXIT_INVALID);
            assertThat(run.err()).as(message).contains(message).doesNotContain("Exception", "\tat ");
        });
        Run noConfig = eval("--config", dir.resolve("absent.yaml").toString(), "--data", empty.toString());
        assertThat(noConfig.err()).contains("config file " + dir.resolve("absent.yaml") + " does not exist");
    }

    @Test
    void shouldNameTheLineOfAnItemItCannotUse() throws Exception {
        for (String bad : List.of("not json", "[\"a list\"]", "{\"route\":\"coder\"}",
                "{\"route\":\"coder\",\"text\":5}", "{\"route\":\"coder\",\"text\":[\"Secret prompt.\"]}",
                "{\"route\":\"poet\",\"text\":\"a haiku\"}")) {
            Path data = dir.resolve("bad.jsonl");
            Files.write(data, List.of(new JsonObject().put("route", "coder").put("text", "Fix my loop.").encode(),
                    "", bad));

            Run run = eval("--config", TestConfigs.HOMELAB.toString(), "--data", data.toString());

            assertThat(run.exit()).as(bad).isNotZero();
            assertThat(run.err()).as(bad).contains("line 3").doesNotContain("Secret prompt", "Exception");
        }
    }

    @Test
    void shouldNameTheLineThatIsNotUtf8() throws Exception {
        Path data = dir.resolve("latin1.jsonl");
        byte[] good = (new JsonObject().put("route", "coder").put("text", "Fix my loop.").encode() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "{\"route\":\"coder\",\"text\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        try (OutputStream out = Files.newOutputStream(data)) {
            for (int i = 0; i < 500; i++) {
                out.write(good);
            }
            out.write(latin1);
        }

        Run run = eval("--config", TestConfigs.HOMELAB.toString(), "--data", data.toString());

        assertThat(run.exit()).isEqualTo(Main.EXIT_INVALID);
        assertThat(run.err()).contains(data + " line 501: not UTF-8 text");
    }

    @Test
    void shouldPrintItsUsageForHelp() {
        Run run = eval("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("switchboard eval [--config FILE] --data FILE", "[--json FILE|-]");
    }

    @Test
    void shouldRefuseBadOptions() throws Exception {
        assertThat(eval("--config", TestConfigs.HOMELAB.toString()).exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(eval("--data", fixture().toString(), "--learn", "1.5").exit()).isEqualTo(Main.EXIT_USAGE);
        Run unknownModel = eval("--config", TestConfigs.HOMELAB.toString(), "--data", fixture().toString(),
                "--labels", "coder=gpt-5");
        assertThat(unknownModel.exit()).isEqualTo(Main.EXIT_INVALID);
        assertThat(unknownModel.err()).contains("gpt-5");
        Run badSeed = eval("--data", fixture().toString(), "--seed", "1,x");
        assertThat(badSeed.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(badSeed.err()).startsWith("--seed expects whole numbers, got 'x'");
        Run noValue = eval("--data", fixture().toString(), "--json");
        assertThat(noValue.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(noValue.err()).startsWith("--json needs a value");
    }
}
