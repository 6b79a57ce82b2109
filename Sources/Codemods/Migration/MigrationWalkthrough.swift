import CodeIndex

/// The walkthrough's state for a view: every step with its status and metrics, the baseline, and
/// which step comes next. A value type changed only through its methods, so the TUI keeps it in
/// its state and its `update` function records what the effects (preview, apply, undo through
/// `JSToTSMigration`) report.
package struct MigrationWalkthrough: Sendable {
    /// Where one step stands.
    package enum Status: Sendable, Equatable {
        /// Not previewed yet.
        case pending
        /// Previewed: the changes are ready for review.
        case previewed
        /// Applied as the given checkpoint (nil when it had nothing to change).
        case applied(checkpoint: String?)
        /// Preview or apply failed with this message.
        case failed(String)
    }

    /// One row of the walkthrough.
    package struct Step: Sendable {
        /// The step name (`--step NAME`).
        package var name: String
        /// One line saying what the step does.
        package var summary: String
        /// Where the step stands.
        package var status: Status = .pending
        /// The preview, once computed (its changes, findings and the metrics after it).
        package var preview: JSToTSMigration.StepPreview?
    }

    /// Metrics before the first step.
    package var baseline: MigrationMetrics?
    /// The steps in order (standard steps, then the optional ratchet).
    package private(set) var steps: [Step]

    /// A walkthrough over `codemods` (default: every step).
    package init(codemods: [any Codemod] = JSToTSMigration.allSteps) {
        self.steps = codemods.map { Step(name: $0.name, summary: $0.summary) }
    }

    /// The first step not applied yet.
    package var nextStepIndex: Int? {
        self.steps.firstIndex { step in
            if case .applied = step.status { return false }
            return true
        }
    }

    /// The metrics after the last applied step (the baseline when none).
    package var currentMetrics: MigrationMetrics? {
        self.steps.last { if case .applied = $0.status { return true } else { return false } }?.preview?.metricsAfter ?? self.baseline
    }

    /// Records a computed preview for step `index`.
    package mutating func recordPreview(_ preview: JSToTSMigration.StepPreview, at index: Int) {
        guard self.steps.indices.contains(index) else { return }
        self.steps[index].preview = preview
        self.steps[index].status = .previewed
        // Later previews were computed on an older project state.
        for later in (index + 1)..<self.steps.count where self.steps[later].status == .previewed {
            self.steps[later].status = .pending
            self.steps[later].preview = nil
        }
    }

    /// Records that step `index` was applied as `checkpoint`.
    package mutating func recordApplied(checkpoint: String?, at index: Int) {
        guard self.steps.indices.contains(index) else { return }
        self.steps[index].status = .applied(checkpoint: checkpoint)
    }

    /// Records that the latest applied step was undone.
    package mutating func recordUndo() {
        guard let index = self.steps.lastIndex(where: { if case .applied = $0.status { return true } else { return false } }) else {
            return
        }
        self.steps[index].status = .pending
        self.steps[index].preview = nil
    }

    /// Records a failure of step `index`.
    package mutating func recordFailure(_ message: String, at index: Int) {
        guard self.steps.indices.contains(index) else { return }
        self.steps[index].status = .failed(message)
    }
}
