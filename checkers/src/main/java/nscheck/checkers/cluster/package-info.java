/**
 * The distributed search: {@link nscheck.checkers.cluster.ClusterBfs}, a level-synchronous
 * breadth-first search over the members of a Hazelcast cluster, each owning the states whose
 * fingerprint falls in its partition ({@link nscheck.checkers.cluster.MemberRun}). States travel
 * as bytes ({@link nscheck.checkers.cluster.WireCodec}, chosen in
 * {@link nscheck.checkers.cluster.WireCodecs}) with their paths, which order every level as the
 * single-machine search does, so the results are its results. docs/distributed.md.
 */
package nscheck.checkers.cluster;
