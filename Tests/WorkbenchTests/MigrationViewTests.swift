import Basics
import Changes
import Codemods
import TerminalKit
import TestSupport
import Testing

@testable import Workbench

@Suite("Migration walkthrough: screens in the TestBackend")
struct MigrationViewTests {
    /// Compares `screen` with `Tests/Fixtures/migration/NAME.txt` (see `ScreenSnapshot`).
    func expectSnapshot(_ name: String, _ screen: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try ScreenSnapshot.expect(screen, matches: "migration/\(name).txt", sourceLocation: sourceLocation)
    }

    @MainActor
    func draw(_ state: WorkbenchState) -> TestBackend { WorkbenchFixture.draw(state) }

    /// The fixture's walkthrough at `size` with the plan in, step 1 applied as checkpoint 1 and
    /// step 2 previewed (tsc still checking).
    func progressed(_ fixture: MigrationFixture, size: Size) throws -> WorkbenchState {
        var state = try fixture.state(size: size)
        try fixture.load(&state)
        // Step 1 applied for real (so step 2 is previewed on the project after it).
        try fixture.applyStep("tsconfig", title: "review: migrate js-to-ts: tsconfig")
        let checkpoints = try fixture.store().log()
        WorkbenchFixture.feed(
            &state,
            .migration(
                .projectMeasured(
                    generation: state.migration.projectGeneration,
                    try fixture.status(tscErrors: 0, checkpoints: checkpoints))))
        try WorkbenchFixture.press(&state, "down")
        try WorkbenchFixture.press(&state, "p")
        let token = try #require(state.migration.steps[1].previewToken)
        var preview = try fixture.preview("rename", tscErrors: nil)
        preview.isMeasuring = true
        WorkbenchFixture.feed(&state, .migration(.previewed(step: "rename", token: token, preview)))
        return state
    }

    @Test("160×48: the table, the selected step's preview beside the files leaves first")
    @MainActor
    func wide() throws {
        let fixture = try MigrationFixture()
        let state = try self.progressed(fixture, size: Size(width: 160, height: 48))
        let backend = self.draw(state)
        let screen = backend.snapshot
        try self.expectSnapshot("walkthrough-160x48", screen)
        let lines = backend.snapshot.split(separator: "\n").map(String.init)
        let tsconfig = try #require(lines.first { $0.contains(" 1 tsconfig") })
        #expect(tsconfig.contains("applied #1"))
        let rename = try #require(lines.first { $0.contains(" 2 rename") })
        #expect(
            rename.contains("previewed") == false && rename.contains("checking…"), "tsc is still checking the preview")
        #expect(rename.contains("4 files (3 renamed)"))
        let ratchet = try #require(lines.first { $0.contains(" 6 no-implicit-any") })
        #expect(ratchet.contains("optional · cost: +2 tsc errors"))
        #expect(screen.contains("lib/math.js → lib/math.ts"))
        // The files, leaves first, beside the detail.
        let math = try #require(backend.find("JS lib/math.js"))
        let greet = try #require(backend.find("JS lib/greet.js"))
        #expect(math.y < greet.y && math.x > 80)
    }

    @Test("80×24: the table, then the step detail or the files, whichever list is selected")
    @MainActor
    func narrow() throws {
        let fixture = try MigrationFixture()
        var state = try self.progressed(fixture, size: Size(width: 80, height: 24))
        try self.expectSnapshot("walkthrough-80x24-steps", self.draw(state).snapshot)
        try WorkbenchFixture.press(&state, "right")
        let backend = self.draw(state)
        try self.expectSnapshot("walkthrough-80x24-files", backend.snapshot)
        #expect(backend.find("Files, leaves first (3)") != nil)
        #expect(backend.find("Step 2 of 7") == nil)
    }

    @Test("an optional ratchet step shows what it costs before anything is changed")
    @MainActor
    func ratchetCostFirst() throws {
        let fixture = try MigrationFixture()
        var state = try fixture.state(size: Size(width: 160, height: 48))
        try fixture.load(&state)
        for _ in 0..<5 { try WorkbenchFixture.press(&state, "down") }
        #expect(state.migration.steps[MigrationUpdate.selectedIndex(state)].name == "no-implicit-any")
        var screen = self.draw(state).snapshot
        #expect(screen.contains("Step 6 of 7 · no-implicit-any (optional ratchet)"))
        #expect(screen.contains("Cost first: noImplicitAny adds 2 tsc errors after the standard steps, before any fix"))
        // A preview measures the cost on the project as it is now.
        let commands = try WorkbenchFixture.press(&state, "p")
        #expect(commands.contains(.migration(.preview(step: "no-implicit-any", token: 1))))
        var preview = try fixture.preview("no-implicit-any")
        preview.ratchetCost = 5
        WorkbenchFixture.feed(&state, .migration(.previewed(step: "no-implicit-any", token: 1, preview)))
        screen = self.draw(state).snapshot
        #expect(screen.contains("Cost first: noImplicitAny adds 5 tsc errors on the project now, before any fix"))
    }

    @Test("a model answer without edits is said plainly under the files")
    @MainActor
    func typesWithoutEdits() throws {
        let fixture = try MigrationFixture()
        var state = try fixture.state(size: Size(width: 160, height: 48))
        try fixture.load(&state)
        state.engine = .ready(WorkbenchFixture.demoEngine)
        try WorkbenchFixture.press(&state, "right")
        try WorkbenchFixture.press(&state, "t")
        WorkbenchFixture.feed(&state, .migration(.typeRequestPrepared(id: 1, messages: [])))
        WorkbenchFixture.feed(&state, .migration(.typeAnswerReceived(id: 1, content: "lorem ipsum\nnot a patch")))
        var screen = self.draw(state).snapshot
        #expect(screen.contains("the model is answering… 23 characters"))
        WorkbenchFixture.feed(&state, .migration(.typeAnswerFinished(id: 1, finishReason: "stop")))
        let changeset = try TypeProposal.changeset(
            fromAnswer: "lorem ipsum\nnot a patch", path: "lib/math.js", root: fixture.root)
        WorkbenchFixture.feed(&state, .migration(.typeAnswerRead(id: 1, changeset)))
        let backend = self.draw(state)
        screen = backend.snapshot
        try self.expectSnapshot("walkthrough-160x48-types-no-edits", screen)
        #expect(screen.contains("Types for lib/math.js from the model"))
        #expect(screen.contains("No edits were found in the model's answer"))
        #expect(screen.contains("lorem ipsum ⏎ not a patch"))
    }
}
