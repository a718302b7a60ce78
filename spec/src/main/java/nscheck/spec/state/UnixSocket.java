package nscheck.spec.state;

/**
 * The model's one Unix stream socket path (net/unix/af_unix.c): a listener, and at most one
 * accepted connection. Each end is held by one task (fds are not inherited in the model); an end
 * closes when its task exits. Each direction queues at most one message with its credentials.
 *
 * @param listener      slot of the listening task
 * @param listenerCred  captured at listen(); copied to the client at connect (copy_peercred)
 * @param client        slot of the connected task, -1 while nobody is connected
 * @param clientCred    captured at connect(); the server side's SO_PEERCRED
 * @param toServer      a queued message from the client with its credentials, or null
 * @param toClient      a queued message from the server (the listener) with its credentials, or null
 */
public record UnixSocket(int listener, PeerCred listenerCred, int client, PeerCred clientCred,
                         PeerCred toServer, PeerCred toClient) {
    public boolean connected() {
        return client >= 0;
    }

    public UnixSocket disconnected() {
        return new UnixSocket(listener, listenerCred, -1, null, null, null);
    }

    void hashInto(StateHasher h) {
        h.add(listener);
        listenerCred.hashInto(h);
        h.add(client);
        if (clientCred == null) h.add(-5); else clientCred.hashInto(h);
        if (toServer == null) h.add(-5); else toServer.hashInto(h);
        if (toClient == null) h.add(-5); else toClient.hashInto(h);
    }
}
