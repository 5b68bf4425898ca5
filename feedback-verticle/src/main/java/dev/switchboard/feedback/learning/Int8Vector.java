package dev.switchboard.feedback.learning;

/**
 * A unit embedding stored in a quarter of its size: each component as a signed byte of one scale per vector
 * (symmetric scalar quantisation, as vector stores keep large collections). For the 384-dimension default model
 * a decision's vector takes 400 bytes instead of 1,552; the cosine of two vectors read back moves by about
 * 0.001, far below what tells one prompt from another.
 */
record Int8Vector(byte[] codes, float scale) {

    private static final float MAX_CODE = 127f;

    /** {@code vector} quantised; null for null. */
    static Int8Vector of(float[] vector) {
        if (vector == null) {
            return null;
        }
        float max = 0;
        for (float x : vector) {
            max = Math.max(max, Math.abs(x));
        }
        float scale = max == 0 ? 1 : max / MAX_CODE;
        byte[] codes = new byte[vector.length];
        for (int i = 0; i < vector.length; i++) {
            codes[i] = (byte) Math.round(vector[i] / scale);
        }
        return new Int8Vector(codes, scale);
    }

    /** The vector read back, scaled to unit length again (learners compare vectors by their dot product). */
    float[] toUnitFloats() {
        float[] vector = new float[codes.length];
        double squares = 0;
        for (int i = 0; i < codes.length; i++) {
            vector[i] = codes[i] * scale;
            squares += (double) vector[i] * vector[i];
        }
        if (squares > 0) {
            float inverse = (float) (1 / Math.sqrt(squares));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= inverse;
            }
        }
        return vector;
    }
}
