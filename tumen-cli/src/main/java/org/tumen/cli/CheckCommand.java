package org.tumen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true, description = "Check a scenario folder without running it: one line per problem, exit code 2 if any.")
final class CheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario folder (with scenario.yaml)")
  Path scenario;

  @Override
  public Integer call() {
    Scenario s = Tumen.load(scenario);
    System.out.printf("%s: ok (%s rules, %d places, %d routes, %d parameters of which %d calibrated, %d timeline events)%n",
        scenario, s.rules().name(), s.places().size(), s.places().edgeCount(), s.parameters().all().size(),
        s.parameters().calibrated().size(), s.timeline().size());
    return 0;
  }
}
