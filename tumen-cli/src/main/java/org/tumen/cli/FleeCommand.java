package org.tumen.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tumen.flee.FleeImporter;
import org.tumen.flee.FleeRun;
import org.tumen.flee.FleeScenario;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tumen flee FOLDER}: runs a Flee input folder with Flee 3's rules and writes Flee's out.csv. */
@Command(name = "flee", mixinStandardHelpOptions = true,
    description = "Run a Flee input folder (input_csv/, source_data/, simsetting.yml) and write Flee's out.csv.")
public final class FleeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FOLDER", description = "Flee folder holding input_csv/ and source_data/")
  Path folder;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--threads", description = "worker threads (default: available processors)")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder for out.csv (default: flee-out/<folder name>)")
  Path out;

  @Option(names = "--settings", paramLabel = "FILE",
      description = "simsetting.yml (default: FOLDER/simsetting.yml, else FOLDER/../simsetting.yml)")
  Path settings;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter outWriter = spec.commandLine().getOut();
    try {
      FleeScenario scenario = FleeImporter.read(folder, settings);
      int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      FleeRun run = FleeRun.run(scenario, seed, n);
      Path dir = out != null ? out : Path.of("flee-out", scenario.name());
      Files.createDirectories(dir);
      Path csv = dir.resolve("out.csv");
      run.output().write(csv);
      outWriter.printf(java.util.Locale.ROOT, "%s: %d days, %d agents, %d agent-steps in %.2f s (%.3g agent-steps/s), seed %d, %d threads%n",
          scenario.name(), scenario.days(), run.model().agents(), run.agentSteps(), run.seconds(),
          run.agentStepsPerSecond(), seed, n);
      outWriter.printf(java.util.Locale.ROOT, "ARD %.4f, ARD rescaled %.4f; wrote %s%n", run.ard().plain(), run.ard().rescaled(), csv);
      outWriter.flush();
      return 0;
    } catch (InvalidInputException e) {
      return report(err, e);
    }
  }

  /** One line per problem, no stack trace; exit code 2 (a user mistake, not a crash). */
  static int report(PrintWriter err, InvalidInputException e) {
    for (Problem p : e.problems()) err.println("error: " + p);
    err.flush();
    return 2;
  }
}
