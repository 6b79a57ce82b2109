import Basics
import CodeIndex
import Codemods
import TerminalKit
import Workbench

#if canImport(Glibc)
import Glibc
#endif

/// `seam migrate js-to-ts [PATH] [--plan | --step NAME | --all | --undo] [--headless]`. With none
/// of the four on a terminal, the workbench opens on the walkthrough.
let migrateCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam migrate",
        abstract: "migrate a JavaScript project to TypeScript in reviewable steps",
        usage: "js-to-ts [PATH] [--plan | --step NAME | --all | --undo] [--headless]",
        options: [
            .init("plan", help: "print the plan: files leaves-first, each step's changes and metrics"),
            .init("step", value: "NAME", help: "preview (or with --headless apply) one step: " + JSToTSMigration.allSteps.map(\.name).joined(separator: ", ")),
            .init("all", help: "every standard step in order (tsconfig, rename, esm, types, fix-errors)"),
            .init("undo", help: "undo the latest applied step"),
            .init("headless", help: "accept every hunk and apply each step as a checkpoint, printing its metrics"),
            .init("theme", value: "NAME", help: "the walkthrough's theme (Themes/ or ~/.config/seam/themes)"),
            .init("keymap", value: "NAME", help: "the walkthrough's keymap: default, vim, emacs"),
            .init("no-mouse", help: "leave the mouse to the terminal (text selection)"),
            .init("engine", value: "ADDRESS", help: "the engine asked for types (connected on request)"),
            .init("model", value: "DIR", help: "checkpoint to start seam-engine on when no engine answers"),
        ],
        positionals: [("js-to-ts", "the migration (the only one so far)"), ("PATH", "the project (default: current directory)")],
        discussion: """
            With none of --plan, --step, --all, --undo, on a terminal, the workbench opens on the walkthrough: preview
            each step, review it hunk by hunk, apply it as a checkpoint, undo it, ask the model for types (otherwise
            it prints the plan). Without --headless, --step and --all only preview. Each applied step is a checkpoint
            (seam undo works too).
            """
    )
) { arguments in
    guard arguments.positionals.first == "js-to-ts" else {
        throw UsageError("seam migrate", "name the migration: 'seam migrate js-to-ts [PATH]'")
    }
    var modes = ["plan", "all", "undo"].filter { arguments.flag($0) } + (arguments.value("step") != nil ? ["step"] : [])
    guard modes.count <= 1, !(modes.isEmpty && arguments.flag("headless")) else {
        throw UsageError("seam migrate", "give exactly one of --plan, --step NAME, --all, --undo")
    }
    let path = FileSystem.absolute(arguments.positionals.count > 1 ? arguments.positionals[1] : ".")
    guard FileSystem.isDirectory(path) else { throw UsageError("seam migrate", "'\(path)' is not a directory") }
    let root = FileSystem.realPath(path) ?? path
    if modes.isEmpty && !(isatty(0) == 1 && isatty(1) == 1) {
        writeStandardError("seam migrate: the walkthrough needs a terminal; printing the plan (--plan) instead\n")
        modes = ["plan"]
    }
    if modes.isEmpty {
        return try MainActor.assumeIsolated {
            try WorkbenchLauncher.run(arguments, root: root) { state, commands in
                // The walkthrough needs no engine until the model is asked for types.
                state.engine = .idle
                state.layout.zoomed = WorkbenchLayout.main
                let opened = MigrationUpdate.open(focus: true, &state)
                return commands.filter { $0 != .connectEngine } + opened
            }
        }
    }
    let compiler = TypeScriptCompiler.locate(projectRoot: root)
    let migration = JSToTSMigration(
        root: root, context: CodemodContext(compiler: compiler),
        applier: ChangesApplier())
    var report = MigrationReport()
    report.line("seam migrate js-to-ts: \(root)")
    if let compiler {
        report.line("tsc \(compiler.version) (\(compiler.executable))")
    } else {
        report.line("tsc not found: type errors are not checked (install node-typescript, or typescript in node_modules)")
    }
    switch modes[0] {
    case "plan":
        let plan = try migration.plan()
        report.plan(plan)
    case "undo":
        if let label = try migration.undo() {
            report.line("undid: \(label)")
        } else {
            report.line("nothing to undo")
        }
    case "step":
        let name = arguments.value("step") ?? ""
        guard let step = JSToTSMigration.step(named: name) else {
            throw UsageError("seam migrate", "unknown step '\(name)'; steps: " + JSToTSMigration.allSteps.map(\.name).joined(separator: ", "))
        }
        try runSteps([step], migration, headless: arguments.flag("headless"), report: &report)
    default:
        try runSteps(JSToTSMigration.standardSteps, migration, headless: arguments.flag("headless"), report: &report)
    }
    writeStandardOutput(report.text)
    return 0
}

