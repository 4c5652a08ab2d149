package org.tumen.cli;

import org.tumen.Tumen;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** bin/tumen: one command per thing a user wants to do. */
@Command(name = "tumen", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Agent-based simulation of North Korean refugees moving through China.",
    subcommands = {RunCommand.class, CheckCommand.class, ParamsCommand.class, BenchCommand.class,
        EnsembleCommand.class, CompareCommand.class, SweepCommand.class, RunsCommand.class,
        CalibrateCommand.class, ValidateCommand.class, ForecastCommand.class, AbcCommand.class, SbcCommand.class, BacktestCommand.class,
        ServeCommand.class, ReportCommand.class, FleeCommand.class, FleeSuiteCommand.class})
public final class Main implements Runnable {
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code: 0 done, 1 internal error, 2 a user mistake. */
  public static int execute(String... args) {
    CommandLine cl = HelpLayout.install(new CommandLine(new Main()));
    cl.setExecutionExceptionHandler(Errors::handle);
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("tumen: " + ex.getMessage());
      ex.getCommandLine().getErr().println("Try 'tumen " + ex.getCommandLine().getCommandName() + " --help'.");
      return 2;
    });
    return cl.execute(args);
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tumen " + Tumen.VERSION};
    }
  }
}
