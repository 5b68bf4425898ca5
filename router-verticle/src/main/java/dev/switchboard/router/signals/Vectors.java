package dev.switchboard.router.signals;

/** Arithmetic on the embedder's vectors, which are L2-normalised: a dot product is their cosine. */
public final class Vectors {

    private Vectors() {
    }

    /** Dot product over the shorter length (vectors of one model have one length). */
    public static double dot(float[] a, float[] b) {
        int n = Math.min(a.length, b.length);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
