import Basics
import Changes
import CodeIndex
import Codemods
import TerminalKit
import TestSupport
import Testing

@testable import Workbench

@Suite("Migration walkthrough: update")
struct MigrationUpdateTests {
    let fixture: MigrationFixture

    init() throws {
        self.fixture = try MigrationFixture()
    }

    func state() throws -> WorkbenchState {
        var state = try self.fixture.state(size: Size(width: 160, height: 48))
        try self.fixture.load(&state)
        return state
    }

    /// The walkthrough's preview commands in `commands`.
    func previews(_ commands: [Command]) -> [(step: String, token: Int)] {
        commands.compactMap { command in
            if case .migration(.preview(let step, let token)) = command { return (step, token) }
            return nil
        }
    }

    @Test(
        "opening the walkthrough asks for the plan and a measurement, shows it in the main view and routes keys to it")
    func opening() throws {
        var state = try WorkbenchFixture.state(root: self.fixture.root, size: Size(width: 160, height: 48))
        let commands = MigrationUpdate.open(focus: true, &state)
        #expect(commands.contains(.migration(.loadPlan(generation: 1))))
        #expect(commands.contains(.migration(.measureProject(generation: 1))))
        #expect(state.mainMode == .migration && state.focus == WorkbenchLayout.main)
        #expect(WorkbenchUpdate.activeContexts(state) == [.migration, .global])
        // Showing it again does not start over.
        state.mainMode = .welcome
        let again = WorkbenchUpdate.perform("showMigration", &state)
        #expect(!again.contains { if case .migration = $0 { return true } else { return false } })
        #expect(state.mainMode == .migration)
    }

    @Test("the plan's results fill the table; results of an older plan are dropped")
    func planGenerations() throws {
        var state = try self.state()
        #expect(state.migration.planPhase == .loaded)
        #expect(state.migration.plan?.fileOrder == ["lib/math.js", "lib/greet.js", "index.js"])
        #expect(state.migration.steps[1].planned?.renameCount == 3)
        #expect(state.migration.steps[1].plannedMetrics?.tscErrors == 4)
        #expect(state.migration.ratchetCosts["no-implicit-any"] == .some(2))
        // Replanning bumps the generation: the old plan's late results do not count.
        let commands = try WorkbenchFixture.press(&state, "R")
        #expect(commands.contains(.migration(.loadPlan(generation: 2))))
        WorkbenchFixture.feed(&state, .migration(.planOutlined(generation: 1, try self.fixture.outline())))
        #expect(state.migration.plan == nil)
        #expect(state.migration.planPhase == .loading("starting…"))
    }

    @Test("a preview reports progress, its changes, then tsc's count; a stale token is ignored")
    func previewFlow() throws {
        var state = try self.state()
        let commands = try WorkbenchFixture.press(&state, "p")
        let request = try #require(self.previews(commands).first)
        #expect(request.step == "tsconfig")
        WorkbenchFixture.feed(
            &state, .migration(.previewProgressed(step: "tsconfig", token: request.token, "running tsconfig…")))
        #expect(state.migration.steps[0].activity == "running tsconfig…")
        var preview = try self.fixture.preview("tsconfig", tscErrors: nil)
        preview.isMeasuring = true
        WorkbenchFixture.feed(&state, .migration(.previewed(step: "tsconfig", token: request.token + 7, preview)))
        #expect(state.migration.steps[0].preview == nil, "another token's result is not this preview")
        WorkbenchFixture.feed(&state, .migration(.previewed(step: "tsconfig", token: request.token, preview)))
        #expect(state.migration.steps[0].status == .previewed)
        #expect(state.migration.steps[0].preview?.changes.fileCount == 2)
        #expect(state.migration.steps[0].activity != nil, "tsc is still checking")
        var metrics = preview.metricsAfter
        metrics.tscErrors = 0
        WorkbenchFixture.feed(&state, .migration(.previewMeasured(step: "tsconfig", token: request.token, metrics)))
        #expect(state.migration.steps[0].preview?.metricsAfter.tscErrors == 0)
        #expect(state.migration.steps[0].preview?.isMeasuring == false)
        #expect(state.migration.steps[0].activity == nil && state.migration.steps[0].previewToken == nil)
    }

