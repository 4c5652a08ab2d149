package org.tumen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Every command's --help prints without warnings, and no word of a description is split across lines. */
class HelpTest {
  @Test
  void everyHelpKeepsItsWordsWholeAndPrintsNoWarning() {
    List<CommandLine> commands = new ArrayList<>();
    collect(new CommandLine(new Main()), commands);
    assertThat(commands.size()).isGreaterThan(15);
    for (CommandLine c : commands) {
      List<String> args = new ArrayList<>();
      for (CommandLine p = c; p.getParent() != null; p = p.getParent()) args.add(0, p.getCommandName());
      args.add("--help");
      var out = new ByteArrayOutputStream();
      var err = new ByteArrayOutputStream();
      assertThat(RunCommandTest.run(out, err, args.toArray(String[]::new))).as(String.join(" ", args)).isZero();
      assertThat(err.toString()).as("stderr of " + args).isEmpty();
      String help = out.toString();
      assertThat(help).as(String.join(" ", args)).doesNotContain("[picocli WARN]");
      List<String> texts = new ArrayList<>();
      CommandSpec spec = c.getCommandSpec();
      for (ArgSpec a : spec.args()) texts.addAll(List.of(a.description()));
      texts.addAll(List.of(spec.usageMessage().description()));
      c.getSubcommands().values().forEach(s -> texts.add(s.getCommandSpec().usageMessage().description()[0]));
      for (String text : texts) {
        if (text.contains("${")) continue; // default values are filled in
        for (String word : String.format(Locale.ROOT, text).split("\\s+")) {
          assertThat(help).as("'" + word + "' whole in the help of " + String.join(" ", args)).contains(word);
        }
      }
    }
  }

  private static void collect(CommandLine c, List<CommandLine> out) {
    out.add(c);
    for (CommandLine s : c.getSubcommands().values()) collect(s, out);
  }
}
