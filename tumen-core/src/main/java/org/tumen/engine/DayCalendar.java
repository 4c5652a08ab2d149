package org.tumen.engine;

import java.util.Arrays;

/**
 * Who has something happening on which day: one bucket of agent ids per day.
 *
 * <p>This is what makes an event-driven rule set cheap. A person hiding for three years costs one draw
 * and one bucket entry, not a thousand daily tests. Rescheduling is lazy: the rule set keeps each agent's
 * due day and ignores bucket entries that no longer match it.
 */
public final class DayCalendar {
  private final int[][] buckets;
  private final int[] sizes;

  public DayCalendar(int days) {
    buckets = new int[days][];
    sizes = new int[days];
  }

  public int days() {
    return buckets.length;
  }

  /** Puts the agent in the day's bucket; days past the end are dropped (nothing happens after the run). */
  public void schedule(int agent, int day) {
    if (day >= buckets.length) return;
    int[] b = buckets[day];
    int n = sizes[day];
    if (b == null) {
      b = buckets[day] = poolSize > 0 ? pool[--poolSize] : new int[64];
    } else if (n == b.length) {
      b = buckets[day] = Arrays.copyOf(b, n * 2);
    }
    b[n] = agent;
    sizes[day] = n + 1;
  }

  public int size(int day) {
    return sizes[day];
  }

  /** The bucket's backing array; only the first {@link #size} entries are meaningful. */
  public int[] bucket(int day) {
    int[] b = buckets[day];
    return b == null ? new int[0] : b;
  }

  /** Frees a day's bucket once it has been processed; its array is kept for a later day's bucket. */
  public void release(int day) {
    int[] b = buckets[day];
    if (b != null && poolSize < pool.length && b.length <= MAX_POOLED) pool[poolSize++] = b;
    buckets[day] = null;
    sizes[day] = 0;
  }

  // Released bucket arrays, reused so that buckets rarely grow by copying (a measurable cost otherwise).
  private static final int MAX_POOLED = 1 << 16;
  private final int[][] pool = new int[256][];
  private int poolSize;
}
