import Changes
import Codemods

/// One step of the walkthrough as the view shows it: where it stands, what the plan projected,
/// and the preview computed on the project as it is now (its changeset goes to the review).
package struct MigrationStepState: Sendable, Equatable {
    /// Where the step stands.
    package enum Status: Hashable, Sendable {
        /// Never previewed in this walkthrough, and no checkpoint of it.
        case notStarted
        /// Previewed: its changeset is ready for review.
        case previewed
        /// Applied as checkpoint `checkpoint` (the review's final apply, or `--headless`).
        case applied(checkpoint: Int)
        /// Applied as `checkpoint`, then undone.
        case undone(checkpoint: Int)
        /// The last preview failed (the text says why).
        case failed(String)
    }

    /// A preview on the project as it is now.
    package struct Preview: Sendable, Equatable {
        /// What it changes.
        package var changes: MigrationChangeSummary
        /// The project's metrics with the changes applied; `tscErrors` is nil until measured.
        package var metricsAfter: MigrationMetrics
        /// True while tsc checks the result.
        package var isMeasuring: Bool
        /// The changes as a changeset for the review (built against the files on disk).
        package var changeset: Changeset
        /// For a ratchet step: tsc errors its flag adds before any fix (nil when unchecked).
        package var ratchetCost: Int?

        package init(
            changes: MigrationChangeSummary, metricsAfter: MigrationMetrics, isMeasuring: Bool, changeset: Changeset,
            ratchetCost: Int? = nil
        ) {
            self.changes = changes
            self.metricsAfter = metricsAfter
            self.isMeasuring = isMeasuring
            self.changeset = changeset
            self.ratchetCost = ratchetCost
        }
    }

    /// The step name (`--step NAME`).
    package var name: String
    /// One line saying what the step does.
    package var summary: String
    /// True for the optional ratchet steps.
    package var isOptional: Bool
    package var status: Status = .notStarted
    /// What the plan projected for this step (on the result of the steps before it).
    package var planned: MigrationChangeSummary?
    /// The metrics the plan projected after this step (nil until measured).
    package var plannedMetrics: MigrationMetrics?
    /// The latest preview, if any and still valid.
    package var preview: Preview?
    /// What is running for this step now (`type-checking the result (tsc)…`), nil when idle.
    package var activity: String?
    /// The token of the preview being computed; results with another token are dropped.
    package var previewToken: Int?

    package init(name: String, summary: String, isOptional: Bool) {
        self.name = name
        self.summary = summary
        self.isOptional = isOptional
    }

    /// The checkpoint holding the step, when it is applied.
    package var appliedCheckpoint: Int? {
        if case .applied(let checkpoint) = self.status { return checkpoint }
        return nil
    }

    /// True when the step is applied.
    package var isApplied: Bool { self.appliedCheckpoint != nil }

    /// The checkpoint title for this step: what `seam log` lists, and how the walkthrough finds
    /// the step's checkpoints again (a review's apply prefixes it with `review: `).
    package var changesetTitle: String { Self.title(forStep: self.name) }

    /// The changeset title of step `name`.
    package static func title(forStep name: String) -> String { "migrate js-to-ts: \(name)" }

    /// The status word shown in the table.
    package var statusText: String {
        switch self.status {
        case .notStarted: return "not started"
        case .previewed: return (self.preview?.changes.isEmpty ?? false) ? "up to date" : "previewed"
        case .applied(let checkpoint): return "applied #\(checkpoint)"
        case .undone(let checkpoint): return "undone #\(checkpoint)"
        case .failed: return "failed"
        }
    }
}
