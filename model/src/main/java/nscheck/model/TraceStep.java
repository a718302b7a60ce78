package nscheck.model;

import java.util.Map;

/**
 * One step of a trace as people and files see it.
 *
 * @param actor       who acted (e.g. {@code T2})
 * @param actorDetail the actor's identity in domain terms (e.g. its NSpid line)
 * @param call        the call family (e.g. {@code kill})
 * @param args        the call's arguments by name
 * @param text        the call as strace would print it
 * @param observation what the actor saw, in its own namespaces
 */
public record TraceStep(String actor, String actorDetail, String call, Map<String, Object> args, String text,
                        String observation) {}
