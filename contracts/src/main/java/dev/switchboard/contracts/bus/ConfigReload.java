package dev.switchboard.contracts.bus;

import java.util.List;

/**
 * Reply of {@link Addresses#CONFIG_RELOAD}: what reading the config file now came to.
 *
 * @param status   {@link #APPLIED}, {@link #UNCHANGED} (the same bytes as the running config, or as the last file
 *                 judged) or {@link #REJECTED}
 * @param revision the revision in force afterwards
 * @param problems why the file was rejected, each naming its path; empty otherwise
 */
public record ConfigReload(String status, String revision, List<String> problems) {

    public static final String APPLIED = "applied";
    public static final String UNCHANGED = "unchanged";
    public static final String REJECTED = "rejected";

    public ConfigReload {
        problems = List.copyOf(problems);
    }
}
