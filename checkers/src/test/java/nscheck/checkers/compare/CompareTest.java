package nscheck.checkers.compare;

import nscheck.checkers.cex.Counterexample;
import nscheck.checkers.cex.CounterexampleFile;
import nscheck.model.ModelCatalog;
import nscheck.model.ModelSource;
import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.Variant;
import nscheck.spec.variant.Variants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the comparison matrix on a reduced run (every model cut to 6 steps, the
 * cross-namespace futex models and the migration model), so that a spec change that flips a
 * cell is noticed. Columns: mainline, then the proposals in {@link Variants#PROPOSALS} order.
 */
class CompareTest {
    /** Rows in the models' invariant order; columns mainline, global-pids, pidspaces-2006, container-bit, execns, clone-with-pids-2009, proc-inode, serial-2014. */
    static final List<String> EXPECTED = List.of(
            "pid-unique: holds holds FAIL-2 holds holds holds holds holds",
            "pid-visibility: holds holds holds holds holds holds holds holds",
            "pid-round-trip: holds FAIL-1 FAIL-2 holds holds holds holds holds",
            "isolation: FAIL-4 FAIL-2 FAIL-4 FAIL-4 FAIL-4 FAIL-4 FAIL-4 FAIL-4",
            "init-kills-namespace: holds holds holds holds holds holds holds holds",
            "orphan-reaper: holds holds holds holds holds holds holds holds",
            "reported-pid: FAIL-4 FAIL-4 FAIL-4 FAIL-4 FAIL-4 FAIL-4 FAIL-4 FAIL-4",
            "reported-pid-reaches: FAIL-4 holds FAIL-4 FAIL-4 FAIL-4 FAIL-4 FAIL-4 FAIL-4",
            "undo-own-namespace: holds holds holds holds holds holds holds holds",
            "nproc-exact: holds holds holds holds holds holds holds holds",
            "uid-mapping: holds holds holds holds holds holds holds holds",
            "mutual-exclusion: FAIL-5 holds FAIL-5 FAIL-5 FAIL-5 FAIL-5 FAIL-5 FAIL-5",
            "no-lost-wakeup: FAIL-6 holds FAIL-6 FAIL-6 FAIL-6 FAIL-6 FAIL-6 FAIL-6",
            "owner-identity: FAIL-1 holds FAIL-1 FAIL-1 FAIL-1 FAIL-1 FAIL-1 FAIL-1",
            "robust-recovery: FAIL-6 holds FAIL-6 FAIL-6 FAIL-6 FAIL-6 FAIL-6 FAIL-6",
            "pids-preserved-on-restore: holds FAIL-2 FAIL-1 holds holds holds holds holds",
            "restore-fails-cleanly: holds holds holds holds holds holds holds holds",
            "ns-id-stable: holds holds holds holds holds holds FAIL-4 holds",
            "ns-id-survives-migration: FAIL-1 FAIL-1 n/a FAIL-1 FAIL-1 FAIL-1 FAIL-2 FAIL-1",
            "no-unprivileged-pid-choice: holds holds holds holds holds FAIL-2 holds holds",
            "kernel-threads-live: holds holds holds holds holds holds holds holds");

    /**
     * The pidfd cells (issue 13 part 4), on pidfd-basic at its own bounds: no proposal changes how
     * a pidfd resolves (they all predate pidfds, 5.3), so every column holds where mainline does.
     */
    static final List<String> EXPECTED_PIDFD = List.of(
            "pidfd-stable: holds holds holds holds holds holds holds holds",
            "reported-pid: holds holds holds holds holds holds holds holds",
            "isolation: holds holds holds holds holds holds holds holds",
            "pid-unique: holds holds holds holds holds holds holds holds");

    /**
     * The namespace-file cells (issue 13 part 3), on nsfs-files at its own bounds: no proposal
     * changes what NS_GET_PARENT may hand out; pidspaces-2006's pid-unique fails there as elsewhere.
     */
    static final List<String> EXPECTED_NSFS = List.of(
            "ns-file-scope: holds holds holds holds holds holds holds holds",
            "pid-unique: holds holds FAIL-4 holds holds holds holds holds",
            "pid-visibility: holds holds holds holds holds holds holds holds",
            "isolation: holds holds holds holds holds holds holds holds");

    @Test
    void thePidfdAndNamespaceFileCellsArePinned(@TempDir Path out) throws Exception {
        assertEquals(String.join("\n", EXPECTED_PIDFD), String.join("\n", rowsOf("pidfd-basic", out)));
        assertEquals(String.join("\n", EXPECTED_NSFS), String.join("\n", rowsOf("nsfs-files", out)));
    }

    private static List<String> rowsOf(String model, Path out) {
        List<Variant> variants = new ArrayList<>(List.of(Mainline.INSTANCE));
        variants.addAll(Variants.PROPOSALS);
        Matrix m = Comparison.run(List.of(ModelCatalog.find(model)), variants, Map.of(), out, 2);
        List<String> rows = new ArrayList<>();
        for (String inv : m.invariants()) {
            StringBuilder row = new StringBuilder(inv).append(':');
            for (String v : m.variants()) row.append(' ').append(m.cell(inv, v).code().replace(' ', '-'));
            rows.add(row.toString());
        }
        return rows;
    }

    @Test
    void theReducedMatrixIsPinned(@TempDir Path out) throws Exception {
        List<ModelSource> models = new ArrayList<>();
        for (String name : List.of("pidns-init-death", "signals-pgrp", "ipc-sem", "userns-nproc", "userns-ids", "futex-pi-crossns",
                "futex-robust-crossns", "restore-migration", "async-io-owner", "mqueue-notify", "kthreads-host",
                "sessions", "wait-status", "dispositions",
                "proc-views", "job-control",
                "socket-uids", "signal-handlers"))
            models.add(ModelCatalog.find(name));
        List<Variant> variants = new ArrayList<>(List.of(Mainline.INSTANCE));
        variants.addAll(Variants.PROPOSALS);
        Matrix m = Comparison.run(models, variants, Map.of("steps", 6), out, 2);
        List<String> rows = new ArrayList<>();
        for (String inv : m.invariants()) {
            StringBuilder row = new StringBuilder(inv).append(':');
            for (String v : m.variants()) row.append(' ').append(m.cell(inv, v).code().replace(' ', '-'));
            rows.add(row.toString());
        }
        assertEquals(String.join("\n", EXPECTED), String.join("\n", rows));
        // Every violated cell names a counterexample file that reads back with the trace it reports.
        for (String inv : m.invariants())
            for (String v : m.variants()) {
                Cell c = m.cell(inv, v);
                if (c.verdict() != Cell.Status.VIOLATED) continue;
                assertTrue(Files.exists(Path.of(c.file())), c.file());
                Counterexample cex = CounterexampleFile.read(Path.of(c.file()));
                assertEquals(c.length(), cex.trace().size());
                assertEquals(inv, cex.property().name());
                assertEquals(v, cex.variant());
            }
    }

    @Test
    void formatsAgree(@TempDir Path out) {
        Matrix m = Comparison.run(List.of(ModelCatalog.find("restore-migration")), List.of(Mainline.INSTANCE, Variants.byName("proc-inode")),
                Map.of(), out, 1);
        String text = MatrixFormat.text(m), md = MatrixFormat.markdown(m), json = MatrixFormat.json(m);
        assertTrue(text.contains("ns-id-stable") && text.contains("FAIL 4"), text);
        assertTrue(md.contains("| `ns-id-stable` | holds | **FAIL 4** |"), md);
        assertTrue(json.contains("\"verdict\" : \"violated\"") && json.contains("\"length\" : 4"), json);
    }

    /** docs/proposals.md shows the pinned matrix, cell for cell, in the same row and column order, and the pidfd cells likewise. */
    @Test
    void theProposalsPageShowsThePinnedMatrix() throws Exception {
        assertEquals(String.join("\n", EXPECTED), String.join("\n", shownAfter("<!-- pinned: CompareTest -->")));
        assertEquals(String.join("\n", EXPECTED_PIDFD), String.join("\n", shownAfter("<!-- pinned: CompareTest pidfd -->")));
        assertEquals(String.join("\n", EXPECTED_NSFS), String.join("\n", shownAfter("<!-- pinned: CompareTest nsfs -->")));
    }

    private static List<String> shownAfter(String marker) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../docs/proposals.md"));
        int at = lines.indexOf(marker);
        assertTrue(at >= 0, "docs/proposals.md marks its matrix with " + marker);
        List<String> shown = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && (lines.get(i).startsWith("|") || shown.isEmpty()); i++) {
            String l = lines.get(i);
            if (!l.startsWith("| `")) continue;
            String[] cells = l.substring(1, l.length() - 1).split("\\|");
            StringBuilder row = new StringBuilder(cells[0].trim().replace("`", "")).append(':');
            for (int c = 1; c < cells.length; c++) row.append(' ').append(cells[c].trim().replace("*", "").replace(' ', '-'));
            shown.add(row.toString());
        }
        return shown;
    }
}
