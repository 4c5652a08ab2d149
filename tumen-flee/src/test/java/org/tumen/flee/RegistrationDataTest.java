package org.tumen.flee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationDataTest {
  private static RegistrationData data() {
    return new RegistrationData(List.of("total", "A", "B"),
        new double[][] {{0, 10}, {0, 10, 20}, {-5, 4}},
        new double[][] {{0, 100}, {0, 100, 50}, {7, 7}});
  }

  @Test
  void interpolatesAndTruncatesLikeFlee() {
    RegistrationData d = data();
    assertThat(d.interpolated("A", -3)).isZero();
    assertThat(d.interpolated("A", 3)).isEqualTo(30);
    assertThat(d.interpolated("A", 15)).isEqualTo(75);
    assertThat(d.interpolated("A", 99)).isEqualTo(50);
  }

  @Test
  void levelOneCorrectionScalesEarlierRows() {
    RegistrationData d = data();
    assertThat(d.correct("A", 20)).isTrue();
    // 100 -> 50 at day 20: rows before are halved.
    assertThat(d.interpolated("A", 10)).isEqualTo(50);
    assertThat(d.correct("A", 13)).isFalse();
  }

  @Test
  void dailyRiseWithDebtSpawnsTheSumOfCampIncreases() {
    RegistrationData d = data();
    RegistrationData.Schedule s = d.schedule(List.of("A", "B"), 21, true, false, true);
    assertThat(s.newAgents()[0]).isZero(); // day 0: people are placed in camps instead
    assertThat(s.newAgents()[1]).isEqualTo(10);
    // Registrations fall from day 11: the fall becomes debt, and nobody spawns.
    assertThat(s.newAgents()[11]).isZero();
    assertThat(s.debt()[11]).isEqualTo(5);
    assertThat(s.initialInCamp()).containsExactly(0, 7);
    // Flee's day-0 raw count also adds the "total" series.
    assertThat(s.rawCount()[0]).isEqualTo(7);
  }

  @Test
  void mergedSeriesFollowFleesAddTables() {
    double[][] m = RegistrationData.addTables(new double[] {0, 10, 20}, new double[] {1, 2, 3}, new double[] {10, 15},
        new double[] {100, 200});
    assertThat(m[0]).containsExactly(0, 10, 15);
    assertThat(m[1]).containsExactly(1, 102, 203);
  }
}
