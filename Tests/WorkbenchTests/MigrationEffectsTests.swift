import Basics
import Changes
import CodeIndex
import Codemods
import TestSupport
import Testing

@testable import Workbench

/// Collects what effects send back, for tests that wait for a sequence of messages.
@MainActor
final class MessageRecorder {
    private(set) var messages: [Msg] = []

    /// The sink to give the effects.
    var send: @MainActor @Sendable (Msg) -> Void {
        { [weak self] message in self?.messages.append(message) }
    }

    /// The walkthrough messages so far.
    var migrationMessages: [MigrationMsg] {
        self.messages.compactMap { if case .migration(let msg) = $0 { return msg } else { return nil } }
    }

    /// Waits (letting the main queue deliver) until `predicate` holds, or fails after `timeout`.
    func wait(
        _ what: String, timeout: Duration = .seconds(60), sourceLocation: SourceLocation = #_sourceLocation,
        until predicate: ([Msg]) -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while !predicate(self.messages) {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting for \(what); got \(self.messages)", sourceLocation: sourceLocation)
                throw SystemError("timed out waiting for \(what)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

@Suite("Migration walkthrough: effects on a real project with the real tsc", .serialized)
@MainActor
struct MigrationEffectsTests {
    let fixture: MigrationFixture

    init() throws {
        self.fixture = try MigrationFixture()
    }

    func effects() throws -> MigrationEffects {
        guard TypeScriptCompiler.locate(projectRoot: self.fixture.root) != nil else {
            throw SystemError("these tests need tsc: apt-get install node-typescript (or run 'make test-deps')")
        }
        var environment = ProcessEnvironment.current
        for (key, value) in self.fixture.environment { environment[key] = value }
        return MigrationEffects(root: self.fixture.root, environment: environment)
    }

    @Test("a preview sends progress, the changes and a changeset built on the files, then tsc's count")
    func preview() async throws {
        let effects = try self.effects()
        let recorder = MessageRecorder()
        effects.perform(.preview(step: "tsconfig", token: 7), send: recorder.send)
        try await recorder.wait("the tsc count") { messages in
            messages.contains { if case .migration(.previewMeasured) = $0 { return true } else { return false } }
        }
        let messages = recorder.migrationMessages
        var progress: [String] = []
        var preview: MigrationStepState.Preview?
        var measured: MigrationMetrics?
        for message in messages {
            switch message {
            case .previewProgressed(let step, let token, let text):
                #expect(step == "tsconfig" && token == 7)
                // Only tsc's check is announced after the changes are in.
                #expect((preview == nil) == (text != "type-checking the result (tsc)…"), "\(text)")
                progress.append(text)
            case .previewed(_, let token, let result):
                #expect(token == 7)
                preview = result
            case .previewMeasured(_, _, let metrics):
                #expect(preview != nil, "the changes come before tsc's count")
                measured = metrics
            default:
                Issue.record("unexpected \(message)")
            }
        }
        #expect(progress.contains("type-checking the result (tsc)…"))
        let result = try #require(preview)
        #expect(result.isMeasuring)
        #expect(result.changes.entries.map(\.label).sorted() == ["package.json", "tsconfig.json"])
        #expect(result.changeset.title == "migrate js-to-ts: tsconfig")
        #expect(result.changeset.files.map(\.path).sorted() == ["package.json", "tsconfig.json"])
        #expect(measured?.tscErrors == 0, "allowJs with strict off accepts the fixture")
        // A preview writes nothing.
        #expect(!FileSystem.exists(self.fixture.directory.appending("tsconfig.json")))
        #expect(try self.fixture.read("package.json") == TinyCommonJSProject.package)
    }

    @Test("the plan arrives in stages: outline, each step's tsc count, the ratchet costs, then finished")
    func plan() async throws {
        let effects = try self.effects()
        let recorder = MessageRecorder()
        effects.perform(.loadPlan(generation: 3), send: recorder.send)
        try await recorder.wait("the plan", timeout: .seconds(120)) { messages in
            messages.contains { if case .migration(.planFinished) = $0 { return true } else { return false } }
        }
        let messages = recorder.migrationMessages
        let outlineIndex = try #require(
            messages.firstIndex { if case .planOutlined = $0 { return true } else { return false } })
        guard case .planOutlined(let generation, let outline) = messages[outlineIndex] else { return }
        #expect(generation == 3)
        #expect(outline.fileOrder == ["lib/math.js", "lib/greet.js", "index.js"])
        #expect(outline.steps["rename"]?.renameCount == 3)
        let measured = messages.compactMap { message -> (String, Int?)? in
            if case .planStepMeasured(_, let step, let metrics) = message { return (step, metrics.tscErrors) }
            return nil
        }
        #expect(measured.map(\.0) == JSToTSMigration.standardSteps.map(\.name))
        #expect(measured.last?.1 == 0, "after fix-errors tsc reports no errors")
        let costs = messages.compactMap { message -> String? in
            if case .ratchetCostMeasured(_, let step, let errors) = message, errors != nil { return step }
            return nil
        }
        #expect(costs == ["no-implicit-any", "strict-null-checks"])
        let lastStage = messages.lastIndex { if case .planStepMeasured = $0 { return true } else { return false } } ?? 0
        #expect(outlineIndex < lastStage)
        // Planning wrote nothing.
        #expect(!FileSystem.exists(self.fixture.directory.appending("tsconfig.json")))
    }

    @Test("a measurement reports counts and checkpoints first, then tsc's verdict")
    func measure() async throws {
        try self.fixture.applyStep("tsconfig", title: "review: migrate js-to-ts: tsconfig")
        let effects = try self.effects()
        let recorder = MessageRecorder()
        effects.perform(.measureProject(generation: 2), send: recorder.send)
        try await recorder.wait("two reports") { $0.count == 2 }
        let statuses = recorder.migrationMessages.compactMap { message -> MigrationProjectStatus? in
            if case .projectMeasured(2, let status) = message { return status }
            return nil
        }
        #expect(statuses.map(\.isTypeChecking) == [true, false])
        #expect(statuses.first?.checkpoints.map(\.title) == ["review: migrate js-to-ts: tsconfig"])
        #expect(statuses.last?.metrics.tscErrors == 0)
        #expect(statuses.last?.files.map(\.path) == ["lib/math.js", "lib/greet.js", "index.js"])
        #expect(statuses.last?.metrics.javaScriptFiles == 3)
    }

    @Test("undoing a step refuses while a later checkpoint is on top, then undoes it through the store")
    func undo() async throws {
        let tsconfig = try self.fixture.applyStep("tsconfig", title: "review: migrate js-to-ts: tsconfig")
        let rename = try self.fixture.applyStep("rename", title: "review: migrate js-to-ts: rename")
        let effects = try self.effects()
        let recorder = MessageRecorder()
        effects.perform(.undoStep(checkpoint: tsconfig.id, step: "tsconfig"), send: recorder.send)
        try await recorder.wait("the refusal") { !$0.isEmpty }
        guard case .migration(.undoRefused(let message))? = recorder.messages.first else {
            Issue.record("expected a refusal, got \(recorder.messages)")
            return
        }
        #expect(message.contains("checkpoint \(rename.id)") && message.contains("undo it first"))
        #expect(FileSystem.exists(self.fixture.directory.appending("lib/math.ts")), "nothing was undone")
        effects.perform(.undoStep(checkpoint: rename.id, step: "rename"), send: recorder.send)
        try await recorder.wait("the undo") { $0.count == 2 }
        guard case .review(.checkpointUndone(let summary))? = recorder.messages.last else {
            Issue.record("expected the undo, got \(recorder.messages)")
            return
        }
        #expect(summary.id == rename.id)
        #expect(try self.fixture.read("lib/math.js") == TinyCommonJSProject.math)
        #expect(!FileSystem.exists(self.fixture.directory.appending("lib/math.ts")))
    }

    @Test("a type request names the file with tsc's complaints; an answer without edits reads as no files")
    func typeRequest() async throws {
        try self.fixture.applyStep("tsconfig", title: "migrate js-to-ts: tsconfig")
        let effects = try self.effects()
        let recorder = MessageRecorder()
        effects.perform(.prepareTypeRequest(id: 5, path: "lib/greet.js"), send: recorder.send)
        try await recorder.wait("the request") { !$0.isEmpty }
        guard case .typeRequestPrepared(5, let messages)? = recorder.migrationMessages.first else {
            Issue.record("expected the request, got \(recorder.messages)")
            return
        }
        #expect(messages.map(\.role) == [.system, .user])
        #expect(messages.first?.content == TypeProposal.systemPrompt)
        #expect(messages.last?.content.contains("Propose types for `lib/greet.js`") == true)
        #expect(messages.last?.content.contains(TinyCommonJSProject.greet) == true)
        #expect(messages.last?.content.contains("// lib/math.js") == true, "its neighbour's exports go with it")

        effects.perform(.readTypeAnswer(id: 5, path: "lib/greet.js", answer: "zq ]] unk ⁂ tokens"), send: recorder.send)
        try await recorder.wait("the answer read") { $0.count == 2 }
        guard case .typeAnswerRead(5, let changeset)? = recorder.migrationMessages.last else {
            Issue.record("expected the answer read, got \(recorder.messages)")
            return
        }
        #expect(changeset.files.isEmpty)
        effects.perform(.prepareTypeRequest(id: 6, path: "missing.js"), send: recorder.send)
        try await recorder.wait("the refusal") { $0.count == 3 }
        guard case .typeRequestFailed(6, let message)? = recorder.migrationMessages.last else {
            Issue.record("expected a failure, got \(recorder.messages)")
            return
        }
        #expect(message == "missing.js is not a source file of the project")
    }

    @Test("chat stream results become the type request's messages")
    func streamTranslation() {
        #expect(
            "\(MigrationEffects.typeAnswerMessage(.chatDeltaReceived(requestID: -3, content: "x", reasoning: "r"), id: 3))"
                == "\(Msg.migration(.typeAnswerReceived(id: 3, content: "x")))")
        guard
            case .migration(.typeAnswerFinished(3, "length")) = MigrationEffects.typeAnswerMessage(
                .chatFinished(requestID: -3, finishReason: "length", usage: nil), id: 3)
        else {
            Issue.record("finish not translated")
            return
        }
        guard
            case .migration(.typeAnswerFailed(3, "boom")) = MigrationEffects.typeAnswerMessage(
                .chatFailed(requestID: -3, message: "boom"), id: 3)
        else {
            Issue.record("failure not translated")
            return
        }
    }
}
