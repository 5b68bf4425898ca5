package dev.switchboard.embedder;

/** Vector arithmetic for assertions. */
final class Vectors {

    private Vectors() {
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static double norm(float[] a) {
        double sum = 0;
        for (float v : a) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
