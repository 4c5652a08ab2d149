package org.tumen.korea;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tumen.engine.EventBuffer;
import org.tumen.engine.EventHandler;

/** A fingerprint of the whole event stream, in order: equal digests mean identical event logs. */
final class EventDigest implements EventHandler {
  private final MessageDigest md;
  private final java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(28);
  long events;

  EventDigest() {
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void handleDay(int day, EventBuffer ev) {
    for (int i = 0; i < ev.size(); i++) {
      buf.clear();
      buf.putInt(ev.day(i)).putInt(ev.agent(i)).putInt(ev.from(i)).putInt(ev.to(i)).putInt(ev.place(i))
          .putInt(ev.cause(i)).putInt(ev.sex(i) * 1_000_000 + ev.count(i));
      md.update(buf.array());
      events++;
    }
  }

  private String hex;

  /** The digest of everything seen; finishes the digest, so call it after the run. */
  String hex() {
    if (hex == null) hex = HexFormat.of().formatHex(md.digest());
    return hex;
  }
}
