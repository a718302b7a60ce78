package nscheck.checkers.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A `./nscheck ...` line as the README and docs/*.md show it, run in-process the way the user
 * would run it from the repository root: its expected exit code is the trailing "# exit N" (0 if
 * none), and its paths are relative to the root while the tests run in checkers/.
 */
public record DocCommand(Path page, String line) {
    private static final Pattern EXIT = Pattern.compile("#\\s*exit\\s+(\\d)");

    /** What a run printed and returned. */
    public record Result(int code, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    /** The repository root, seen from the module the tests run in. */
    public static final Path ROOT = Path.of("..");

    /** README.md and every page under docs/, the pages whose commands and figures are checked. */
    public static List<Path> pages() throws Exception {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (var s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Every `./nscheck ...` line inside a fenced code block of {@code page}. */
    public static List<DocCommand> in(Path page) throws Exception {
        List<DocCommand> out = new ArrayList<>();
        boolean inCode = false;
        for (String l : Files.readAllLines(page)) {
            if (l.trim().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode && l.trim().startsWith("./nscheck ")) out.add(new DocCommand(page, l.trim()));
        }
        return out;
    }

    public int expectedExit() {
        Matcher m = EXIT.matcher(line);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    public Result run() {
        String command = line.replaceAll("#.*$", "").trim();
        List<String> args = new ArrayList<>(Arrays.asList(command.substring("./nscheck".length()).trim().split("\\s+")));
        args.replaceAll(a -> a.startsWith("model/") || a.startsWith("counterexamples/") || a.startsWith("docs/") || a.startsWith("examples/") ? "../" + a : a);
        if (args.get(0).equals("check")) args.addAll(List.of("--progress", "0"));
        CliTest.Run r = CliTest.nscheck(args.toArray(String[]::new));
        return new Result(r.code(), r.out(), r.err());
    }

    @Override
    public String toString() {
        return ROOT.relativize(page) + ": " + line;
    }
}
