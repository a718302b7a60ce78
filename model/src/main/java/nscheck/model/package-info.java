/**
 * The one seam between the spec and the checkers: a {@link nscheck.model.Model} is a deterministic
 * transition system with named {@link nscheck.model.Property properties}, each evaluating to a
 * {@link nscheck.model.Verdict} that may be vacuous. {@link nscheck.model.ModelCatalog} knows the
 * shipped models (model/models/*.json and those defined in code) and builds them from a name, bounds
 * and a variant; the sub-packages hold the kinds of model.
 */
package nscheck.model;
