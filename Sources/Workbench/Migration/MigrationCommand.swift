import Changes

/// Effects the walkthrough asks for. `MigrationEffects` runs the codemods, tsc and the
/// checkpoint store off the main loop; `WorkbenchEffects` streams the model's answer through
/// its engine client. Imperative names.
package enum MigrationCommand: Hashable, Sendable {
    /// Compute the plan: files leaves first and each standard step on the result of the one
    /// before, then type-check each projected result and the ratchet costs.
    case loadPlan(generation: Int)
    /// Measure the project on disk (metrics, sources, compiler) and read the checkpoints.
    case measureProject(generation: Int)
    /// Preview step `step` on the project as it is now; `token` ties the results to the request.
    case preview(step: String, token: Int)
    /// Undo checkpoint `checkpoint`, refusing when a later change is on top of it.
    case undoStep(checkpoint: Int, step: String)
    /// Build the engine request proposing types for `path` (with tsc's diagnostics).
    case prepareTypeRequest(id: Int, path: String)
    /// Stream the engine's answer to `messages`.
    case streamTypeAnswer(id: Int, messages: [ContextMessage], maxTokens: Int, temperature: Double?)
    /// Stop streaming the answer.
    case cancelTypeAnswer(id: Int)
    /// Read the edits in the answer for `path` and locate them in the workspace.
    case readTypeAnswer(id: Int, path: String, answer: String)
}
