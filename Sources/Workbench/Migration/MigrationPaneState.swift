import CodeIndex
import Codemods

/// The walkthrough's part of the workbench state: the steps of the JavaScript-to-TypeScript
/// migration with their status, the plan, the project as it is now, the selection, and the
/// model's help with types. Only `MigrationUpdate` changes it; effects report through
/// `MigrationMsg`s.
package struct MigrationPaneState: Sendable, Equatable {
    /// Where the plan stands.
    package enum PlanPhase: Hashable, Sendable {
        /// Not asked for yet.
        case notLoaded
        /// Being computed (the text says which part).
        case loading(String)
        /// Outline known; type checks still running (the text says which).
        case measuring(String)
        /// Complete.
        case loaded
        /// Could not be computed (the text says why).
        case failed(String)
    }

    /// Which list the selection keys move in.
    package enum Section: Hashable, Sendable {
        case steps, files
    }

    /// True once the walkthrough was opened in this workbench.
    package var isOpen = false
    /// Every step in order: the standard steps, then the optional ratchet.
    package var steps: [MigrationStepState]
    /// The selected step.
    package var selectedStep = 0
    /// The selected file (an index into `files`), for the model's help with types.
    package var selectedFile = 0
    /// Which list has the selection keys.
    package var section: Section = .steps

    package var planPhase: PlanPhase = .notLoaded
    package var plan: MigrationPlanOutline?
    /// Bumped for each plan request; older results are dropped.
    package var planGeneration = 0
    /// For each ratchet step: tsc errors its flag would add after the standard steps.
    package var ratchetCosts: [String: Int?] = [:]

    /// The project on disk, as last measured.
    package var project: MigrationProjectStatus?
    /// Metrics when the walkthrough opened.
    package var baseline: MigrationMetrics?
    /// True while the project is being measured.
    package var isMeasuring = false
    /// Bumped for each measurement; older results are dropped.
    package var projectGeneration = 0
    /// The next preview token.
    package var nextPreviewToken = 1

    /// The model's help with types, latest request.
    package var typeRequest: MigrationTypeRequest?
    /// The next type request id.
    package var nextTypeRequestID = 1

    /// The last problem worth showing in the walkthrough (a refused undo, a failed plan).
    package var message: String?
    /// The step whose review opens as soon as its preview is ready.
    package var reviewAfterPreview: String?
    /// The origin of the review the walkthrough opened, while it is open: when that review
    /// closes, the main view comes back to the walkthrough.
    package var reviewOrigin: ReviewSession.Origin?

    package init(codemods: [any Codemod] = JSToTSMigration.allSteps) {
        let optional = Set(JSToTSMigration.ratchetSteps.map(\.name))
        self.steps = codemods.map {
            MigrationStepState(name: $0.name, summary: $0.summary, isOptional: optional.contains($0.name))
        }
    }

    /// The index of the step called `name`.
    package func index(ofStep name: String) -> Int? {
        self.steps.firstIndex { $0.name == name }
    }

    /// The first standard step not applied yet (the one the walkthrough suggests next).
    package var nextStepIndex: Int? {
        self.steps.firstIndex { !$0.isOptional && !$0.isApplied }
    }

    /// The latest applied step (the only one that can be undone: checkpoints undo newest first).
    package var latestAppliedIndex: Int? {
        self.steps.indices.filter { self.steps[$0].isApplied }.max {
            (self.steps[$0].appliedCheckpoint ?? 0) < (self.steps[$1].appliedCheckpoint ?? 0)
        }
    }

    /// The sources the file list shows: the project's when measured, else the plan's order.
    package var files: [MigrationProjectStatus.File] {
        if let project = self.project { return project.files }
        return (self.plan?.fileOrder ?? []).map {
            MigrationProjectStatus.File(path: $0, isJavaScript: ProjectSnapshot.isJavaScript($0))
        }
    }

    /// The selected file's path.
    package var selectedFilePath: String? {
        let files = self.files
        return files.indices.contains(self.selectedFile) ? files[self.selectedFile].path : nil
    }

    /// True while a preview runs for any step.
    package var isPreviewing: Bool { self.steps.contains { $0.previewToken != nil } }
}