/// Previews each step on the project as it is, and applies it when headless.
private func runSteps(_ steps: [any Codemod], _ migration: JSToTSMigration, headless: Bool, report: inout MigrationReport) throws {
    let start = try migration.snapshot()
    // A single step reports the counts before it without type-checking (the previous step's
    // "after" line has the tsc count); a whole run checks the starting point too.
    let checkBefore = steps.count > 1 ? migration.context.compiler : nil
    report.line("before: " + MigrationMetrics.measure(start, compiler: checkBefore).summaryLine)
    var current = start
    for step in steps {
        let clock = ContinuousClock()
        let began = clock.now
        let preview = try migration.preview(step, on: headless ? nil : current)
        report.stepPreview(preview)
        if headless {
            if let id = try migration.apply(preview) {
                report.line("  applied as checkpoint \(id)")
            } else {
                report.line("  nothing to apply")
            }
        }
        let seconds = Double((clock.now - began).components.attoseconds / 1_000_000_000_000_000) / 1000
            + Double((clock.now - began).components.seconds)
        report.line("  time: " + String(Int(seconds * 10)) .inserting(decimalPointBefore: 1) + " s")
        current = preview.snapshotAfter
    }
    if !headless { report.line("preview only: pass --headless to accept every hunk and apply") }
}

/// The text `seam migrate` prints.
private struct MigrationReport {
    var text = ""

    mutating func line(_ line: String) {
        self.text += line + "\n"
    }

    mutating func plan(_ plan: JSToTSMigration.Plan) {
        self.line("before: " + plan.baseline.summaryLine)
        if let reason = plan.baseline.tscUnavailableReason { self.line("  (tsc: \(reason))") }
        self.line("files, leaves first (\(plan.fileOrder.count)):")
        for (index, file) in plan.fileOrder.enumerated() { self.line("  \(index + 1). \(file)") }
        if plan.cycles.isEmpty {
            self.line("import cycles: none")
        } else {
            for cycle in plan.cycles { self.line("import cycle: " + cycle.joined(separator: " ↔ ")) }
        }
        for (path, reason) in plan.skipped.sorted(by: { $0.key < $1.key }) { self.line("skipped: \(path) (\(reason))") }
        for (index, step) in plan.steps.enumerated() {
            self.line("step \(index + 1):")
            self.stepPreview(step)
        }
        for cost in plan.ratchetCosts {
            self.line("ratchet \(cost.flag): " + (cost.errors.map { "\($0) tsc errors to fix after the steps above" } ?? "unchecked"))
        }
    }

    mutating func stepPreview(_ preview: JSToTSMigration.StepPreview) {
        self.line("\(preview.name): \(preview.summary)")
        let changes = preview.result.changes
        if changes.isEmpty { self.line("  no changes") }
        var added = 0
        var removed = 0
        for change in changes {
            let counts = change.lineCounts
            added += counts.added
            removed += counts.removed
        }
        if !changes.isEmpty {
            let renames = changes.filter(\.isRename).count
            let created = changes.filter { $0.oldPath == nil }.count
            self.line("  changes: \(changes.count) files (\(renames) renamed, \(created) new), +\(added) -\(removed) lines")
            for change in changes.prefix(60) {
                let counts = change.lineCounts
                let name = change.isRename ? "\(change.oldPath ?? "") → \(change.newPath ?? "")" : change.displayPath
                self.line("    \(name) +\(counts.added) -\(counts.removed)\(change.oldPath == nil ? " (new)" : "")")
            }
            if changes.count > 60 { self.line("    … \(changes.count - 60) more") }
        }
        for finding in preview.result.findings.prefix(40) { self.line("  note: \(finding)") }
        if preview.result.findings.count > 40 { self.line("  … \(preview.result.findings.count - 40) more notes") }
        self.line("  after: " + preview.metricsAfter.summaryLine)
    }
}

extension String {
    /// "123" → "12.3" with `decimalPointBefore: 1`.
    fileprivate func inserting(decimalPointBefore digits: Int) -> String {
        let padded = self.count <= digits ? String(repeating: "0", count: digits - self.count + 1) + self : self
        return String(padded.dropLast(digits)) + "." + String(padded.suffix(digits))
    }
}
