package dev.switchboard.contracts.config;

import java.util.List;

/**
 * One entry of {@code routing.signals.role_bindings[]}: the caller, as a gateway authenticated it
 * ({@code x-authz-user-id}, {@code x-authz-user-groups}), is one of the subjects. Conditions of type {@code authz}
 * name the rule or its role.
 *
 * @param name        rule name
 * @param description free text; nullable
 * @param role        the role the subjects have; conditions may name it instead of the rule
 * @param subjects    users and groups that have the role
 */
public record RoleBindingSignal(String name, String description, String role, List<Subject> subjects) {

    public static final String USER = "User";
    public static final String GROUP = "Group";

    /** A user or a group, by name. */
    public record Subject(String kind, String name) {
    }

    public RoleBindingSignal {
        subjects = Lists.immutable(subjects);
    }
}
