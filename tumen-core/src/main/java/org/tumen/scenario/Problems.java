package org.tumen.scenario;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems found while reading input, so that all of them are reported at once. */
public final class Problems {
  private final List<Problem> list = new ArrayList<>();

  public void add(String file, int line, String key, String message) {
    list.add(new Problem(file, line, key, message));
  }

  public void addAll(List<Problem> problems) {
    list.addAll(problems);
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(list);
  }

  /** Throws {@link InvalidInputException} with everything found, if anything was. */
  public void throwIfAny() {
    if (!list.isEmpty()) throw new InvalidInputException(list);
  }
}
