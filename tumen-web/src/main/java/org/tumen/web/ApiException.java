package org.tumen.web;

import java.util.List;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Problem;

/** A request the server refuses, with the HTTP status and what to fix; answered as JSON, never a stack trace. */
final class ApiException extends RuntimeException {
  final int status;
  final List<Problem> problems;

  ApiException(int status, String message) {
    this(status, message, List.of());
  }

  ApiException(int status, String message, List<Problem> problems) {
    super(message, null, false, false);
    this.status = status;
    this.problems = List.copyOf(problems);
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  static ApiException of(InvalidInputException e) {
    return new ApiException(400, e.problems().size() == 1 ? e.getMessage() : e.problems().size() + " problems found",
        e.problems());
  }

  /** The body of every error answer. */
  record Body(int status, String error, List<Problem> problems) {}

  Body body() {
    return new Body(status, getMessage(), problems);
  }
}
