package org.tumen.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.Properties;

/**
 * Runs in a JVM whose class path holds only this class and DuckDB 1.x's JDBC driver: opens a store read-only,
 * as a user's DuckDB command line or Python would, prints the engine's version, then each query's rows as
 * tab-separated lines after a line "# QUERY".
 */
public final class DuckDb1Reader {
  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], p); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT version()")) {
        r.next();
        System.out.println("version\t" + r.getString(1));
      }
      for (int i = 1; i < args.length; i++) {
        System.out.println("# " + args[i].replace('\n', ' '));
        try (ResultSet r = s.executeQuery(args[i])) {
          ResultSetMetaData m = r.getMetaData();
          while (r.next()) {
            StringBuilder line = new StringBuilder();
            for (int col = 1; col <= m.getColumnCount(); col++) line.append(col > 1 ? "\t" : "").append(r.getString(col));
            System.out.println(line);
          }
        }
      }
    }
  }
}
