import Basics
import Changes
import CodeIndex
import Codemods
import Dispatch

/// Runs the walkthrough's commands: the plan, previews (codemods and tsc, which take seconds),
/// measurements of the project, undoing a step's checkpoint, and preparing and reading the
/// model's type proposals. Work runs on two serial queues (the plan on one, everything the user
/// waits for on the other, so a long plan never holds up a preview); results come back as
/// `MigrationMsg`s on the main queue. Never touches the state.
///
/// Streaming the model's answer is not here: `WorkbenchEffects` owns the engine client and
/// runs `streamTypeAnswer` and `cancelTypeAnswer` itself.
@MainActor
package final class MigrationEffects {
    package typealias Send = @MainActor @Sendable (Msg) -> Void

    private let root: String
    private let environment: [String: String]
    private let planQueue = DispatchQueue(label: "seam.migration.plan")
    private let workQueue = DispatchQueue(label: "seam.migration.work")
    /// The compiler, looked up once (running `tsc --version` takes a moment).
    private let compilerLookup = LockedBox<CompilerLookup?>(nil)
    /// The newest plan generation asked for; an older plan stops at its next stage.
    private let latestPlan = LockedBox(0)

    /// The outcome of looking for tsc.
    private struct CompilerLookup: Sendable {
        var compiler: TypeScriptCompiler?
    }

    /// Effects for the workspace at `root`, with `environment` (PATH for tsc, the data
    /// directory for the checkpoint store).
    package init(root: String, environment: [String: String]) {
        self.root = root
        self.environment = environment
    }

    /// Runs `command`; its results arrive later through `send`.
    package func perform(_ command: MigrationCommand, send: @escaping Send) {
        let root = self.root
        let environment = self.environment
        let lookup = self.compilerLookup
        switch command {
        case .loadPlan(let generation):
            self.latestPlan.withLock { $0 = max($0, generation) }
            let latest = self.latestPlan
            self.planQueue.async {
                let compiler = Self.compiler(lookup, root: root, environment: environment)
                Self.plan(generation, root: root, compiler: compiler, environment: environment, latest: latest) { msg in
                    Self.deliver(msg, send)
                }
            }
        case .measureProject(let generation):
            self.workQueue.async {
                let compiler = Self.compiler(lookup, root: root, environment: environment)
                Self.measure(generation, root: root, compiler: compiler, environment: environment) {
                    Self.deliver($0, send)
                }
            }
        case .preview(let step, let token):
            self.workQueue.async {
                let compiler = Self.compiler(lookup, root: root, environment: environment)
                Self.preview(step, token: token, root: root, compiler: compiler, environment: environment) {
                    Self.deliver($0, send)
                }
            }
        case .undoStep(let checkpoint, let step):
            self.workQueue.async {
                let message = Self.undo(checkpoint, step: step, root: root, environment: environment)
                DispatchQueue.main.async { MainActor.assumeIsolated { send(message) } }
            }
        case .prepareTypeRequest(let id, let path):
            self.workQueue.async {
                let compiler = Self.compiler(lookup, root: root, environment: environment)
                Self.deliver(Self.typeRequest(id, path: path, root: root, compiler: compiler), send)
            }
        case .readTypeAnswer(let id, let path, let answer):
            self.workQueue.async {
                let message: MigrationMsg
                do {
                    message = .typeAnswerRead(
                        id: id, try TypeProposal.changeset(fromAnswer: answer, path: path, root: root))
                } catch {
                    message = .typeAnswerFailed(id: id, "cannot read the answer's edits: \(describe(error))")
                }
                Self.deliver(message, send)
            }
        case .streamTypeAnswer, .cancelTypeAnswer:
            // The engine client lives in WorkbenchEffects, which handles these two.
            break
        }
    }

    /// The message a chat stream result becomes for type request `id` (WorkbenchEffects
    /// streams the answer with its chat machinery and translates each result with this).
    nonisolated package static func typeAnswerMessage(_ msg: Msg, id: Int) -> Msg {
        switch msg {
        case .chatDeltaReceived(_, let content, _): return .migration(.typeAnswerReceived(id: id, content: content))
        case .chatFinished(_, let finishReason, _):
            return .migration(.typeAnswerFinished(id: id, finishReason: finishReason))
        case .chatFailed(_, let message): return .migration(.typeAnswerFailed(id: id, message))
        default: return msg
        }
    }

    // MARK: - Work (off the main loop)

    nonisolated private static func deliver(_ msg: MigrationMsg, _ send: @escaping Send) {
        DispatchQueue.main.async { MainActor.assumeIsolated { send(.migration(msg)) } }
    }

    nonisolated private static func compiler(
        _ lookup: LockedBox<CompilerLookup?>, root: String, environment: [String: String]
    ) -> TypeScriptCompiler? {
        if let found = lookup.value { return found.compiler }
        let compiler = TypeScriptCompiler.locate(projectRoot: root, environment: environment)
        lookup.withLock { $0 = CompilerLookup(compiler: compiler) }
        return compiler
    }

    nonisolated private static func migration(
        root: String, compiler: TypeScriptCompiler?, environment: [String: String]
    )
        -> JSToTSMigration
    {
        JSToTSMigration(
            root: root, context: CodemodContext(compiler: compiler), applier: ChangesApplier(environment: environment))
    }

    /// The plan in stages: the outline first, then a type check per step, then the ratchet costs.
    nonisolated private static func plan(
        _ generation: Int, root: String, compiler: TypeScriptCompiler?, environment: [String: String],
        latest: LockedBox<Int>, send: (MigrationMsg) -> Void
    ) {
        let migration = self.migration(root: root, compiler: compiler, environment: environment)
        let isCurrent = { latest.value == generation }
        do {
            send(.planProgressed(generation: generation, "reading the project…"))
            let start = try migration.snapshot()
            let graph = ImportGraph(snapshot: start, resolver: migration.context.resolver(for: start))
            var current = start
            var results: [(name: String, snapshot: ProjectSnapshot)] = []
            var summaries: [String: MigrationChangeSummary] = [:]
            let steps = JSToTSMigration.standardSteps
            for (index, step) in steps.enumerated() {
                guard isCurrent() else { return }
                send(
                    .planProgressed(
                        generation: generation, "planning step \(index + 1) of \(steps.count): \(step.name)…"))
                let preview = try migration.preview(step, on: current, measure: false)
                summaries[step.name] = MigrationChangeSummary(preview.result)
                current = preview.snapshotAfter
                results.append((step.name, current))
            }
            send(
                .planOutlined(
                    generation: generation,
                    MigrationPlanOutline(
                        fileOrder: graph.leavesFirst, cycles: graph.cycles, skipped: start.skipped, steps: summaries)))
            for (index, result) in results.enumerated() {
                guard isCurrent() else { return }
                if compiler != nil && result.snapshot.files["tsconfig.json"] != nil {
                    send(
                        .planProgressed(generation: generation, "type-checking the result of step \(index + 1) (tsc)…"))
                }
                send(
                    .planStepMeasured(
                        generation: generation, step: result.name,
                        MigrationMetrics.measure(result.snapshot, compiler: compiler)))
            }
            for case let ratchet as RatchetStrictness in JSToTSMigration.ratchetSteps {
                guard isCurrent() else { return }
                send(.planProgressed(generation: generation, "measuring what \(ratchet.flag.rawValue) costs (tsc)…"))
                send(
                    .ratchetCostMeasured(
                        generation: generation, step: ratchet.name,
                        errors: ratchet.cost(of: current, context: migration.context)))
            }
            send(.planFinished(generation: generation))
        } catch {
            send(.planFailed(generation: generation, describe(error)))
        }
    }

    /// The project on disk: a quick report (counts, sources, checkpoints), then tsc's count.
    nonisolated private static func measure(
        _ generation: Int, root: String, compiler: TypeScriptCompiler?, environment: [String: String],
        send: (MigrationMsg) -> Void
    ) {
        let migration = self.migration(root: root, compiler: compiler, environment: environment)
        do {
            let snapshot = try migration.snapshot()
            let graph = ImportGraph(snapshot: snapshot, resolver: migration.context.resolver(for: snapshot))
            let files = graph.leavesFirst.map {
                MigrationProjectStatus.File(path: $0, isJavaScript: ProjectSnapshot.isJavaScript($0))
            }
            let checkpoints =
                (try? CheckpointStore(workspace: try WorkspaceRoot(root), environment: environment).log()) ?? []
            let description =
                compiler.map { "tsc \($0.version)" }
                ?? "tsc not found: type errors are not checked (install node-typescript)"
            let checks = compiler != nil && snapshot.files["tsconfig.json"] != nil
            // Without tsc (or a tsconfig.json) this is quick and final; with it, report the
            // counts now and tsc's verdict when it comes.
            var status = MigrationProjectStatus(
                metrics: MigrationMetrics.measure(snapshot, compiler: checks ? nil : compiler), files: files,
                compiler: description,
                hasCompiler: compiler != nil, checkpoints: checkpoints, isTypeChecking: checks)
            send(.projectMeasured(generation: generation, status))
            guard checks else { return }
            status.metrics = MigrationMetrics.measure(snapshot, compiler: compiler)
            status.isTypeChecking = false
            send(.projectMeasured(generation: generation, status))
        } catch {
            send(.projectMeasureFailed(generation: generation, describe(error)))
        }
    }

    /// One step on the project as it is now: the changes and changeset first, then tsc's count.
    nonisolated private static func preview(
        _ name: String, token: Int, root: String, compiler: TypeScriptCompiler?, environment: [String: String],
        send: (MigrationMsg) -> Void
    ) {
        guard let step = JSToTSMigration.step(named: name) else {
            send(.previewFailed(step: name, token: token, "unknown step \(name)"))
            return
        }
        let migration = self.migration(root: root, compiler: compiler, environment: environment)
        do {
            send(.previewProgressed(step: name, token: token, "reading the project…"))
            let snapshot = try migration.snapshot()
            let ratchet = step as? RatchetStrictness
            var cost: Int?
            if let ratchet {
                send(
                    .previewProgressed(step: name, token: token, "measuring what \(ratchet.flag.rawValue) costs (tsc)…")
                )
                cost = ratchet.cost(of: snapshot, context: migration.context)
            }
            let readsDiagnostics = (step is FixTypeErrors || ratchet != nil) && compiler != nil
            send(
                .previewProgressed(
                    step: name, token: token,
                    "running \(name)" + (readsDiagnostics ? " (it reads tsc's diagnostics)…" : "…")))
            var preview = try migration.preview(step, on: snapshot, measure: false)
            send(.previewProgressed(step: name, token: token, "building the changeset…"))
            let changeset = try ChangesApplier.changeset(
                for: preview.result.changes, root: root, title: MigrationStepState.title(forStep: name))
            let checks = compiler != nil && preview.snapshotAfter.files["tsconfig.json"] != nil
            if checks {
                preview.metricsAfter.tscUnavailableReason = nil
            } else {
                preview.metricsAfter = MigrationMetrics.measure(preview.snapshotAfter, compiler: compiler)
            }
            send(
                .previewed(
                    step: name, token: token,
                    MigrationStepState.Preview(
                        changes: MigrationChangeSummary(preview.result), metricsAfter: preview.metricsAfter,
                        isMeasuring: checks,
                        changeset: changeset, ratchetCost: cost)))
            guard checks else { return }
            send(.previewProgressed(step: name, token: token, "type-checking the result (tsc)…"))
            let metrics = MigrationMetrics.measure(
                preview.snapshotAfter, compiler: compiler, extraArguments: ratchet?.compilerArguments ?? [])
            send(.previewMeasured(step: name, token: token, metrics))
        } catch {
            send(.previewFailed(step: name, token: token, describe(error)))
        }
    }

    /// Undoes `checkpoint` when it is the latest change; the review hears of it like any undo.
    nonisolated private static func undo(_ checkpoint: Int, step: String, root: String, environment: [String: String])
        -> Msg
    {
        do {
            let store = try CheckpointStore(workspace: try WorkspaceRoot(root), environment: environment)
            guard let latest = try store.log().last(where: { !$0.isUndone }) else {
                return .migration(.undoRefused("nothing to undo: no applied checkpoint"))
            }
            guard latest.id == checkpoint else {
                return .migration(
                    .undoRefused(
                        "checkpoint \(latest.id) (\(latest.title)) was applied after \(step): undo it first; nothing was changed"
                    ))
            }
            return .review(.checkpointUndone(try store.undo()))
        } catch {
            return .migration(.undoRefused("undo refused: \(describe(error))"))
        }
    }

    /// The engine request for types in `path`, with tsc's diagnostics when it can run.
    nonisolated private static func typeRequest(_ id: Int, path: String, root: String, compiler: TypeScriptCompiler?)
        -> MigrationMsg
    {
        let migration = self.migration(root: root, compiler: compiler, environment: [:])
        do {
            let snapshot = try migration.snapshot()
            guard snapshot.files[path] != nil else {
                return .typeRequestFailed(id: id, "\(path) is not a source file of the project")
            }
            var diagnostics: [TypeScriptCompiler.Diagnostic] = []
            if let compiler, snapshot.files["tsconfig.json"] != nil {
                diagnostics = (try? compiler.check(snapshot).diagnostics) ?? []
            }
            let request = TypeProposal.request(
                for: path, in: snapshot, diagnostics: diagnostics, resolver: migration.context.resolver(for: snapshot))
            let messages = request.messages.map { message in
                ContextMessage(role: message.role == "system" ? .system : .user, content: message.content)
            }
            return .typeRequestPrepared(id: id, messages: messages)
        } catch {
            return .typeRequestFailed(id: id, "cannot read the project: \(describe(error))")
        }
    }
}
