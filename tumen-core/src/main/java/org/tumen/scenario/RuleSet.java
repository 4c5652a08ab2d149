package org.tumen.scenario;

import java.util.List;
import java.util.Set;
import org.tumen.engine.Model;

/**
 * The rules of a model, as the scenario format sees them: which numbers and tables they need (the
 * schema the loader checks against), and how to build a runnable {@link Model} from a checked scenario.
 */
public interface RuleSet {
  String name();

  List<ParameterSpec> parameters();

  Set<String> placeKinds();

  /** Tables beyond places, routes and timeline. */
  List<TableSpec> tables();

  /** Checks that need the whole scenario (e.g. a population row naming a place of the wrong kind). */
  void check(Scenario scenario, Problems problems);

  /** Builds a model ready to run; the scenario has passed {@link #check}. */
  Model build(Scenario scenario, ParameterSet parameters, long seed);
}
