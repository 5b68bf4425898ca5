package dev.switchboard.contracts.config;

import java.util.List;

/**
 * A node of a decision's rule tree: either an operator over child nodes or a leaf condition naming one signal rule.
 *
 * <pre>
 * rules: {}                                        # matches every request
 * rules: {operator: AND, conditions: [...]}        # every child matches (an empty AND matches everything)
 * rules: {operator: OR, conditions: [...]}         # some child matches
 * rules: {operator: NOT, conditions: [one child]}  # the child does not match
 * {type: keyword, name: code_keywords}             # a leaf: the named rule of that signal family matched
 * </pre>
 *
 * @param operator   {@code AND}, {@code OR} or {@code NOT}; null for a leaf or an empty tree
 * @param conditions children of an operator node
 * @param type       signal family of a leaf: {@code keyword}, {@code embedding}, {@code context},
 *                   {@code language}, or {@code model_card} (the named card is the closest to the prompt); null for
 *                   an operator node
 * @param name       rule name of a leaf
 */
public record RuleNode(String operator, List<RuleNode> conditions, String type, String name) {

    /** The empty tree, which matches every request. */
    public static final RuleNode MATCH_ALL = new RuleNode(null, null, null, null);

    public RuleNode {
        conditions = Lists.immutable(conditions);
    }

    /** True for a leaf condition. */
    public boolean isLeaf() {
        return type != null || name != null;
    }

    /** True for {@code {}}: no operator and no leaf. */
    public boolean isEmpty() {
        return operator == null && !isLeaf() && conditions.isEmpty();
    }
}
