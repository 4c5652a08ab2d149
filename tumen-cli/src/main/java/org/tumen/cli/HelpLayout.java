package org.tumen.cli;

import java.util.List;
import org.apache.commons.text.WordUtils;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help whose descriptions wrap at spaces only. Picocli wraps where {@link java.text.BreakIterator} allows, which
 * includes after a dot, a colon or a slash, so "--set unhcr.access_probability=0.8", "daily.csv" and
 * "spark://host:7077" came out split across lines, and could not be copied.
 */
final class HelpLayout {
  private HelpLayout() {}

  /** Installs the layout on the command and all its subcommands. */
  static CommandLine install(CommandLine cl) {
    cl.setHelpFactory((CommandSpec spec, ColorScheme colors) -> new Help(spec, colors) {
      @Override
      public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme c) {
        Layout d = super.createDefaultLayout(options, positionals, c);
        return new Layout(c, new SpaceWrappingTable(c, d.textTable().columns()), d.optionRenderer(), d.parameterRenderer());
      }

      /** The list of subcommands as picocli lays it out (name, then the first line of the description). */
      @Override
      public String commandList(java.util.Map<String, Help> subcommands) {
        if (subcommands.isEmpty()) return "";
        int width = commandSpec().usageMessage().width();
        int names = Math.min(subcommands.keySet().stream().mapToInt(String::length).max().orElse(0), width / 2);
        TextTable table = new SpaceWrappingTable(colorScheme(), new Column[] {
            new Column(names + 2, 2, Column.Overflow.SPAN), new Column(width - (names + 2), 2, Column.Overflow.WRAP)});
        for (Help help : subcommands.values()) {
          String[] description = help.commandSpec().usageMessage().description();
          String first = description.length > 0 ? String.format(java.util.Locale.ROOT, description[0]) : "";
          table.addRowValues(help.commandNamesText(", "), colorScheme().text(first));
        }
        return table.toString();
      }
    });
    return cl;
  }

  /** A text table whose wrapping columns are filled line by line, each line broken at a space. */
  static final class SpaceWrappingTable extends TextTable {
    private final ColorScheme colors;

    SpaceWrappingTable(ColorScheme colors, Column[] columns) {
      super(colors, columns);
      this.colors = colors;
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
      Column c = columns()[col];
      int width = c.width - c.indent - 1;
      String plain = value == null ? "" : value.plainString();
      if (c.overflow != Column.Overflow.WRAP || plain.length() <= width || plain.contains("\n")) {
        return super.putValue(row, col, value);
      }
      // The first line at the column's width, the rest indented by two as picocli indents wrapped lines.
      String first = WordUtils.wrap(plain, width, "\n", false).split("\n", 2)[0];
      String rest = plain.substring(first.length()).strip();
      Cell cell = super.putValue(row, col, colors.text(first));
      for (String line : WordUtils.wrap(rest, width - 2, "\n", false).split("\n")) {
        addEmptyRow();
        super.putValue(rowCount() - 1, col, colors.text("  " + line));
      }
      return cell;
    }
  }
}
