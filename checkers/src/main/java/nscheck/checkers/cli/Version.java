package nscheck.checkers.cli;

import picocli.CommandLine;

/** `-V/--version` of every subcommand: the jar's version (from the manifest), else the source tree's. */
final class Version implements CommandLine.IVersionProvider {
    static final String FALLBACK = "0.1.0";

    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"nscheck " + (v == null ? FALLBACK : v), "Java " + System.getProperty("java.version")};
    }
}
