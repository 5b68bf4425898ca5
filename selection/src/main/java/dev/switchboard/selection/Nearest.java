package dev.switchboard.selection;


/**
 * The {@code k} most similar items offered so far, most similar first; of equal similarities the one offered first
 * ranks first. Kept in two small arrays: every routed request offers every anchor and exemplar (up to
 * {@code max_exemplars}), so neither a record per item nor a sort of them all. Not thread-safe: one per request.
 */
final class Nearest {

    final double[] similarity;
    final int[] item;
    int size;

    Nearest(int k) {
        similarity = new double[k];
        item = new int[k];
    }

    void offer(double sim, int id) {
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
