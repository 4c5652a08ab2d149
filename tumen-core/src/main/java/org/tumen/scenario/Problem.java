package org.tumen.scenario;

/**
 * One thing wrong with a user's input, said so that the user can fix it: which file, which line (0 when
 * unknown), which key or column, and what was expected.
 */
public record Problem(String file, int line, String key, String message) {
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(file);
    if (line > 0) s.append(':').append(line);
    if (key != null && !key.isEmpty()) s.append(": ").append(key);
    return s.append(": ").append(message).toString();
  }
}
