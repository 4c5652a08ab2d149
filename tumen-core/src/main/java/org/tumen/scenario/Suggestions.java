package org.tumen.scenario;

import java.util.Collection;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean ...?" for a misspelt key, column or parameter name. */
public final class Suggestions {
  private Suggestions() {}

  /** " (did you mean 'x'?)" for the closest option within {@code maxEdits} edits, or "" when none is that close. */
  public static String didYouMean(String name, Collection<String> options, int maxEdits) {
    LevenshteinDistance distance = new LevenshteinDistance(maxEdits);
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String o : options) {
      int d = distance.apply(name, o); // -1 when more than maxEdits apart
      if (d >= 0 && d < bestD) {
        bestD = d;
        best = o;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }
}
