package nscheck.checkers.cluster;

import com.hazelcast.core.HazelcastInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The coordinator's side of a cluster for one `check --cluster` run: a lite member joined to the
 * named cluster, and optionally members started in this JVM (each with its own port and
 * registry, exactly as a separate process would be, only without the process).
 */
public final class ClusterSession implements AutoCloseable {
    private final List<HazelcastInstance> embedded = new ArrayList<>();
    private final HazelcastInstance coordinator;
    private final String name;

    private ClusterSession(String name, List<String> addresses, int coordinatorPort, int embeddedMembers) {
        this.name = name;
        List<String> join = new ArrayList<>(addresses);
        try {
            if (embeddedMembers > 0) {
                List<Integer> ports = new ArrayList<>();
                for (int i = 0; i < embeddedMembers; i++) ports.add(freePort());
                join = new ArrayList<>();
                for (int p : ports) join.add("127.0.0.1:" + p);
                join.addAll(addresses);
                for (int p : ports) embedded.add(ClusterMember.start(name, "127.0.0.1", p, join, false));
            }
            coordinator = ClusterMember.start(name, embeddedMembers > 0 ? "127.0.0.1" : null,
                    embeddedMembers > 0 ? freePort() : coordinatorPort, join, true);
        } catch (RuntimeException e) {
            close();
            throw new ClusterFailure("cannot join cluster " + name + ": " + e.getMessage(), true);
        }
    }

    /**
     * Joins cluster {@code name} through {@code addresses}, after starting {@code embeddedMembers}
     * members here (which join each other and {@code addresses}: a cluster can mix both).
     */
    public static ClusterSession open(String name, List<String> addresses, int coordinatorPort, int embeddedMembers) {
        return new ClusterSession(name != null ? name : "nscheck-embedded-" + UUID.randomUUID(), addresses, coordinatorPort, embeddedMembers);
    }

    public HazelcastInstance coordinator() {
        return coordinator;
    }

    public String name() {
        return name;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Terminates rather than shuts down gracefully: the search keeps nothing in Hazelcast's own
     * partitions, so there is nothing to migrate, and a graceful shutdown only waits for that.
     */
    @Override
    public void close() {
        if (coordinator != null) coordinator.getLifecycleService().terminate();
        for (HazelcastInstance m : embedded) m.getLifecycleService().terminate();
    }
}
