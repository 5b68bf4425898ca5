/**
 * The Switchboard configuration model: the vLLM Semantic Router v0.3 canonical format as immutable records.
 *
 * <p>A file is read once by {@link ConfigLoader}: YAML syntax, duplicate keys, unknown fields and wrong types are
 * rejected while binding, known-but-unsupported reference features become {@link ConfigWarning}s, and
 * {@link ConfigValidator} then checks the semantics (dangling references, ranges, exclusive choices). Every error
 * names its YAML path, e.g. {@code routing.decisions[0].modelRefs[2].model}.
 *
 * <p>Absent optional fields are normalised in the records' compact constructors, so that code reading a record never
 * sees {@code null} lists or missing defaults. Fields that have no default stay {@code null} and are documented as
 * nullable.
 */
package dev.switchboard.contracts.config;
