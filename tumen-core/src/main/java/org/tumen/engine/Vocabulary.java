package org.tumen.engine;

import java.util.List;

/**
 * Names for a rule set's codes, so that outputs can say "hiding" instead of 3.
 *
 * @param states the states a person can be in; codes are list indices
 * @param causes why a transition happened
 * @param places place names; codes are list indices
 */
public record Vocabulary(List<String> states, List<String> causes, List<String> places) {
  public Vocabulary {
    states = List.copyOf(states);
    causes = List.copyOf(causes);
    places = List.copyOf(places);
  }

  public String state(int code) {
    return code >= 0 && code < states.size() ? states.get(code) : "";
  }

  public String cause(int code) {
    return code >= 0 && code < causes.size() ? causes.get(code) : "";
  }

  public String place(int code) {
    return code >= 0 && code < places.size() ? places.get(code) : "";
  }
}
