import Changes
import Codemods

/// What happened to the walkthrough: results of `MigrationCommand`s. Past-tense names.
package enum MigrationMsg: Sendable {
    // MARK: Plan
    /// The plan moved on to `text`.
    case planProgressed(generation: Int, String)
    /// The plan's outline (without type checks).
    case planOutlined(generation: Int, MigrationPlanOutline)
    /// tsc's verdict on the project after standard step `step`.
    case planStepMeasured(generation: Int, step: String, MigrationMetrics)
    /// tsc errors ratchet step `step` would add after the standard steps (nil: unchecked).
    case ratchetCostMeasured(generation: Int, step: String, errors: Int?)
    /// Every part of the plan is in.
    case planFinished(generation: Int)
    case planFailed(generation: Int, String)

    // MARK: Project
    case projectMeasured(generation: Int, MigrationProjectStatus)
    case projectMeasureFailed(generation: Int, String)

    // MARK: Steps
    /// A preview moved on to `text`.
    case previewProgressed(step: String, token: Int, String)
    /// The codemod ran: its changes and changeset (metrics not type-checked yet when `measuring`).
    case previewed(step: String, token: Int, MigrationStepState.Preview)
    /// tsc checked the previewed result.
    case previewMeasured(step: String, token: Int, MigrationMetrics)
    case previewFailed(step: String, token: Int, String)
    /// The undo was refused (the text says why); nothing changed.
    case undoRefused(String)

    // MARK: Types from the model
    case typeRequestPrepared(id: Int, messages: [ContextMessage])
    case typeRequestFailed(id: Int, String)
    case typeAnswerReceived(id: Int, content: String)
    case typeAnswerFinished(id: Int, finishReason: String?)
    case typeAnswerFailed(id: Int, String)
    /// The answer's edits, located in the workspace (possibly none).
    case typeAnswerRead(id: Int, Changeset)
}
