package org.tumen.scenario;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping read strictly: every key must be asked for, and {@link #finish} reports the ones that
 * were not (unknown keys are mistakes, as in MATSim's config). Values keep their line numbers, so every
 * problem names file, line and key. Built on SnakeYAML's node tree, which is the part of YAML parsing that
 * keeps positions.
 */
public final class YamlMap {
  private final String file;
  private final String path;
  private final int line;
  private final Map<String, Node> entries = new LinkedHashMap<>();
  private final Map<String, Integer> keyLines = new LinkedHashMap<>();
  private final Set<String> used = new HashSet<>();
  private final Problems problems;

  private YamlMap(String file, String path, MappingNode node, Problems problems) {
    this.file = file;
    this.path = path;
    this.line = line(node);
    this.problems = problems;
    for (NodeTuple t : node.getValue()) {
      Node k = t.getKeyNode();
      if (!(k instanceof ScalarNode sk)) {
        problems.add(file, line(k), path, "keys must be plain names");
        continue;
      }
      String key = sk.getValue();
      if (entries.containsKey(key)) {
        problems.add(file, line(k), qualify(key), "duplicate key (first given on line " + keyLines.get(key) + ")");
        continue;
      }
      entries.put(key, t.getValueNode());
      keyLines.put(key, line(k));
    }
  }

  /** Parses a YAML document whose top level must be a mapping; syntax errors become problems. */
  public static YamlMap parse(String file, Reader reader, Problems problems) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported by us, with both lines
    options.setMaxAliasesForCollections(10);
    options.setCodePointLimit(16 * 1024 * 1024);
    try {
      Node root = new Yaml(options).compose(reader);
      if (root == null) {
        problems.add(file, 1, "", "the file is empty; expected a YAML mapping");
        return null;
      }
      if (!(root instanceof MappingNode m)) {
        problems.add(file, line(root), "", "expected a YAML mapping of key: value at the top level");
        return null;
      }
      return new YamlMap(file, "", m, problems);
    } catch (MarkedYAMLException e) {
      int l = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      problems.add(file, l, "", "YAML syntax: " + e.getProblem());
      return null;
    } catch (YAMLException e) {
      problems.add(file, 0, "", "YAML syntax: " + e.getMessage());
      return null;
    } catch (IllegalArgumentException e) {
      // SnakeYAML rejects some malformed input this way, e.g. a tag with spaces: !<a b >
      problems.add(file, 0, "", "YAML syntax: " + e.getMessage());
      return null;
    }
  }

  static int line(Node n) {
    return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String path() {
    return path;
  }

  public String qualify(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public Problems problems() {
    return problems;
  }

  public boolean has(String key) {
    return entries.containsKey(key);
  }

  /** Keys in file order; asking for them does not mark them used. */
  public List<String> keys() {
    return new ArrayList<>(entries.keySet());
  }

  public int lineOf(String key) {
    Integer l = keyLines.get(key);
    return l == null ? line : l;
  }

  private Node take(String key, boolean required, String expected) {
    used.add(key);
    Node n = entries.get(key);
    if (n == null && required) problems.add(file, line, qualify(key), "missing; expected " + expected);
    return n;
  }

  /** A nested mapping, or null (with a problem if required). */
  public YamlMap map(String key, boolean required) {
    Node n = take(key, required, "a mapping of key: value");
    if (n == null) return null;
    if (!(n instanceof MappingNode m)) {
      problems.add(file, line(n), qualify(key), "expected a mapping of key: value");
      return null;
    }
    return new YamlMap(file, qualify(key), m, problems);
  }

  public String string(String key, boolean required) {
    Node n = take(key, required, "a text value");
    if (n == null) return null;
    if (!(n instanceof ScalarNode s)) {
      problems.add(file, line(n), qualify(key), "expected a text value");
      return null;
    }
    return s.getValue();
  }

  /** A number; NaN when missing or malformed (with a problem recorded). */
  public double number(String key, boolean required) {
    Node n = take(key, required, "a number");
    if (n == null) return Double.NaN;
    if (!(n instanceof ScalarNode s)) {
      problems.add(file, line(n), qualify(key), "expected a number");
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(s.getValue().replace("_", ""));
      if (!Double.isFinite(v)) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      problems.add(file, line(n), qualify(key), "expected a number, got '" + s.getValue() + "'");
      return Double.NaN;
    }
  }

  public Boolean bool(String key, boolean required) {
    String s = string(key, required);
    if (s == null) return null;
    if (s.equals("true")) return true;
    if (s.equals("false")) return false;
    problems.add(file, lineOf(key), qualify(key), "expected true or false, got '" + s + "'");
    return null;
  }

  /** Reports every key that no one asked for. Call once the mapping has been read. */
  public void finish() {
    for (String k : entries.keySet()) {
      if (!used.contains(k)) {
        problems.add(file, keyLines.get(k), qualify(k), "unknown key" + Suggestions.didYouMean(k, used, 2));
      }
    }
  }

}
