import Basics
import Changes
import CodeIndex
import Codemods
import TerminalKit
import TestSupport
import Testing

@testable import Workbench

/// A small CommonJS project on disk (require, module.exports, JSDoc types) and the workbench
/// opened on its walkthrough the way `seam migrate js-to-ts` opens it: main view zoomed and
/// focused, no engine.
final class MigrationFixture {
    let directory: TemporaryDirectory
    /// HOME and XDG_DATA_HOME for the checkpoint store.
    let data: TemporaryDirectory

    init() throws {
        self.directory = try TemporaryDirectory("migration")
        self.data = try TemporaryDirectory("migration-data")
        for (path, text) in TinyCommonJSProject.files { try self.directory.write(path, text) }
    }

    var root: String { self.directory.path }

    /// The migration over the fixture, without a compiler (fast and the same on every machine).
    var migration: JSToTSMigration {
        JSToTSMigration(
            root: self.root, context: CodemodContext(compiler: nil), applier: ChangesApplier(environment: [:]))
    }

    /// A workbench of `size` with the walkthrough open (the commands it asked for are dropped).
    func state(size: Size, keymap: String = "default") throws -> WorkbenchState {
        var state = try WorkbenchFixture.state(root: self.root, size: size, keymap: keymap)
        state.engine = .idle
        state.layout.zoomed = WorkbenchLayout.main
        _ = MigrationUpdate.open(focus: true, &state)
        return state
    }

    /// Step `name` previewed on the files as they are, as the effects report it (no tsc: the
    /// tsc count is set to `tscErrors`).
    func preview(_ name: String, tscErrors: Int? = 0) throws -> MigrationStepState.Preview {
        let step = try #require(JSToTSMigration.step(named: name))
        var preview = try self.migration.preview(step, measure: false)
        preview.metricsAfter.tscErrors = tscErrors
        let changeset = try ChangesApplier.changeset(
            for: preview.result.changes, root: self.root, title: MigrationStepState.title(forStep: name))
        return MigrationStepState.Preview(
            changes: MigrationChangeSummary(preview.result), metricsAfter: preview.metricsAfter, isMeasuring: false,
            changeset: changeset)
    }

    /// The project's status as a measurement reports it, with `checkpoints`.
    func status(tscErrors: Int? = nil, checkpoints: [CheckpointSummary] = []) throws -> MigrationProjectStatus {
        let snapshot = try self.migration.snapshot()
        var metrics = MigrationMetrics.measure(snapshot, compiler: nil)
        metrics.tscErrors = tscErrors
        if tscErrors == nil { metrics.tscUnavailableReason = "no tsconfig.json yet" }
        let graph = ImportGraph(snapshot: snapshot, resolver: self.migration.context.resolver(for: snapshot))
        return MigrationProjectStatus(
            metrics: metrics,
            files: graph.leavesFirst.map {
                MigrationProjectStatus.File(path: $0, isJavaScript: ProjectSnapshot.isJavaScript($0))
            },
            compiler: "tsc 5.0.4", hasCompiler: true, checkpoints: checkpoints)
    }

    /// The plan's outline for the fixture (computed without tsc).
    func outline() throws -> MigrationPlanOutline {
        var current = try self.migration.snapshot()
        let graph = ImportGraph(snapshot: current, resolver: self.migration.context.resolver(for: current))
        var steps: [String: MigrationChangeSummary] = [:]
        for step in JSToTSMigration.standardSteps {
            let preview = try self.migration.preview(step, on: current, measure: false)
            steps[step.name] = MigrationChangeSummary(preview.result)
            current = preview.snapshotAfter
        }
        return MigrationPlanOutline(
            fileOrder: graph.leavesFirst, cycles: graph.cycles, skipped: current.skipped, steps: steps)
    }

    /// Feeds the plan and a measurement as the effects would (generation 1 of each).
    func load(_ state: inout WorkbenchState) throws {
        WorkbenchFixture.feed(
            &state, .migration(.planOutlined(generation: 1, try self.outline())),
            .migration(.projectMeasured(generation: 1, try self.status())))
        for (index, step) in JSToTSMigration.standardSteps.enumerated() {
            var metrics = MigrationMetrics.measure(try self.migration.snapshot(), compiler: nil)
            metrics.tscErrors = [0, 4, 0, 0, 0][index]
            metrics.javaScriptFiles = index == 0 ? 3 : 0
            metrics.typeScriptFiles = index == 0 ? 0 : 3
            WorkbenchFixture.feed(&state, .migration(.planStepMeasured(generation: 1, step: step.name, metrics)))
        }
        WorkbenchFixture.feed(
            &state, .migration(.ratchetCostMeasured(generation: 1, step: "no-implicit-any", errors: 2)),
            .migration(.ratchetCostMeasured(generation: 1, step: "strict-null-checks", errors: 0)),
            .migration(.planFinished(generation: 1)))
    }

    /// The environment the checkpoint store reads (its data directory is the fixture's).
    var environment: [String: String] {
        ["XDG_DATA_HOME": self.data.appending("data"), "HOME": self.data.path, "TMPDIR": self.data.path]
    }

    /// The fixture's real checkpoint store.
    func store() throws -> CheckpointStore {
        try CheckpointStore(workspace: try WorkspaceRoot(self.root), environment: self.environment)
    }

    /// Applies step `name` (every hunk) as a real checkpoint titled `title`; returns its summary.
    @discardableResult
    func applyStep(_ name: String, title: String) throws -> CheckpointSummary {
        var review = ChangeReview(try self.preview(name).changeset)
        review.decideAll(.accepted)
        let store = try self.store()
        let id = try store.apply(review.resolved(), title: title)
        return try #require(try store.log().first { $0.id == id })
    }

    /// Reads `relative` in the project.
    func read(_ relative: String) throws -> String {
        try TestFiles.readText(self.directory.appending(relative))
    }
}
