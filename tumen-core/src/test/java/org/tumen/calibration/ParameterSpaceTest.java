package org.tumen.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tumen.Tumen;

class ParameterSpaceTest {
  @Test
  void patternsChooseWhichParametersAreCalibrated() {
    var params = Tumen.load(Path.of("../scenarios/korea")).parameters();
    var all = ParameterSpace.of(params);
    var some = ParameterSpace.of(params, List.of("brokers.seek_rate@*", "crossing.base_rate"));
    assertThat(all.dimension()).isEqualTo(params.calibrated().size());
    assertThat(some.names()).contains("crossing.base_rate", "brokers.seek_rate@1995", "brokers.seek_rate@2011")
        .allMatch(n -> n.equals("crossing.base_rate") || n.startsWith("brokers.seek_rate@"));
    assertThat(ParameterSpace.of(params, List.of("nothing.*")).dimension()).isZero();
  }
}