    @Test(
        "enter opens the previewed step in the review; its final apply becomes the step's checkpoint and the walkthrough returns"
    )
    func reviewAndApply() throws {
        var state = try self.state()
        let token = try #require(self.previews(try WorkbenchFixture.press(&state, "p")).first).token
        WorkbenchFixture.feed(
            &state, .migration(.previewed(step: "tsconfig", token: token, try self.fixture.preview("tsconfig"))))
        try WorkbenchFixture.press(&state, "enter")
        #expect(state.mainMode == .review)
        #expect(state.review.session?.origin == .migrationStep("tsconfig"))
        #expect(state.review.session?.changeset.files.map(\.path).sorted() == ["package.json", "tsconfig.json"])
        // Accept both hunks in the review and apply: the review's own apply command.
        try WorkbenchFixture.press(&state, "a")
        try WorkbenchFixture.press(&state, "a")
        let apply = try WorkbenchFixture.press(&state, "w")
        let title = apply.compactMap { command -> String? in
            if case .review(.apply(_, _, let title)) = command { return title }
            return nil
        }
        #expect(title == ["review: migrate js-to-ts: tsconfig"])
        let commands = WorkbenchFixture.feed(&state, .review(.applied(checkpoint: 4)))
        #expect(state.migration.steps[0].status == .applied(checkpoint: 4))
        #expect(state.mainMode == .migration)
        #expect(state.migration.selectedStep == 1, "the next step is selected")
        #expect(commands.contains(.migration(.measureProject(generation: 2))))
        #expect(state.notice?.text.contains("tsconfig applied as checkpoint 4") == true)
    }

    @Test("enter on a step not previewed previews it and opens the review when the preview is ready")
    func reviewAfterPreview() throws {
        var state = try self.state()
        let commands = try WorkbenchFixture.press(&state, "enter")
        let token = try #require(self.previews(commands).first).token
        #expect(state.mainMode == .migration)
        WorkbenchFixture.feed(
            &state, .migration(.previewed(step: "tsconfig", token: token, try self.fixture.preview("tsconfig"))))
        #expect(state.mainMode == .review)
        #expect(state.review.session?.origin == .migrationStep("tsconfig"))
    }

    @Test("closing the step's review brings the walkthrough back")
    func closingReview() throws {
        var state = try self.state()
        let token = try #require(self.previews(try WorkbenchFixture.press(&state, "p")).first).token
        WorkbenchFixture.feed(
            &state, .migration(.previewed(step: "tsconfig", token: token, try self.fixture.preview("tsconfig"))))
        try WorkbenchFixture.press(&state, "enter")
        #expect(state.mainMode == .review)
        try WorkbenchFixture.press(&state, "x")
        #expect(state.review.session == nil)
        #expect(state.mainMode == .migration)
    }

    @Test("apply accepts every hunk and asks the review for its final apply")
    func applyAll() throws {
        var state = try self.state()
        let noPreview = try WorkbenchFixture.press(&state, "a")
        #expect(!noPreview.contains { if case .review(.apply) = $0 { return true } else { return false } })
        #expect(state.notice?.text.contains("preview it first") == true)
        let token = try #require(self.previews(try WorkbenchFixture.press(&state, "p")).first).token
        WorkbenchFixture.feed(
            &state, .migration(.previewed(step: "tsconfig", token: token, try self.fixture.preview("tsconfig"))))
        let commands = try WorkbenchFixture.press(&state, "a")
        guard
            case .review(.apply(_, let files, let title))? = commands.first(where: {
                if case .review(.apply) = $0 { return true } else { return false }
            })
        else {
            Issue.record("no apply command in \(commands)")
            return
        }
        #expect(files.map(\.path).sorted() == ["package.json", "tsconfig.json"])
        #expect(title == "review: migrate js-to-ts: tsconfig")
        #expect(state.review.session?.phase == .applying)
    }

