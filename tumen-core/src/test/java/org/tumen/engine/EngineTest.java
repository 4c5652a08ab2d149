package org.tumen.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine's contract with handlers, on a toy model whose days are split over the team. */
class EngineTest {
  /** Each day: 0-40 events from chunks of 8 "agents", run on the team and merged in chunk order. */
  static final class ToyModel implements Model {
    final SimCalendar calendar = new SimCalendar(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 12, 31));
    final Vocabulary vocabulary = new Vocabulary(List.of("a", "b"), List.of("moved"), List.of("p"));

    @Override
    public SimCalendar calendar() {
      return calendar;
    }

    @Override
    public Vocabulary vocabulary() {
      return vocabulary;
    }

    @Override
    public void step(int day, Workers workers, EventBuffer events) {
      int people = new RandomStream(1, 1, day, 0).nextInt(41);
      int chunks = (people + 7) / 8;
      EventBuffer[] parts = new EventBuffer[chunks];
      workers.forEach(chunks, c -> {
        parts[c] = new EventBuffer();
        for (int a = c * 8; a < Math.min(people, c * 8 + 8); a++) parts[c].add(day, a, 0, 1, 0, 0, a % 2);
      });
      for (EventBuffer p : parts) events.addAll(p);
    }

    @Override
    public long[] census() {
      return new long[] {0, 0};
    }

    @Override
    public long agentDays() {
      return 0;
    }
  }

  /** Records what it is shown, and checks it is called one day at a time, in order. */
  static class Recorder implements EventHandler {
    final List<String> seen = new ArrayList<>();
    final AtomicInteger inside = new AtomicInteger();
    volatile int lastDay = -1;
    boolean finished;

    @Override
    public boolean readsEventsOnly() {
      return true;
    }

    @Override
    public void handleDay(int day, EventBuffer events) {
      assertThat(inside.incrementAndGet()).as("handlers called concurrently").isEqualTo(1);
      assertThat(day).isEqualTo(lastDay + 1);
      StringBuilder b = new StringBuilder().append(day).append(':');
      for (int i = 0; i < events.size(); i++) b.append(events.agent(i)).append(',');
      seen.add(b.toString());
      lastDay = day;
      inside.decrementAndGet();
    }

    @Override
    public void finish(int lastDay) {
      finished = true;
    }
  }

  @Test
  void handlersSeeEveryDayOnceInOrderWithTheSameEventsAtAnyThreadCount() {
    List<List<String>> runs = new ArrayList<>();
    for (int threads = 1; threads <= 3; threads++) {
      Recorder r = new Recorder();
      Engine.run(new ToyModel(), threads, List.of(r));
      assertThat(r.seen).hasSize(366);
      assertThat(r.finished).isTrue();
      runs.add(r.seen);
    }
    assertThat(runs.get(1)).isEqualTo(runs.get(0));
    assertThat(runs.get(2)).isEqualTo(runs.get(0));
  }

  @Test
  void aHandlerThatFailsStopsTheRunAndNoTeamThreadOutlivesIt() {
    EventHandler failing = new Recorder() {
      @Override
      public void handleDay(int day, EventBuffer events) {
        if (day == 50) throw new IllegalStateException("handler failed on day 50");
        super.handleDay(day, events);
      }
    };
    assertThatThrownBy(() -> Engine.run(new ToyModel(), 2, List.of(failing)))
        .isInstanceOf(IllegalStateException.class).hasMessage("handler failed on day 50");
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("tumen-worker") && t.isAlive());
  }

  @Test
  void cancellationIsPolledAsDaysAreReplayed() {
    Recorder r = new Recorder();
    // A cap kept by a handler: the run stops as soon as the handler has seen day 30.
    assertThatThrownBy(() -> Engine.run(new ToyModel(), 2, List.of(r), null, () -> r.lastDay >= 30))
        .isInstanceOf(Engine.Cancelled.class);
    assertThat(r.lastDay).isEqualTo(30);
    assertThat(r.finished).isFalse();
  }
}
