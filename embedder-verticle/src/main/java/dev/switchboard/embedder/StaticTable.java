package dev.switchboard.embedder;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One weighted vector per vocabulary token, row-major, as {@link StaticDistiller} made them; on disk as a small
 * header and little-endian floats, written to a temporary file and moved into place so that a crash mid-write never
 * leaves a table that loads.
 */
final class StaticTable {

    private static final int MAGIC = 0x53425354; // "SBST"
    static final int FORMAT = 1;

    private final int vocabulary;
    private final int dimension;
    private final float[] rows;

    StaticTable(int vocabulary, int dimension, float[] rows) {
        if (rows.length != vocabulary * dimension) {
            throw new IllegalArgumentException(rows.length + " values for " + vocabulary + " x " + dimension);
        }
        this.vocabulary = vocabulary;
        this.dimension = dimension;
        this.rows = rows;
    }

    int vocabulary() {
        return vocabulary;
    }

    int dimension() {
        return dimension;
    }

    /** The unit vector of the sum of these tokens' rows; all zeros without a known token. */
    float[] meanOf(long[] ids) {
        float[] sum = new float[dimension];
        for (long id : ids) {
            if (id < 0 || id >= vocabulary) {
                continue;
            }
            int offset = (int) id * dimension;
            for (int d = 0; d < dimension; d++) {
                sum[d] += rows[offset + d];
            }
        }
        double norm = 0;
        for (float v : sum) {
            norm += v * v;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < dimension; d++) {
                sum[d] *= scale;
            }
        }
        return sum;
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial); DataOutputStream data = new DataOutputStream(out)) {
            data.writeInt(MAGIC);
            data.writeInt(FORMAT);
            data.writeInt(vocabulary);
            data.writeInt(dimension);
            ByteBuffer bytes = ByteBuffer.allocate(rows.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(rows);
            data.write(bytes.array());
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The table in {@code file}; an IOException when it is not one of ours or is cut short. */
    static StaticTable read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            if (data.readInt() != MAGIC || data.readInt() != FORMAT) {
                throw new IOException(file + " is not a static embedding table of format " + FORMAT);
            }
            int vocabulary = data.readInt();
            int dimension = data.readInt();
            if (vocabulary <= 0 || dimension <= 0 || (long) vocabulary * dimension > Integer.MAX_VALUE / Float.BYTES) {
                throw new IOException(file + ": implausible size " + vocabulary + " x " + dimension);
            }
            byte[] bytes = data.readNBytes(vocabulary * dimension * Float.BYTES);
            if (bytes.length != vocabulary * dimension * Float.BYTES) {
                throw new IOException(file + " is cut short");
            }
            float[] rows = new float[vocabulary * dimension];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(rows);
            return new StaticTable(vocabulary, dimension, rows);
        }
    }
}
