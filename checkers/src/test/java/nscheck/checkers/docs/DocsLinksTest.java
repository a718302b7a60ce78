package nscheck.checkers.docs;

import nscheck.checkers.cli.DocCommand;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README stays a front page (at most 15 KB; the long material lives in docs/), and every
 * relative link in the README and docs/ reaches a file of the repository, and the heading it
 * names when it has a #fragment: a user clones the project, so nothing may point outside it.
 */
class DocsLinksTest {
    static final long README_LIMIT = 15 * 1024;
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");

    @Test
    void theReadmeIsAtMostFifteenKilobytes() throws Exception {
        long size = Files.size(DocCommand.ROOT.resolve("README.md"));
        assertTrue(size <= README_LIMIT, "README.md is " + size + " bytes, over " + README_LIMIT + ": move material into docs/");
    }

    @Test
    void everyRelativeLinkResolves() throws Exception {
        List<String> broken = new ArrayList<>();
        List<Path> pages = markdownPages();
        for (Path page : pages)
            for (String target : links(page)) {
                if (target.matches("^[a-z]+:.*")) continue; // https:, mailto:
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String fragment = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(DocCommand.ROOT.relativize(page) + ": " + target + " (no such file)");
                } else if (fragment != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(fragment)) {
                    broken.add(DocCommand.ROOT.relativize(page) + ": " + target + " (no such heading; headings: " + anchors(resolved) + ")");
                }
            }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    /**
     * The rule reference used to live outside the repository (a shared folder next to it); a user
     * who clones the project has only the project, so no file may point there.
     */
    @Test
    void nothingInTheRepositoryCitesAFileOutsideIt() throws Exception {
        String outside = "shared" + "/";
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DocCommand.ROOT.normalize())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String rel = DocCommand.ROOT.normalize().relativize(f).toString();
                if (rel.startsWith(".git") || rel.contains("/target/") || rel.startsWith("target") || rel.contains("nscheck-out")
                        || !Files.isRegularFile(f) || !rel.matches(".*\\.(java|md|json|c|sh|xml|pml|txt|yml)$|nscheck|\\.ci/run")) continue;
                List<String> lines;
                try {
                    lines = Files.readAllLines(f);
                } catch (java.nio.charset.MalformedInputException e) {
                    continue;
                }
                for (int i = 0; i < lines.size(); i++)
                    if (lines.get(i).contains(outside + "SEMANTICS") || lines.get(i).contains(outside + "seeds")
                            || lines.get(i).contains(outside + "STYLE") || lines.get(i).contains("/work/" + outside))
                        found.add(rel + ":" + (i + 1) + ": " + lines.get(i).trim());
            }
        }
        assertTrue(found.isEmpty(), "the rule reference is docs/semantics.md:\n" + String.join("\n", found));
    }

    /** README.md, docs/*.md and every module's README: the pages a user reads. */
    static List<Path> markdownPages() throws Exception {
        List<Path> pages = new ArrayList<>(DocCommand.pages());
        for (String module : List.of("spec", "model", "checkers", "counterexamples", "jcstress", "bench")) {
            Path readme = DocCommand.ROOT.resolve(module).resolve("README.md");
            if (Files.exists(readme)) pages.add(readme);
        }
        return pages;
    }

    /** Link targets outside fenced code blocks and inline code. */
    static List<String> links(Path page) throws Exception {
        List<String> out = new ArrayList<>();
        boolean inCode = false;
        for (String l : Files.readAllLines(page)) {
            if (l.trim().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode) continue;
            Matcher m = LINK.matcher(l.replaceAll("`[^`]*`(?!\\])", "``"));
            while (m.find()) out.add(m.group(1));
        }
        return out;
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(Path page) throws Exception {
        Set<String> out = new HashSet<>();
        boolean inCode = false;
        try (Stream<String> lines = Files.lines(page)) {
            for (String l : (Iterable<String>) lines::iterator) {
                if (l.trim().startsWith("```")) inCode = !inCode;
                Matcher m = HEADING.matcher(l);
                if (inCode || !m.matches()) continue;
                String base = m.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String anchor = base;
                for (int n = 1; !out.add(anchor); n++) anchor = base + "-" + n;
            }
        }
        return out;
    }
}
