package nscheck.checkers.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** `check --cluster NAME ...`: run the search on the members of a cluster (docs/distributed.md). */
final class ClusterOptions {
    @Option(names = "--cluster", paramLabel = "NAME",
            description = "run the search on the members of cluster NAME (started with `nscheck member`; docs/distributed.md)")
    String name;

    @Option(names = "--members", paramLabel = "HOST:PORT", split = ",",
            description = "addresses of members to join through (default: 127.0.0.1:5701, none with --embedded-members)")
    List<String> members = new ArrayList<>();

    @Option(names = "--cluster-size", paramLabel = "N", description = "members the search waits for and uses (default: 1, or --embedded-members)")
    Integer size;

    @Option(names = "--embedded-members", paramLabel = "N",
            description = "start N members inside this process (a quick test of the cluster engine on one machine)")
    int embedded;

    @Option(names = "--cluster-port", paramLabel = "PORT", description = "first port this process listens on as the coordinator (default: ${DEFAULT-VALUE})")
    int port = 5801;

    @Option(names = "--join-timeout", paramLabel = "SECONDS", description = "how long to wait for the members (default: ${DEFAULT-VALUE})")
    int joinSeconds = 60;

    /** Where to join: the given addresses; the local default only when no member is started here. */
    List<String> joinAddresses() {
        return !members.isEmpty() || embedded > 0 ? members : List.of("127.0.0.1:5701");
    }

    boolean enabled() {
        return name != null || embedded > 0;
    }

    int expected() {
        return size != null ? size : Math.max(1, embedded);
    }

    void validate() {
        if (embedded < 0 || embedded > 16) throw new UsageError("--embedded-members must be 1..16, not " + embedded);
        if (size != null && size < 1) throw new UsageError("--cluster-size must be 1 or more, not " + size);
        if (joinSeconds < 1) throw new UsageError("--join-timeout must be 1 or more seconds, not " + joinSeconds);
        for (String m : members)
            if (!m.matches("[^:\\s]+(:\\d{1,5})?")) throw new UsageError("--members wants HOST:PORT, not '" + m + "'");
    }
}
