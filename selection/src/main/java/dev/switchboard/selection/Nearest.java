package dev.switchboard.selection;

/**
 * The {@code k} most similar items offered so far, most similar first; of equal similarities the one offered first
 * ranks first. Kept in two small arrays: every routed request offers every anchor and exemplar (up to
 * {@code max_exemplars}), so neither a record per item nor a sort of them all. Not thread-safe: one per request.
 */
public final class Nearest {

    final double[] similarity;
    final int[] item;
    int size;

    public Nearest(int k) {
        similarity = new double[k];
        item = new int[k];
    }

    /** How many items it holds: {@code k}, or fewer while fewer were offered. */
    public int size() {
        return size;
    }

    /** The similarity of the {@code rank}-th nearest, 0 the nearest. */
    public double similarity(int rank) {
        return similarity[rank];
    }

    /** The id of the {@code rank}-th nearest. */
    public int item(int rank) {
        return item[rank];
    }

    public void offer(double sim, int id) {
        int k = similarity.length;
        if (size == k && sim <= similarity[k - 1]) {
            return;
        }
        int at = size == k ? k - 1 : size++;
        while (at > 0 && similarity[at - 1] < sim) {
            similarity[at] = similarity[at - 1];
            item[at] = item[at - 1];
            at--;
        }
        similarity[at] = sim;
        item[at] = id;
    }
}
