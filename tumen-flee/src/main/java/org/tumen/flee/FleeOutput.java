package org.tumen.flee;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tumen.engine.EventBuffer;
import org.tumen.engine.EventHandler;
import org.tumen.engine.SimCalendar;
import org.tumen.engine.Vocabulary;

/**
 * Flee's out.csv, rebuilt by replaying the event stream: per day, each camp's simulated count, its UNHCR count and
 * their relative error, then the totals Flee prints. Also keeps what the averaged relative difference needs.
 */
public final class FleeOutput implements EventHandler {
  private final int[] camps;
  private final List<String> campNames = new ArrayList<>();
  private final RegistrationData.Schedule schedule;
  private final int days;
  private final long[] count;
  private long agents;
  private SimCalendar calendar;
  private final StringBuilder csv = new StringBuilder();
  // Per day: camps' simulated counts, and the in-camp totals (UNHCR as printed, simulated).
  private final long[][] sim;
  private final long[] unhcrInCamps, simInCamps;

  public FleeOutput(FleeModel model) {
    camps = model.camps();
    for (int c : camps) campNames.add(model.scenario().locations().get(c).name());
    schedule = model.schedule();
    days = model.scenario().days();
    count = new long[model.scenario().locations().size()];
    sim = new long[camps.length][days];
    unhcrInCamps = new long[days];
    simInCamps = new long[days];
  }

  @Override
  public void start(Vocabulary vocabulary, SimCalendar calendar) {
    this.calendar = calendar;
    csv.setLength(0);
    csv.append("Day,Date,");
    for (String n : campNames) csv.append(n).append(" sim,").append(n).append(" data,").append(n).append(" error,");
    csv.append("Total error,refugees in camps (UNHCR),total refugees (simulation),raw UNHCR refugee count,"
        + "refugees in camps (simulation),refugee_debt\n");
  }

  @Override
  public void handleDay(int day, EventBuffer events) {
    for (int i = 0; i < events.size(); i++) {
      int n = events.count(i), p = events.place(i);
      if (events.to(i) == FleeModel.AT_LOCATION) count[p] += n;
      if (events.from(i) == FleeModel.AT_LOCATION) count[p] -= n;
      if (events.from(i) == FleeModel.NOT_DISPLACED) agents += n;
    }
    csv.append(day).append(',').append(calendar.date(day)).append(',');
    long inCamps = 0, dataSum = 0;
    double absErrors = 0;
    for (int c = 0; c < camps.length; c++) {
      long simulated = count[camps[c]];
      int data = schedule.campData()[c][day];
      sim[c][day] = simulated;
      inCamps += simulated;
      dataSum += data;
      absErrors += Math.abs((double) simulated - data);
      double rel = data < 0.00001 ? 0.0 : round4(Math.abs((double) simulated / data - 1));
      csv.append(simulated).append(',').append(data).append(',').append(py(rel)).append(',');
    }
    long raw = schedule.rawCount()[day];
    simInCamps[day] = inCamps;
    if (raw > 0) {
      unhcrInCamps[day] = dataSum;
      csv.append(py(absErrors / raw)).append(',').append(dataSum).append(',').append(agents).append(',').append(raw)
          .append(',').append(inCamps).append(',').append(schedule.debt()[day]).append('\n');
    } else {
      unhcrInCamps[day] = 0;
      csv.append("0.0,0,").append(agents).append(",0,").append(inCamps).append(",0\n");
    }
  }

  /** The out.csv text. */
  public String csv() {
    return csv.toString();
  }

  public void write(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(csv.toString());
    }
  }

  /**
   * The averaged relative difference as FabFlee's extract-validation-results.py computes it: per day, the sum
   * over camps of |simulated - registered|, divided by the UNHCR in-camp total (at least 1), averaged over days.
   * "Rescaled" first scales the simulated camp counts so that they add up to the UNHCR in-camp total.
   */
  public Ard ard() {
    double plain = 0, rescaled = 0;
    for (int t = 0; t < days; t++) {
      double untot = unhcrInCamps[t], simtot = simInCamps[t];
      double diff = 0, diffRescaled = 0;
      for (int c = 0; c < camps.length; c++) {
        double data = schedule.campData()[c][t];
        double y = sim[c][t];
        double yRescaled = simtot > 0 ? y * untot / simtot : 0;
        diff += Math.abs(y - data);
        diffRescaled += Math.abs(yRescaled - data);
      }
      double denominator = Math.max(untot, 1);
      plain += diff / denominator;
      rescaled += diffRescaled / denominator;
    }
    return new Ard(plain / days, rescaled / days);
  }

  /** Averaged relative difference against the UNHCR camp data: plain and rescaled. */
  public record Ard(double plain, double rescaled) {}

  private static double round4(double x) {
    return Math.round(x * 10000.0) / 10000.0;
  }

  /** A double printed without exponent, close to Python's repr for the values out.csv holds. */
  static String py(double x) {
    String t = Double.toString(x);
    return t.indexOf('E') >= 0 ? new BigDecimal(t).toPlainString() : t;
  }
}
