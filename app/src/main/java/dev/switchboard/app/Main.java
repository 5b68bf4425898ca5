package dev.switchboard.app;

import dev.switchboard.contracts.config.ConfigException;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.DurationParser;
import dev.switchboard.app.eval.DomainEvalCommand;
import dev.switchboard.app.eval.EvalCommand;
import dev.switchboard.app.eval.OutcomeReplay;
import dev.switchboard.app.eval.SimulatedUser;
import dev.switchboard.contracts.config.ConfigWarning;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.ModelPrices;
import dev.switchboard.contracts.config.ReferenceReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line: {@code switchboard [serve] [--config FILE]} runs the router, {@code switchboard validate FILE} checks
 * a config file, {@code switchboard analytics} reports on the event topics. Exit codes: 0 success, 1 invalid config or failed start, 2 wrong usage.
 */
public final class Main {

    static final String DEFAULT_CONFIG = "conf/config.yaml";
    static final int EXIT_OK = 0;
    static final int EXIT_INVALID = 1;
    static final int EXIT_USAGE = 2;
    static final String REFERENCE_REPORT = "--reference-report";

    private static final String USAGE = """
            usage: switchboard [serve] [--config FILE]   run the router (default config: conf/config.yaml)
                   switchboard validate [--reference-report] FILE
                                                         check a config file and exit; with --reference-report,
                                                         list each feature as honoured, approximated or ignored
                   switchboard analytics [--config FILE] [--since DURATION] [--json]
                                                         per-model traffic, cost, latency and feedback from Kafka
                   switchboard eval [--config FILE] --data FILE [--labels label=model,...]
                                    [--learn F[,F...]] [--seed N[,N...]] [--feedback binary|verdict|corrective]
                                    [--algorithms all|A[,A...]] [--outcomes model=ms,...] [--outcomes-per-model N]
                                    [--json FILE|-] [--keyword-baseline FILE]
                                                         routing accuracy on labelled prompts (JSON lines with
                                                         "text" and "route"): baselines, learning curves, every
                                                         algorithm; tables on stdout, the JSON report only with
                                                         --json (to FILE, or to stdout for '-', the tables then
                                                         going to stderr)
                   switchboard eval-domains [--config FILE] --data FILE [--learn]
                                                         accuracy of the domain signal on prompts labelled with
                                                         their subject (a JSON array of {"category", "question"} or
                                                         JSON lines of {"text", "label"}); with --learn, also on
                                                         the odd items before and after domain feedback on the
                                                         even ones
            """;

    static {
        // DJL tokenizers call home (EC2 metadata, S3) unless told not to; these must be set before the first
        // tokenizer is created, so they are set before anything else runs.
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
    }

