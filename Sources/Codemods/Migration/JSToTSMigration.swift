import Basics
import CodeIndex
import FoundationEssentials

/// The JavaScript-to-TypeScript walkthrough: an ordered list of steps, each previewed as changes
/// with the metrics it leads to, applied as one checkpoint, and undoable.
///
/// The TUI's walkthrough view and `seam migrate js-to-ts` both drive this type: `plan()` for the
/// overview, `preview(step:)` for one step's changes on the project as it is now, `apply(_:)`
/// through a `MigrationApplier`, `undo()`.
package struct JSToTSMigration: Sendable {
    /// The project directory.
    package var root: String
    /// The compiler and resolver settings.
    package var context: CodemodContext
    /// Applies and undoes checkpoints.
    package var applier: any MigrationApplier

    /// Steps run by `--all`, in order.
    package static let standardSteps: [any Codemod] = [
        ConfigureTypeScript(), RenameToTypeScript(), CommonJSToESModules(), InferTypes(), FixTypeErrors(),
    ]
    /// The optional ratchet steps, in order.
    package static let ratchetSteps: [any Codemod] = [
        RatchetStrictness(flag: .noImplicitAny), RatchetStrictness(flag: .strictNullChecks),
    ]
    /// Every step by name.
    package static var allSteps: [any Codemod] { self.standardSteps + self.ratchetSteps }

    package init(root: String, context: CodemodContext, applier: any MigrationApplier) {
        self.root = root
        self.context = context
        self.applier = applier
    }

    /// The step called `name`, or nil.
    package static func step(named name: String) -> (any Codemod)? {
        self.allSteps.first { $0.name == name }
    }

    /// The project's sources as they are on disk now (the compiler's outDir is skipped).
    package func snapshot() throws -> ProjectSnapshot {
        var extra: [String] = []
        if let data = FileManager.default.contents(atPath: self.root + "/tsconfig.json"),
            let config = try? JSONValue.parse(String(decoding: data, as: UTF8.self)),
            let outDir = config["compilerOptions"]?["outDir"]?.stringValue
        {
            extra.append(ModuleResolver.normalize(outDir))
        }
        return try ProjectSnapshot.load(root: self.root, extraSkipped: extra)
    }

    /// A step's preview: its changes and findings, and the metrics after it.
    package struct StepPreview: Sendable {
        /// The step name.
        package var name: String
        /// What the step does.
        package var summary: String
        /// Its changes and findings.
        package var result: CodemodResult
        /// Metrics of the project with this step's changes applied.
        package var metricsAfter: MigrationMetrics
        /// The project after the step.
        package var snapshotAfter: ProjectSnapshot
    }

    /// Previews `step` on `snapshot` (the project now when nil). `measure: false` skips the
    /// type check behind `metricsAfter.tscErrors` (nil then), which is the slow part.
    package func preview(_ step: any Codemod, on snapshot: ProjectSnapshot? = nil, measure: Bool = true) throws -> StepPreview {
        let before = try snapshot ?? self.snapshot()
        let result = try step.run(on: before, context: self.context)
        let after = before.applying(result.changes)
        let arguments = (step as? RatchetStrictness)?.compilerArguments ?? []
        let metrics = MigrationMetrics.measure(after, compiler: measure ? self.context.compiler : nil, extraArguments: arguments)
        return StepPreview(name: step.name, summary: step.summary, result: result, metricsAfter: metrics, snapshotAfter: after)
    }

    /// Applies a preview's changes as one checkpoint labelled with the step name; returns its id.
    /// Fails without writing anything when a file changed on disk since the preview.
    @discardableResult
    package func apply(_ preview: StepPreview) throws -> String? {
        guard !preview.result.changes.isEmpty else { return nil }
        return try self.applier.apply(preview.result.changes, root: self.root, label: "migrate js-to-ts: \(preview.name)")
    }

    /// Undoes the latest checkpoint; returns its label.
    package func undo() throws -> String? {
        try self.applier.undo(root: self.root)
    }

    /// The whole plan: files leaves-first, cycles, and every standard step previewed in sequence
    /// on the result of the previous one, with metrics; plus what each ratchet would cost.
    package struct Plan: Sendable {
        /// Metrics before any step.
        package var baseline: MigrationMetrics
        /// Sources, each after the files it imports.
        package var fileOrder: [String]
        /// Import cycles (files that stay CommonJS).
        package var cycles: [[String]]
        /// What was left out of the project and why.
        package var skipped: [String: String]
        /// Every standard step, previewed on the result of the one before.
        package var steps: [StepPreview]
        /// tsc errors each ratchet flag would add after the standard steps (nil when unchecked).
        package var ratchetCosts: [(flag: String, errors: Int?)]
    }

    /// Computes the plan without touching the project.
    package func plan() throws -> Plan {
        let start = try self.snapshot()
        let graph = ImportGraph(snapshot: start, resolver: self.context.resolver(for: start))
        var steps: [StepPreview] = []
        var current = start
        for step in Self.standardSteps {
            let preview = try self.preview(step, on: current)
            steps.append(preview)
            current = preview.snapshotAfter
        }
        var costs: [(String, Int?)] = []
        for case let ratchet as RatchetStrictness in Self.ratchetSteps {
            costs.append((ratchet.flag.rawValue, ratchet.cost(of: current, context: self.context)))
        }
        return Plan(
            baseline: MigrationMetrics.measure(start, compiler: self.context.compiler), fileOrder: graph.leavesFirst,
            cycles: graph.cycles, skipped: start.skipped, steps: steps, ratchetCosts: costs)
    }
}
