package org.tumen.fuzz;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Problem;

/**
 * Runs one fuzz input under the rule every parser must keep: it returns, or throws {@link InvalidInputException}
 * with at least one well-formed problem, within 5 seconds. Anything else (another exception, an Error such as
 * StackOverflowError or OutOfMemoryError, a hang) is rethrown as a finding.
 */
final class Bounded {
  /** Longest a single input may take. */
  static final long LIMIT_SECONDS = 5;

  /**
   * The first input of a JVM also pays for class loading and, when fuzzing, Jazzer's instrumentation of every class
   * it touches (seconds): it gets this long instead.
   */
  static final long FIRST_LIMIT_SECONDS = 120;

  private static ExecutorService worker = newWorker();
  private static boolean warm;

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(null, r, "fuzz-input", 64L << 20);
      t.setDaemon(true);
      return t;
    });
  }

  private Bounded() {}

  /** Returns the value, or null when the input was rejected as a user mistake. */
  static synchronized <T> T call(Callable<T> work) {
    Future<T> f = worker.submit(work);
    long limit = warm ? LIMIT_SECONDS : FIRST_LIMIT_SECONDS;
    try {
      T value = f.get(limit, TimeUnit.SECONDS);
      warm = true;
      return value;
    } catch (TimeoutException e) {
      f.cancel(true);
      worker.shutdownNow();
      worker = newWorker(); // the stuck thread is abandoned, so later inputs are not blamed for it
      throw new AssertionError("hang: input took more than " + limit + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      warm = true;
      if (c instanceof InvalidInputException bad) {
        check(bad);
        return null;
      }
      if (c instanceof RuntimeException r) throw r;
      if (c instanceof Error err) throw err;
      throw new AssertionError("checked exception escaped: " + c, c);
    }
  }

  static void check(InvalidInputException bad) {
    if (bad.problems().isEmpty()) throw new AssertionError("InvalidInputException without problems");
    for (Problem p : bad.problems()) {
      if (p.file() == null || p.message() == null || p.message().isBlank() || p.line() < 0) {
        throw new AssertionError("malformed problem: " + p);
      }
    }
  }
}
