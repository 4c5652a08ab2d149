package org.tumen.scenario;

/**
 * A number a rule set needs from the scenario: its dotted name, its unit, and what it means. A spec has
 * no default value on purpose: every number comes from the scenario file, with its source or a prior.
 */
public record ParameterSpec(String name, Unit unit, String meaning) {}
