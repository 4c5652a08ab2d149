package org.tumen.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Who may use the server. On a loopback address without a token, anyone on this machine (the default). With a
 * token (given, or generated when binding any other address) every request must carry it: the header
 * {@code Authorization: Bearer TOKEN}, or the cookie a browser gets by opening any page once with
 * {@code ?token=TOKEN}.
 */
final class Access {
  static final String COOKIE = "tumen_token";
  /** Host headers a page served from loopback can legitimately send (anything else: DNS rebinding). */
  private static final Pattern LOOPBACK_HOST =
      Pattern.compile("(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d{1,5})?", Pattern.CASE_INSENSITIVE);

  private final String token; // null: no token needed
  private final boolean loopback;

  private Access(String token, boolean loopback) {
    this.token = token;
    this.loopback = loopback;
  }

  /** The access rule for binding {@code host}; {@code token} null or blank generates one unless host is loopback. */
  static Access forHost(String host, String token) {
    boolean loopback = isLoopback(host);
    if (token != null && !token.isBlank()) {
      if (token.length() < 8) throw new IllegalArgumentException("a token has at least 8 characters");
      return new Access(token, loopback);
    }
    return new Access(loopback ? null : generate(), loopback);
  }

  /** This machine's own address, 127.0.0.1 or ::1; other loopback addresses (127.0.0.2) count as "another address". */
  static boolean isLoopback(String host) {
    try {
      InetAddress a = InetAddress.getByName(host);
      return a.isLoopbackAddress() && (a.getHostAddress().equals("127.0.0.1") || a.getAddress().length == 16);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve the address to bind: " + host);
    }
  }

  /** 128 random bits as hex: unguessable, and safe in a URL, a header and a cookie. */
  static String generate() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  String token() {
    return token;
  }

  /** Runs before every request (pages, static files and the API); throws a 4xx ApiException to refuse. */
  void check(Context ctx) {
    if (token == null) {
      // No token on loopback: refuse other host names, or any web page could reach us through DNS rebinding.
      String host = ctx.header("Host");
      if (loopback && host != null && !LOOPBACK_HOST.matcher(host).matches()) {
        throw new ApiException(403, "this server answers only to localhost or 127.0.0.1, not to '" + host + "'");
      }
      return;
    }
    String fromQuery = ctx.queryParam("token");
    if (fromQuery != null && matches(fromQuery)) {
      // A browser user opened the printed link: keep the token in a cookie the pages' scripts cannot read,
      // and drop it from the address bar so it does not end up in bookmarks or history.
      ctx.cookie(new Cookie(COOKIE, token, "/", -1, false, true, null, SameSite.STRICT));
      if (ctx.method().name().equals("GET") && !ctx.path().startsWith("/api/")) {
        ctx.redirect(ctx.path(), HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
      }
      return;
    }
    String header = ctx.header("Authorization");
    String bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    if (matches(bearer) || matches(ctx.cookie(COOKIE))) return;
    ctx.header("WWW-Authenticate", "Bearer");
    throw new ApiException(401, (bearer == null && fromQuery == null ? "this server needs its access token"
        : "wrong access token") + ": open the address printed by 'tumen serve' (it ends in ?token=...) or send "
        + "the header 'Authorization: Bearer TOKEN'");
  }

  /** Compares in constant time, so that response times do not leak the token. */
  private boolean matches(String given) {
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }
}