    private Main() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit != EXIT_OK) {
            Logging.flushAndStop();
            System.exit(exit);
        }
    }

    /** Runs a command; {@code serve} returns only if start-up fails (the server then runs until SIGTERM). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() || rest.get(0).startsWith("-") ? "serve" : rest.remove(0);
        switch (command) {
            case "validate":
                boolean report = rest.remove(REFERENCE_REPORT);
                if (rest.size() != 1) {
                    err.print(USAGE);
                    return EXIT_USAGE;
                }
                return validate(Path.of(rest.get(0)), report, out, err);
            case "serve":
                Path config = Path.of(DEFAULT_CONFIG);
                if (rest.size() == 2 && "--config".equals(rest.get(0))) {
                    config = Path.of(rest.get(1));
                } else if (!rest.isEmpty()) {
                    err.print(USAGE);
                    return EXIT_USAGE;
                }
                return serve(config);
            case "analytics":
                return analytics(rest, out, err);
            case "eval":
                return eval(rest, out, err);
            case "eval-domains":
                return evalDomains(rest, out, err);
            case "help":
            case "--help":
                out.print(USAGE);
                return EXIT_OK;
            default:
                err.print("unknown command '" + command + "'\n" + USAGE);
                return EXIT_USAGE;
        }
    }

    private static int analytics(List<String> args, PrintStream out, PrintStream err) {
        Path config = Path.of(DEFAULT_CONFIG);
        Duration since = null;
        boolean json = false;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--config" -> config = Path.of(args.get(++i));
                    case "--since" -> since = DurationParser.parse(args.get(++i));
                    case "--json" -> json = true;
                    default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'");
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            err.print((e instanceof IndexOutOfBoundsException ? "an option needs a value" : e.getMessage()) + "\n"
                    + USAGE);
            return EXIT_USAGE;
        }
        try {
            return AnalyticsCommand.run(ConfigLoader.load(config).config().global().kafka(), since, json, out, err);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return EXIT_INVALID;
        } catch (Exception e) {
            err.println("analytics failed: " + e);
            return EXIT_INVALID;
        }
    }

    private static int eval(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return EXIT_OK;
        }
        EvalCommand.Options options;
        try {
            options = evalOptions(args);
        } catch (IllegalArgumentException e) {
            err.print(e.getMessage() + "\n" + USAGE);
            return EXIT_USAGE;
        }
        EvalCommand.Options parsed = options;
        return quietly("eval", () -> EvalCommand.run(parsed, out, err), err);
    }

    /** What an evaluation command runs: its exit code, or an exception whose message is the error. */
    private interface EvalRun {
        int run() throws Exception;
    }

    /**
     * Runs an evaluation with the log at {@code warn}: one routing_decision line per item would bury the report. The
     * level is put back afterwards; a config error prints its problems, any other failure its message.
     */
    private static int quietly(String command, EvalRun evaluation, PrintStream err) {
        String level = Logging.currentLevel();
        Logging.applyLevel("warn");
        try {
            return evaluation.run();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return EXIT_INVALID;
        } catch (Exception e) {
            err.println(command + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return EXIT_INVALID;
        } finally {
            Logging.applyLevel(level);
        }
    }

    private static int evalDomains(List<String> args, PrintStream out, PrintStream err) {
        Path config = Path.of(DEFAULT_CONFIG);
        Path data = null;
        boolean learn = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--learn")) {
                learn = true;
                continue;
            }
            if (i + 1 >= args.size() || !List.of("--config", "--data").contains(option)) {
                err.print("eval-domains: unknown option or missing value '" + option + "'\n" + USAGE);
                return EXIT_USAGE;
            }
            if (option.equals("--config")) {
                config = Path.of(args.get(++i));
            } else {
                data = Path.of(args.get(++i));
            }
        }
        if (data == null) {
            err.print("eval-domains: --data FILE is required\n" + USAGE);
            return EXIT_USAGE;
        }
        Path configFile = config;
        Path dataFile = data;
        boolean learning = learn;
        return quietly("eval-domains", () -> DomainEvalCommand.run(configFile, dataFile, learning, out), err);
    }

    /** The options of {@code eval}; a wrong one is an {@link IllegalArgumentException} that says which and why. */
    private static EvalCommand.Options evalOptions(List<String> args) {
        Path config = Path.of(DEFAULT_CONFIG);
        Path data = null;
        String labels = EvalCommand.DEFAULT_LABELS;
        List<Double> learn = List.of();
        List<Long> seeds = List.of(42L);
        SimulatedUser feedback = SimulatedUser.VERDICT;
        List<String> algorithms = List.of();
        Map<String, Double> outcomes = Map.of();
        int outcomesPerModel = 100;
        Path json = null;
        Path keywords = EvalCommand.DEFAULT_KEYWORD_BASELINE;
        try {
            for (int i = 0; i < args.size(); i++) {
                String option = args.get(i);
                switch (option) {
                    case "--config" -> config = Path.of(args.get(++i));
                    case "--data" -> data = Path.of(args.get(++i));
                    case "--labels" -> labels = args.get(++i);
                    case "--learn" -> learn = fractions(args.get(++i));
                    case "--seed", "--seeds" -> seeds = List.of(args.get(++i).split(",")).stream()
                            .map(seed -> integer(option, seed)).toList();
                    case "--feedback" -> feedback = SimulatedUser.named(args.get(++i));
                    case "--algorithms" -> algorithms = EvalCommand.algorithms(args.get(++i));
                    case "--outcomes" -> outcomes = OutcomeReplay.parse(args.get(++i));
                    case "--outcomes-per-model" -> outcomesPerModel = count(option, args.get(++i));
                    case "--json" -> json = Path.of(args.get(++i));
                    case "--keyword-baseline" -> keywords = Path.of(args.get(++i));
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
        } catch (IndexOutOfBoundsException e) {
            // Only args.get(++i) throws it: the last argument is an option without its value.
            throw new IllegalArgumentException(args.get(args.size() - 1) + " needs a value");
        }
        if (data == null) {
            throw new IllegalArgumentException("--data FILE is required");
        }
        return new EvalCommand.Options(config, data, EvalCommand.labels(labels), learn, seeds, feedback, algorithms,
                outcomes, outcomesPerModel, json, keywords);
    }

    private static long integer(String option, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects whole numbers, got '" + text + "'");
        }
    }

    private static int count(String option, String text) {
        long count = integer(option, text);
        if (count < 1 || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " expects a whole number from 1, got '" + text + "'");
        }
        return (int) count;
    }

    /** {@code --learn}: fractions from 0 (included) to 1 (excluded), one or a list. */
    private static List<Double> fractions(String text) {
        List<Double> fractions = new ArrayList<>();
        for (String part : text.split(",")) {
            double fraction;
            try {
                fraction = Double.parseDouble(part.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--learn expects fractions from 0 to below 1, got '" + part + "'");
            }
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("--learn expects fractions from 0 to below 1, got " + part);
            }
            fractions.add(fraction);
        }
        if (fractions.size() == 1 && fractions.get(0) == 0) {
            throw new IllegalArgumentException("--learn 0 learns nothing; leave it out, or give a list (0,0.25)");
        }
        return List.copyOf(fractions);
    }

    static int validate(Path file, PrintStream out, PrintStream err) {
        return validate(file, false, out, err);
    }

    /** With {@code report}, also lists what Switchboard does with each feature of the file ({@link ReferenceReport}). */
    static int validate(Path file, boolean report, PrintStream out, PrintStream err) {
        try {
            LoadedConfig loaded = ConfigLoader.load(file);
            for (ConfigWarning warning : loaded.warnings()) {
                out.println("warning: " + warning);
            }
            out.printf("%s: valid (%s, %d models, %d decisions, revision %s)%n", file, loaded.config().version(),
                    loaded.config().providers().models().size(), loaded.config().routing().decisions().size(),
                    loaded.revision());
            // Which price each model counts at, and from where: the shipped table's prices are dated list prices.
            for (String line : ModelPrices.describe(loaded.config().providers())) {
                out.println("price " + line);
            }
            if (report) {
                out.printf("%nfeatures of %s:%n%-13s %-44s %4s  %s%n", file, "status", "feature", "uses", "how");
                ReferenceReport.of(loaded).forEach(out::println);
            }
            return EXIT_OK;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return EXIT_INVALID;
        }
    }

    private static int serve(Path configFile) {
        Logger logger = LoggerFactory.getLogger(Main.class);
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            logger.atError().setMessage("config_invalid").addKeyValue(LogKeys.CONFIG_FILE, configFile)
                    .addKeyValue(LogKeys.ERROR, String.join("; ", e.problems().stream().map(Object::toString).toList()))
                    .log();
            return EXIT_INVALID;
        }
        Logging.applyLevel(loaded.config().global().logging().level());
        loaded.warnings().forEach(Switchboard::logUnsupported);
        Switchboard switchboard;
        try {
            switchboard = Switchboard.start(configFile, loaded).await(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            logger.atError().setMessage("startup_failed").setCause(e).log();
            return EXIT_INVALID;
        }
        long drainMillis = loaded.config().global().services().drainTimeout().toMillis();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitStop(switchboard, drainMillis), "switchboard-shutdown"));
        return EXIT_OK;
    }

    private static void awaitStop(Switchboard switchboard, long drainMillis) {
        try {
            switchboard.stop().await(drainMillis + 10_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LoggerFactory.getLogger(Main.class).atWarn().setMessage("shutdown_incomplete").setCause(e).log();
        } finally {
            Logging.flushAndStop();
        }
    }
}
