package org.tumen.scenario;

import java.util.List;

/**
 * A user mistake in the input (scenario, Flee folder, request): carries every problem found, so that the
 * user sees them all at once. The CLI prints one line per problem and exits with code 2; the web API
 * answers 400. Never used for the program's own bugs.
 */
public final class InvalidInputException extends RuntimeException {
  private final List<Problem> problems;

  public InvalidInputException(List<Problem> problems) {
    super(problems.isEmpty() ? "invalid input" : problems.get(0).toString(), null, false, false);
    if (problems.isEmpty()) throw new IllegalArgumentException("no problems given");
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(Problem problem) {
    this(List.of(problem));
  }

  public InvalidInputException(String file, int line, String key, String message) {
    this(new Problem(file, line, key, message));
  }

  public List<Problem> problems() {
    return problems;
  }
}
