package org.tumen.cli;

import org.tumen.engine.Engine;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Problem;
import picocli.CommandLine;

/** Turns exceptions into what a user should see: one line per problem for mistakes, a short note for bugs. */
final class Errors {
  private Errors() {}

  static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    var err = cl.getErr();
    if (e instanceof InvalidInputException bad) {
      for (Problem p : bad.problems()) err.println(p);
      err.println(bad.problems().size() == 1 ? "1 problem found." : bad.problems().size() + " problems found.");
      return 2;
    }
    if (e instanceof Engine.Cancelled) {
      err.println("tumen: cancelled");
      return 130;
    }
    if (e instanceof org.tumen.store.StoreException) { // busy, or nothing recorded yet: not a bug
      err.println("tumen: " + e.getMessage());
      return 1;
    }
    if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
      err.println("tumen: " + e.getMessage());
      return 1;
    }
    err.println("tumen: internal error (a bug; please report it with the command you ran): " + e);
    for (StackTraceElement s : e.getStackTrace()) {
      if (s.getClassName().startsWith("org.tumen")) {
        err.println("  at " + s);
        break;
      }
    }
    return 1;
  }
}
