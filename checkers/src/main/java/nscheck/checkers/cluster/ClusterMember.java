package nscheck.checkers.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A Hazelcast member that takes part in distributed searches (or, as a lite member, the
 * coordinator that drives one and owns no states). Members find each other by TCP/IP on the
 * listed addresses (no multicast) and only accept members with the same cluster name.
 */
public final class ClusterMember {
    static final String EXECUTOR = "nscheck";
    static final String RUNS = "nscheck.runs";

    private ClusterMember() {}

    /**
     * Starts a member of cluster {@code name} listening on {@code port} (the next free port if
     * {@code lite} and it is taken), joining the members at {@code addresses} (host:port).
     */
    public static HazelcastInstance start(String name, String bindHost, int port, List<String> addresses, boolean lite) {
        // Hazelcast logs through java.util.logging until a config is read; nscheck reports its own errors.
        if (System.getProperty("hazelcast.logging.type") == null) System.setProperty("hazelcast.logging.type", "none");
        Config c = new Config();
        c.setClusterName(name);
        c.setInstanceName(name + "-" + (lite ? "coordinator-" : "member-") + port + "-" + System.nanoTime());
        c.setLiteMember(lite);
        // Quiet and small: two cores are shared by every member on a test machine, and a member
        // only runs this module's tasks (no maps, no Jet).
        c.setProperty("hazelcast.logging.type", "none");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.partition.count", "7");
        c.setProperty("hazelcast.io.thread.count", "1");
        c.setProperty("hazelcast.operation.thread.count", "2");
        c.setProperty("hazelcast.operation.generic.thread.count", "2");
        c.setProperty("hazelcast.event.thread.count", "1");
        c.setProperty("hazelcast.client.event.thread.count", "1");
        // A member that dies is noticed within seconds, not the default minute: the run then ends with an error.
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        c.getJetConfig().setEnabled(false);
        // Tasks arrive as Java-serialized objects: accept only this module's, the JDK's and
        // Hazelcast's own classes, so a stranger that knows the cluster name cannot send a gadget chain.
        c.getSerializationConfig().setJavaSerializationFilterConfig(new com.hazelcast.config.JavaSerializationFilterConfig()
                .setWhitelist(new com.hazelcast.config.ClassFilter().addPrefixes("nscheck.", "java.", "com.hazelcast.")));
        c.getExecutorConfig(EXECUTOR).setPoolSize(8);
        ConcurrentMap<String, Object> context = new ConcurrentHashMap<>();
        context.put(RUNS, new ConcurrentHashMap<String, MemberRun<?, ?>>());
        c.setUserContext(context);
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(port);
        n.setPortAutoIncrement(lite);
        n.setPortCount(100);
        if (bindHost != null) {
            n.getInterfaces().setEnabled(true).addInterface(bindHost);
        }
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true).setMembers(addresses).setConnectionTimeoutSeconds(2);
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(c);
        if (!lite) hz.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
            @Override
            public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {}

            // A coordinator that is gone (Ctrl-C'd twice, killed) cannot end its runs: drop their states here.
            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
                runs(hz).values().removeIf(r -> e.getMember().getUuid().equals(r.coordinator));
            }
        });
        return hz;
    }

    @SuppressWarnings("unchecked")
    static Map<String, MemberRun<?, ?>> runs(HazelcastInstance hz) {
        return (Map<String, MemberRun<?, ?>>) hz.getUserContext().get(RUNS);
    }
}
