package org.tumen.batch;

import java.io.Serializable;

/** Runs one task; serializable so that a cluster executor can ship it to its workers. */
@FunctionalInterface
public interface TaskRunner extends Serializable {
  RunSummary run(RunTask task);
}
