package org.tumen.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Temporary top command for testing the Flee commands on the flee branch; the lead's Main replaces it. */
@Command(name = "tumen", mixinStandardHelpOptions = true, subcommands = {FleeCommand.class, FleeSuiteCommand.class})
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