    @Test("undo asks to undo the step's checkpoint; the store's report marks it undone and keeps its preview")
    func undo() throws {
        var state = try self.state()
        let token = try #require(self.previews(try WorkbenchFixture.press(&state, "p")).first).token
        WorkbenchFixture.feed(
            &state, .migration(.previewed(step: "tsconfig", token: token, try self.fixture.preview("tsconfig"))))
        try WorkbenchFixture.press(&state, "a")
        WorkbenchFixture.feed(&state, .review(.applied(checkpoint: 1)))
        // The next step is selected after the apply; undo names the step that can be undone.
        try WorkbenchFixture.press(&state, "u")
        #expect(state.notice?.text == "rename is not applied: nothing to undo (the latest applied step is tsconfig)")
        try WorkbenchFixture.press(&state, "up")
        let commands = try WorkbenchFixture.press(&state, "u")
        #expect(commands == [.migration(.undoStep(checkpoint: 1, step: "tsconfig"))])
        // The store reports the undo the way the effects pass it on.
        try self.fixture.applyStep("tsconfig", title: "review: migrate js-to-ts: tsconfig")
        let summary = try self.fixture.store().undo()
        #expect(summary.id == 1)
        let after = WorkbenchFixture.feed(&state, .review(.checkpointUndone(summary)))
        #expect(state.migration.steps[0].status == .undone(checkpoint: 1))
        #expect(state.migration.steps[0].preview != nil, "the files are back as previewed")
        #expect(after.contains { if case .migration(.measureProject) = $0 { return true } else { return false } })
        // A refused undo is reported.
        WorkbenchFixture.feed(
            &state, .migration(.undoRefused("checkpoint 2 (review: x) was applied after tsconfig: undo it first")))
        #expect(state.migration.message?.contains("undo it first") == true)
    }

    @Test("the checkpoints in a measurement say which steps are applied or undone (headless runs, restarts)")
    func checkpointsMarkSteps() throws {
        var state = try self.state()
        // Real checkpoints: another change, tsconfig headless, rename through a review then undone.
        var other = ChangeReview(
            try ChangesApplier.changeset(
                for: [.create("notes.txt", "notes\n")], root: self.fixture.root, title: "change.patch"))
        other.decideAll(.accepted)
        _ = try self.fixture.store().apply(other.resolved(), title: "review: change.patch")
        try self.fixture.applyStep("tsconfig", title: "migrate js-to-ts: tsconfig")
        try self.fixture.applyStep("rename", title: "review: migrate js-to-ts: rename")
        _ = try self.fixture.store().undo()
        let checkpoints = try self.fixture.store().log()
        #expect(checkpoints.map(\.id) == [1, 2, 3])
        let generation = state.migration.projectGeneration
        WorkbenchFixture.feed(
            &state,
            .migration(.projectMeasured(generation: generation, try self.fixture.status(checkpoints: checkpoints))))
        #expect(state.migration.steps[0].status == .applied(checkpoint: 2))
        #expect(state.migration.steps[1].status == .undone(checkpoint: 3))
        #expect(state.migration.steps[2].status == .notStarted)
        #expect(state.migration.nextStepIndex == 1)
        // An older measurement does not overwrite a newer one.
        WorkbenchFixture.feed(
            &state, .migration(.projectMeasured(generation: generation - 1, try self.fixture.status())))
        #expect(state.migration.steps[0].status == .applied(checkpoint: 2))
    }

    @Test("reloading (f5) measures the project again, so edits made outside show")
    func refreshMeasures() throws {
        var state = try self.state()
        let generation = state.migration.projectGeneration
        let commands = try WorkbenchFixture.press(&state, "f5")
        #expect(commands.contains(.migration(.measureProject(generation: generation + 1))))
        #expect(state.migration.isMeasuring)
    }

