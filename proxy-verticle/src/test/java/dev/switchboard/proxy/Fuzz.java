package dev.switchboard.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A small property-based fuzzer for JUnit tests: a property is checked on generated inputs, each on a worker thread
 * with a time limit (an input that takes longer is a hang and fails the property), until a number of tries or a time
 * budget is spent, whichever comes first. A failing input is shrunk (the property's candidates that still fail,
 * smallest first) and reported with the seed and the try that found it, so that {@code -Dfuzz.seed=SEED} replays the
 * run exactly.
 *
 * <p>System properties: {@code fuzz.seed} (default: a fresh one, printed), {@code fuzz.tries} (overrides every
 * property's own count), {@code fuzz.seconds} (the budget of each property, default 8).
 */
public final class Fuzz<T> {

    /** The longest one input may take before it counts as a hang; generous for a loaded CI machine. */
    static final Duration PER_INPUT = Duration.ofSeconds(5);
    private static final int MAX_SHRINK_STEPS = 500;

    /** A check of one input; anything it throws fails the property. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T input) throws Exception;
    }

    private final String name;
    private final Function<Random, T> generator;
    private Function<T, String> show = String::valueOf;
    private Function<T, List<T>> shrink = input -> List.of();
    private int tries = 1000;

    private Fuzz(String name, Function<Random, T> generator) {
        this.name = name;
        this.generator = generator;
    }

    /** A property over the inputs {@code generator} draws. */
    public static <T> Fuzz<T> property(String name, Function<Random, T> generator) {
        return new Fuzz<>(name, generator);
    }

    public Fuzz<T> tries(int count) {
        this.tries = count;
        return this;
    }

    /** How a failing input is written in the report. */
    public Fuzz<T> show(Function<T, String> writer) {
        this.show = writer;
        return this;
    }

    /** Smaller inputs to try after a failure, most promising first. */
    public Fuzz<T> shrink(Function<T, List<T>> candidates) {
        this.shrink = candidates;
        return this;
    }

    /** Checks the property; returns how many inputs were checked. */
    public int check(Check<T> property) {
        long seed = Long.getLong("fuzz.seed", new Random().nextLong());
        int count = Integer.getInteger("fuzz.tries", tries);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("fuzz.seconds", 8));
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "fuzz-" + name);
            thread.setDaemon(true);
            return thread;
        });
        try {
            Random random = new Random(seed);
            int done = 0;
            for (; done < count && System.nanoTime() < deadline; done++) {
                T input = generator.apply(random);
                Throwable failure = run(worker, property, input);
                if (failure != null) {
                    Shrunk<T> smallest = shrink(worker, property, input, failure);
                    AssertionError error = new AssertionError("fuzz property '" + name + "' failed on try " + done
                            + " (replay with -Dfuzz.seed=" + seed + ") for " + describe(smallest.input()) + ": "
                            + smallest.failure(), smallest.failure());
                    throw error;
                }
            }
            System.out.printf("fuzz property '%s': %d inputs, seed %d%n", name, done, seed);
            return done;
        } finally {
            worker.shutdownNow();
        }
    }

    private record Shrunk<T>(T input, Throwable failure) {
    }

    private Shrunk<T> shrink(ExecutorService worker, Check<T> property, T input, Throwable failure) {
        T smallest = input;
        Throwable why = failure;
        if (failure instanceof TimeoutException) {
            // A hang is not shrunk: each candidate could take the whole limit.
            return new Shrunk<>(smallest, why);
        }
        int steps = 0;
        boolean smaller = true;
        while (smaller && steps < MAX_SHRINK_STEPS) {
            smaller = false;
            List<T> candidates = new ArrayList<>(shrink.apply(smallest));
            for (T candidate : candidates) {
                if (++steps >= MAX_SHRINK_STEPS) {
                    break;
                }
                Throwable still = run(worker, property, candidate);
                if (still != null && !(still instanceof TimeoutException)) {
                    smallest = candidate;
                    why = still;
                    smaller = true;
                    break;
                }
            }
        }
        return new Shrunk<>(smallest, why);
    }

    private Throwable run(ExecutorService worker, Check<T> property, T input) {
        Future<?> running = worker.submit(() -> {
            property.accept(input);
            return null;
        });
        try {
            running.get(PER_INPUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            running.cancel(true);
            return new TimeoutException("no outcome within " + PER_INPUT.toMillis() + " ms: a hang");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private String describe(T input) {
        String text = show.apply(input);
        return text.length() > 2000 ? text.substring(0, 2000) + "... (" + text.length() + " characters)" : text;
    }

    // Generators and shrinkers shared by the properties.

    /** Bytes shown as Java escapes: printable ASCII as is, anything else as \\xNN. */
    public static String escape(byte[] bytes) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.append("\" (").append(bytes.length).append(" bytes)").toString();
    }

    /** Smaller byte arrays: halves, then each eighth removed, then single bytes removed near the start. */
    public static List<byte[]> shrinkBytes(byte[] bytes) {
        List<byte[]> candidates = new ArrayList<>();
        int n = bytes.length;
        if (n == 0) {
            return candidates;
        }
        candidates.add(java.util.Arrays.copyOfRange(bytes, 0, n / 2));
        candidates.add(java.util.Arrays.copyOfRange(bytes, n / 2, n));
        for (int parts = 8; parts <= n && parts <= 64; parts *= 2) {
            int size = n / parts;
            for (int at = 0; at + size <= n; at += size) {
                candidates.add(without(bytes, at, size));
            }
        }
        for (int at = 0; at < n && at < 64; at++) {
            candidates.add(without(bytes, at, 1));
        }
        return candidates;
    }

    private static byte[] without(byte[] bytes, int at, int length) {
        byte[] shorter = new byte[bytes.length - length];
        System.arraycopy(bytes, 0, shorter, 0, at);
        System.arraycopy(bytes, at + length, shorter, at, bytes.length - at - length);
        return shorter;
    }

    /** Smaller lists: each element removed in turn. */
    public static <E> List<List<E>> shrinkList(List<E> list) {
        List<List<E>> candidates = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            List<E> shorter = new ArrayList<>(list);
            shorter.remove(i);
            candidates.add(shorter);
        }
        return candidates;
    }
}
