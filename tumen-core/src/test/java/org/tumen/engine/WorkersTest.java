package org.tumen.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {
  @Test
  void everyTaskRunsExactlyOnceAtAnyThreadCount() {
    for (int threads = 1; threads <= 3; threads++) {
      try (Workers w = new Workers(threads)) {
        for (int count = 0; count <= 100; count++) {
          AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, count));
          w.forEach(count, runs::incrementAndGet);
          for (int i = 0; i < count; i++) assertThat(runs.get(i)).as("task %d of %d", i, count).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void aFailingTaskIsRethrownToTheCaller() {
    try (Workers w = new Workers(2)) {
      assertThatThrownBy(() -> w.forEach(10, i -> {
        if (i == 7) throw new IllegalArgumentException("task 7");
      })).isInstanceOf(IllegalArgumentException.class).hasMessage("task 7");
      AtomicInteger after = new AtomicInteger();
      w.forEach(10, i -> after.incrementAndGet()); // the team still works
      assertThat(after.get()).isEqualTo(10);
    }
  }

  @Test
  void idleWorkIsDoneByTeamThreadsOnlyAndStopsWithTheTeam() throws Exception {
    Set<String> by = ConcurrentHashMap.newKeySet();
    AtomicInteger pieces = new AtomicInteger();
    Workers w = new Workers(2, () -> {
      if (pieces.get() >= 1000) return false;
      by.add(Thread.currentThread().getName());
      pieces.incrementAndGet();
      return true;
    });
    try (w) {
      for (int i = 0; i < 200; i++) w.forEach(4, t -> { });
      long until = System.nanoTime() + 5_000_000_000L;
      while (pieces.get() < 1000 && System.nanoTime() < until) Thread.sleep(1);
    }
    assertThat(pieces.get()).isEqualTo(1000);
    assertThat(by).containsExactly("tumen-worker-1");
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("tumen-worker") && t.isAlive());
  }
}
