import Basics
import Changes
import CodeIndex
import Codemods
import TestSupport
import Testing

/// A small CommonJS project on disk, with a checkpoint store of its own.
private func makeProject() throws -> (TemporaryDirectory, TemporaryDirectory) {
    let project = try TemporaryDirectory("migrate")
    let data = try TemporaryDirectory("migrate-data")
    try project.write("package.json", "{\n  \"name\": \"tiny\",\n  \"main\": \"index.js\"\n}\n")
    try project.write("index.js", "const add = require('./lib/add')\nconst { twice } = require('./lib/twice')\nmodule.exports = { add, twice }\n")
    try project.write("lib/add.js", "/** @param {number} a @param {number} b @returns {number} */\nfunction add(a, b) { return a + b }\nmodule.exports = add\n")
    try project.write("lib/twice.js", "const add = require('./add')\nexports.twice = (x) => add(x, x)\n")
    return (project, data)
}

/// Every file under `root` with its bytes.
private func tree(_ root: String) throws -> [String: [UInt8]] {
    let snapshot = try Subprocess.run("/usr/bin/find", [".", "-type", "f"], directory: root)
    var files: [String: [UInt8]] = [:]
    for line in snapshot.output.split(separator: "\n") {
        files[String(line)] = try TestFiles.read(root + "/" + line)
    }
    return files
}

@Suite("Migration", .dedicatedThreads)
struct MigrationTests {
    @Test("the plan orders files leaves first and previews every step with metrics, touching nothing")
    func plan() throws {
        let (project, data) = try makeProject()
        let before = try tree(project.path)
        let compiler = try requireCompiler()
        let migration = JSToTSMigration(
            root: project.path, context: CodemodContext(compiler: compiler, globalFolders: []),
            applier: ChangesApplier(environment: ["XDG_DATA_HOME": data.path, "HOME": data.path]))
        let plan = try migration.plan()
        #expect(plan.fileOrder == ["lib/add.js", "lib/twice.js", "index.js"])
        #expect(plan.cycles.isEmpty)
        #expect(plan.steps.map(\.name) == ["tsconfig", "rename", "esm", "types", "fix-errors"])
        #expect(plan.baseline.javaScriptFiles == 3)
        #expect(plan.steps[1].metricsAfter.javaScriptFiles == 0)
        #expect(plan.steps.last?.metricsAfter.tscErrors == 0)
        #expect(plan.steps[3].snapshotAfter.files["lib/add.ts"]?.contains("function add(a: number, b: number): number") == true)
        #expect(plan.ratchetCosts.map(\.flag) == ["noImplicitAny", "strictNullChecks"])
        #expect(try tree(project.path) == before)
    }

    @Test("each step applies as a checkpoint, undo restores the exact bytes, and a second run changes nothing")
    func applyAndUndo() throws {
        let (project, data) = try makeProject()
        let original = try tree(project.path)
        let compiler = try requireCompiler()
        let migration = JSToTSMigration(
            root: project.path, context: CodemodContext(compiler: compiler, globalFolders: []),
            applier: ChangesApplier(environment: ["XDG_DATA_HOME": data.path, "HOME": data.path]))
        var walkthrough = MigrationWalkthrough(codemods: JSToTSMigration.standardSteps)
        for (index, step) in JSToTSMigration.standardSteps.enumerated() {
            let before = try tree(project.path)
            let preview = try migration.preview(step, measure: false)
            walkthrough.recordPreview(preview, at: index)
            let checkpoint = try migration.apply(preview)
            walkthrough.recordApplied(checkpoint: checkpoint, at: index)
            if checkpoint != nil {
                #expect(try tree(project.path) != before)
                #expect(try migration.undo() == "migrate js-to-ts: \(step.name)")
                #expect(try tree(project.path) == before, "undo of \(step.name) left different bytes")
                try migration.apply(try migration.preview(step, measure: false))
            }
            #expect(try migration.preview(step, measure: false).result.changes.isEmpty, "\(step.name) is not idempotent")
        }
        #expect(walkthrough.nextStepIndex == nil)
        #expect(try compiler.check(directory: project.path).diagnostics.isEmpty)
        // Undoing everything gives back the original bytes.
        for _ in 0..<4 { _ = try migration.undo() }
        #expect(try tree(project.path) == original)
        #expect(try migration.undo() == nil)
    }

    @Test("a preview made before an edit on disk is refused and nothing is written")
    func stalePreview() throws {
        let (project, data) = try makeProject()
        let migration = JSToTSMigration(
            root: project.path, context: CodemodContext(compiler: nil, globalFolders: []),
            applier: ChangesApplier(environment: ["XDG_DATA_HOME": data.path, "HOME": data.path]))
        let preview = try migration.preview(ConfigureTypeScript(), measure: false)
        try project.write("package.json", "{\"name\": \"edited meanwhile\"}\n")
        let edited = try tree(project.path)
        #expect(throws: MigrationApplyError.self) { try migration.apply(preview) }
        #expect(try tree(project.path) == edited)
    }

    @Test("a type proposal prompt carries the file, its neighbours' exports and tsc's errors; the answer becomes a changeset")
    func typeProposal() throws {
        let project = try TemporaryDirectory("proposal")
        try project.write("lib/twice.ts", "import add from './add'\nexport const twice = (x) => add(x, x)\n")
        try project.write("lib/add.ts", "function add(a: number, b: number): number { return a + b }\nexport = add\n")
        let snapshot = try ProjectSnapshot.load(root: project.path)
        let diagnostic = TypeScriptCompiler.Diagnostic(file: "lib/twice.ts", line: 2, column: 23, code: 7006, message: "Parameter 'x' implicitly has an 'any' type.")
        let request = TypeProposal.request(for: "lib/twice.ts", in: snapshot, diagnostics: [diagnostic])
        #expect(request.system.contains("SEARCH/REPLACE"))
        #expect(request.user.contains("export const twice = (x) => add(x, x)"))
        #expect(request.user.contains("function add(a: number, b: number): number"))
        #expect(request.user.contains("TS7006"))
        let answer = """
            Here are the types.

            lib/twice.ts
            <<<<<<< SEARCH
            export const twice = (x) => add(x, x)
            =======
            export const twice = (x: number): number => add(x, x)
            >>>>>>> REPLACE

            lib/add.ts
            <<<<<<< SEARCH
            export = add
            =======
            export default add
            >>>>>>> REPLACE
            """
        let changeset = try TypeProposal.changeset(fromAnswer: answer, path: "lib/twice.ts", root: project.path)
        #expect(changeset.files.map(\.path) == ["lib/twice.ts"])
        #expect(changeset.files.first?.refusal == nil)
        #expect(changeset.files.first?.blocks.count == 1)
        #expect(changeset.diagnostics.contains { $0.path == "lib/add.ts" && $0.message.contains("dropped") })
    }
}
