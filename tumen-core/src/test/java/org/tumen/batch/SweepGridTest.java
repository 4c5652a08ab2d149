package org.tumen.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Problem;

class SweepGridTest {
  @TempDir Path tmp;

  @Test
  void rangesListsAndLogRanges() {
    SweepGrid g = SweepGrid.parse(List.of("arrest.bribe_price_usd@2012=2000:20000:10", "hiding.enforcement=0.5,1,2",
        "crossing.base_rate=0.001:0.1:3:log"), "--grid");
    assertThat(g.axes()).extracting(SweepGrid.Axis::name)
        .containsExactly("arrest.bribe_price_usd@2012", "hiding.enforcement", "crossing.base_rate");
    assertThat(g.axes().get(0).values()).hasSize(10).startsWith(2000.0, 4000.0).endsWith(20000.0);
    assertThat(g.axes().get(1).values()).containsExactly(0.5, 1.0, 2.0);
    assertThat(g.axes().get(2).values().get(1)).isCloseTo(0.01, within(1e-12));
    assertThat(g.size()).isEqualTo(90);
  }

  @Test
  void pointsVaryTheLastAxisFastestAndTasksShareSeedsAcrossPoints() {
    SweepGrid g = SweepGrid.parse(List.of("a=1,2", "b=10:30:3"), "--grid");
    assertThat(g.points()).containsExactly(Map.of("a", 1.0, "b", 10.0), Map.of("a", 1.0, "b", 20.0),
        Map.of("a", 1.0, "b", 30.0), Map.of("a", 2.0, "b", 10.0), Map.of("a", 2.0, "b", 20.0), Map.of("a", 2.0, "b", 30.0));
    List<RunTask> t = g.tasks("sc", 2, 50, Map.of("a", 9.0, "c", 3.0));
    assertThat(t).hasSize(12);
    assertThat(t).extracting(RunTask::seed).containsExactly(50L, 51L, 50L, 51L, 50L, 51L, 50L, 51L, 50L, 51L, 50L, 51L);
    assertThat(t.get(11).draw()).isEqualTo(5);
    assertThat(t.get(11).parameters()).isEqualTo(Map.of("a", 2.0, "b", 30.0, "c", 3.0)); // the swept value wins
  }

  @Test
  void mistakesNameTheBadTokenAllAtOnce() {
    assertThatThrownBy(() -> SweepGrid.parse(List.of("a=1:x:3", "b", "c=1:2:0", "d=1:2:3:lin", "e=0:1:3:log", "f=1,,2",
        "g=1", "g=2"), "--grid"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
            .containsExactly(
                "--grid: a=1:x:3: 'x' is not a number",
                "--grid: b: expected name=lo:hi:steps, name=lo:hi:steps:log or name=v1,v2,...",
                "--grid: c=1:2:0: steps must be a whole number of at least 1, got '0'",
                "--grid: d=1:2:3:lin: a range is lo:hi:steps or lo:hi:steps:log, got '1:2:3:lin'",
                "--grid: e=0:1:3:log: a log range needs positive ends, got 0 and 1",
                "--grid: f=1,,2: '' is not a number",
                "--grid: g=2: parameter g is swept twice"));
  }

  @Test
  void sweepFilesGiveLineNumbers() throws Exception {
    Path f = tmp.resolve("sweep.txt");
    Files.writeString(f, "# bribe price times enforcement\narrest.bribe_price_usd@2012=2000:20000:10\n\nhiding.enforcement=0.5:2:four\n");
    assertThatThrownBy(() -> SweepGrid.read(f)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.problems().get(0).toString())
            .isEqualTo(f + ":4: hiding.enforcement=0.5:2:four: steps must be a whole number of at least 1, got 'four'"));
    Files.writeString(f, "arrest.bribe_price_usd@2012=2000:20000:10\nhiding.enforcement=0.5:2:4\n");
    assertThat(SweepGrid.read(f).size()).isEqualTo(40);
  }

  @Test
  void measures() {
    Measure m = Measure.parse("arrived_south_korea:2001-2011", "--output");
    assertThat(m.series()).containsExactly("arrived_south_korea");
    assertThat(m.fromYear()).isEqualTo(2001);
    assertThat(m.toYear()).isEqualTo(2011);
    Measure s = Measure.parse("sentenced_kyohwaso+sentenced_kwanliso@2012", "--output");
    assertThat(s.series()).hasSize(2);
    RunSummary r = new RunSummary(0, "s", 1, -1, Map.of(), 2011, Map.of("sentenced_kyohwaso", new double[] {1, 2},
        "sentenced_kwanliso", new double[] {10, 20}), 0, 0);
    assertThat(s.of(r)).isEqualTo(22);
    assertThatThrownBy(() -> Measure.parse("arrived:2011-2001", "--output")).hasMessageContaining("ends before it starts");
    assertThatThrownBy(() -> Measure.parse("arrived", "--output")).hasMessageContaining("--output: arrived: expected");
    assertThatThrownBy(() -> Measure.parse("arrived@20x", "--output")).hasMessageContaining("'20x' is not a year");
  }
}