    @Test(
        "types for the selected file: prepared, the engine connected on demand, streamed; an answer without edits says so"
    )
    func typesWithoutEdits() throws {
        var state = try self.state()
        try WorkbenchFixture.press(&state, "right")
        try WorkbenchFixture.press(&state, "down")
        #expect(state.migration.selectedFilePath == "lib/greet.js")
        let prepare = try WorkbenchFixture.press(&state, "t")
        #expect(prepare.contains(.migration(.prepareTypeRequest(id: 1, path: "lib/greet.js"))))
        let messages = [
            ContextMessage(role: .system, content: "rules"), ContextMessage(role: .user, content: "lib/greet.js"),
        ]
        let connect = WorkbenchFixture.feed(&state, .migration(.typeRequestPrepared(id: 1, messages: messages)))
        #expect(connect == [.connectEngine])
        #expect(state.migration.typeRequest?.phase == .waitingForEngine)
        let stream = WorkbenchFixture.feed(&state, .engineConnected(WorkbenchFixture.demoEngine))
        #expect(
            stream.contains(
                .migration(
                    .streamTypeAnswer(
                        id: 1, messages: messages, maxTokens: state.settings.maxAnswerTokens, temperature: nil))))
        let gibberish = "stri ng ofxx ] } unrelated tokens"
        WorkbenchFixture.feed(&state, .migration(.typeAnswerReceived(id: 1, content: gibberish)))
        let read = WorkbenchFixture.feed(&state, .migration(.typeAnswerFinished(id: 1, finishReason: "length")))
        #expect(read == [.migration(.readTypeAnswer(id: 1, path: "lib/greet.js", answer: gibberish))])
        let changeset = try TypeProposal.changeset(fromAnswer: gibberish, path: "lib/greet.js", root: self.fixture.root)
        WorkbenchFixture.feed(&state, .migration(.typeAnswerRead(id: 1, changeset)))
        guard case .noEdits(let text)? = state.migration.typeRequest?.phase else {
            Issue.record("expected no edits, got \(String(describing: state.migration.typeRequest?.phase))")
            return
        }
        #expect(text.hasPrefix("no edits were found in the model's answer"))
        #expect(text.contains("the bundled demo model answers gibberish"))
        #expect(state.mainMode == .migration && state.review.session == nil, "nothing is opened for review")
        #expect(state.notice?.kind == .warning)
    }

    @Test("an answer with a SEARCH/REPLACE block for the file opens in the review")
    func typesWithEdits() throws {
        var state = try self.state()
        state.engine = .ready(WorkbenchFixture.demoEngine)
        try WorkbenchFixture.press(&state, "right")
        try WorkbenchFixture.press(&state, "t")
        WorkbenchFixture.feed(&state, .migration(.typeRequestPrepared(id: 1, messages: [])))
        #expect(state.migration.typeRequest?.phase == .streaming)
        let answer = """
            lib/math.js
            <<<<<<< SEARCH
            function add(a, b) {
            =======
            function add(a: number, b: number): number {
            >>>>>>> REPLACE
            """
        WorkbenchFixture.feed(
            &state, .migration(.typeAnswerReceived(id: 1, content: answer)),
            .migration(.typeAnswerFinished(id: 1, finishReason: "stop")))
        let changeset = try TypeProposal.changeset(fromAnswer: answer, path: "lib/math.js", root: self.fixture.root)
        WorkbenchFixture.feed(&state, .migration(.typeAnswerRead(id: 1, changeset)))
        #expect(state.migration.typeRequest?.phase == .opened(files: 1))
        #expect(state.mainMode == .review)
        #expect(state.review.session?.origin == .typeProposal(path: "lib/math.js"))
    }

    @Test("esc stops an answer being streamed")
    func cancelTypes() throws {
        var state = try self.state()
        state.engine = .ready(WorkbenchFixture.demoEngine)
        try WorkbenchFixture.press(&state, "t")
        WorkbenchFixture.feed(&state, .migration(.typeRequestPrepared(id: 1, messages: [])))
        let commands = try WorkbenchFixture.press(&state, "esc")
        #expect(commands.contains(.migration(.cancelTypeAnswer(id: 1))))
        #expect(state.migration.typeRequest?.phase == .cancelled)
        // A late chunk changes nothing.
        WorkbenchFixture.feed(&state, .migration(.typeAnswerReceived(id: 1, content: "late")))
        #expect(state.migration.typeRequest?.answer == "")
    }
}
