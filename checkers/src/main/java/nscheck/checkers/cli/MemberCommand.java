package nscheck.checkers.cli;

import com.hazelcast.core.HazelcastInstance;
import nscheck.checkers.cluster.ClusterMember;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "member", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Serve as a member of a cluster that `nscheck check MODEL --cluster NAME` searches on (docs/distributed.md); runs until stopped.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"2:usage error (e.g. the port is taken)", "3:internal error", "130/143:stopped"})
final class MemberCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cluster", paramLabel = "NAME", required = true, description = "the cluster's name; members of other clusters are refused")
    String name;

    @Option(names = "--port", paramLabel = "PORT", description = "port to listen on (default: ${DEFAULT-VALUE})")
    int port = 5701;

    @Option(names = "--members", paramLabel = "HOST:PORT", split = ",",
            description = "addresses of the other members (default: 127.0.0.1:5701)")
    List<String> members = new ArrayList<>(List.of("127.0.0.1:5701"));

    @Option(names = "--interface", paramLabel = "IP", description = "the address to announce to the others (default: Hazelcast's choice)")
    String bindHost;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 1 || port > 65535) throw new UsageError("--port must be 1..65535, not " + port);
        PrintWriter out = spec.commandLine().getOut();
        HazelcastInstance hz;
        try {
            hz = ClusterMember.start(name, bindHost, port, members, false);
        } catch (RuntimeException e) {
            throw new UsageError("cannot start a member on port " + port + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Its runs' states live outside Hazelcast's partitions: nothing to hand over, so no graceful wait.
            hz.getLifecycleService().terminate();
            stopped.countDown();
        }, "nscheck-member-stop"));
        com.hazelcast.cluster.Address at = hz.getCluster().getLocalMember().getAddress();
        out.println("nscheck member: cluster " + name + " at " + at.getHost() + ":" + at.getPort()
                + " (" + hz.getCluster().getMembers().size() + " members); ready");
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
