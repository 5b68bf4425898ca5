package dev.switchboard.selection;

import java.util.List;

/** The prompt's cosine similarity to each candidate's model card. */
public final class CardSimilarity {

    private CardSimilarity() {
    }

    /**
     * One cosine per candidate, in order; a candidate without a card vector gets -1 (it can only win when no other
     * candidate has one).
     */
    public static double[] cosines(SelectionInput input) throws SelectionUnavailableException {
        List<Candidate> candidates = input.candidates();
        double[] cosines = new double[candidates.size()];
        boolean anyCard = false;
        for (int i = 0; i < candidates.size(); i++) {
            float[] card = candidates.get(i).cardVector();
            cosines[i] = card == null ? -1 : Vectors.dot(input.promptVector(), card);
            anyCard |= card != null;
        }
        if (!anyCard) {
            throw new SelectionUnavailableException("no candidate has an embedded model card");
        }
        return cosines;
    }
}
