package org.tumen.store;

/** Another process held the results store for longer than this one was willing to wait. */
public final class StoreBusyException extends StoreException {
  public StoreBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
