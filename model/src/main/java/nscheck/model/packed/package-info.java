/**
 * Models whose every state fits in one non-negative long, for the fast packed search: no state object
 * is made, and the visited set stores the states themselves. {@link nscheck.model.packed.PackedModelView}
 * shows such a model as an ordinary object model, so that replay, counterexample files and reports
 * work on it unchanged.
 */
package nscheck.model.packed;
