package org.tumen.store;

/** The results store or an events log could not be read or written (a lock held too long, a full disk, ...). */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
