package org.tumen.engine;

import java.util.Arrays;

/**
 * A block of transition events in columns: day, agent, from-state, to-state, place, cause.
 *
 * <p>This is the engine's output contract (after MATSim's event stream): every change of a person's state
 * is one row, and every analysis (yearly tables, the ledger, the events file) is a handler that replays
 * the rows. Codes are the rule set's; {@link Vocabulary} names them. The person's sex travels with the
 * row (0 male, 1 female, -1 not modelled) because most breakdowns users ask for are by sex.
 */
public final class EventBuffer {
  private int size;
  private int[] day = new int[256];
  private int[] agent = new int[256];
  private short[] from = new short[256];
  private short[] to = new short[256];
  private short[] place = new short[256];
  private short[] cause = new short[256];
  private byte[] sex = new byte[256];
  private int[] count = new int[256];

  public void add(int day, int agent, int from, int to, int place, int cause, int sex) {
    add(day, agent, from, to, place, cause, sex, 1);
  }

  /**
   * One row standing for {@code count} people who made the same move together. Agents from home cohorts
   * are counted this way ({@code agent} is then -1 - cohort), so the stream stays small at any population.
   */
  public void add(int day, int agent, int from, int to, int place, int cause, int sex, int count) {
    if (size == this.day.length) grow();
    this.day[size] = day;
    this.agent[size] = agent;
    this.from[size] = (short) from;
    this.to[size] = (short) to;
    this.place[size] = (short) place;
    this.cause[size] = (short) cause;
    this.sex[size] = (byte) sex;
    this.count[size] = count;
    size++;
  }

  /** Appends all rows of another buffer, keeping their order. */
  public void addAll(EventBuffer other) {
    int n = other.size;
    while (size + n > day.length) grow();
    System.arraycopy(other.day, 0, day, size, n);
    System.arraycopy(other.agent, 0, agent, size, n);
    System.arraycopy(other.from, 0, from, size, n);
    System.arraycopy(other.to, 0, to, size, n);
    System.arraycopy(other.place, 0, place, size, n);
    System.arraycopy(other.cause, 0, cause, size, n);
    System.arraycopy(other.sex, 0, sex, size, n);
    System.arraycopy(other.count, 0, count, size, n);
    size += n;
  }

  private void grow() {
    int n = day.length * 2;
    day = Arrays.copyOf(day, n);
    agent = Arrays.copyOf(agent, n);
    from = Arrays.copyOf(from, n);
    to = Arrays.copyOf(to, n);
    place = Arrays.copyOf(place, n);
    cause = Arrays.copyOf(cause, n);
    sex = Arrays.copyOf(sex, n);
    count = Arrays.copyOf(count, n);
  }

  public void clear() {
    size = 0;
  }

  public int size() {
    return size;
  }

  public int day(int i) {
    return day[i];
  }

  public int agent(int i) {
    return agent[i];
  }

  public int from(int i) {
    return from[i];
  }

  public int to(int i) {
    return to[i];
  }

  public int place(int i) {
    return place[i];
  }

  public int cause(int i) {
    return cause[i];
  }

  /** 0 male, 1 female, -1 when the rule set does not model sex. */
  public int sex(int i) {
    return sex[i];
  }

  /** The agent column's backing array (the first {@link #size} entries), for loops that read ahead. */
  public int[] agents() {
    return agent;
  }

  public int count(int i) {
    return count[i];
  }
}
