package org.tumen.scenario;

import java.util.Set;

/** A CSV table a rule set reads from the scenario folder: its key under {@code tables:} and its columns. */
public record TableSpec(String key, Set<String> required, Set<String> optional, String meaning) {}
