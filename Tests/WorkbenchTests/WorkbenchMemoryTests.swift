import Basics
import TerminalKit
import TestSupport
import Testing
import Workspace

@testable import Workbench

@Suite("Memory pane: instruction files, notes, engine state")
struct WorkbenchMemoryTests {
    @Test("the pane lists the instruction files the chat sends, with sizes and the cap")
    func instructionFiles() throws {
        let directory = try TemporaryDirectory("memory")
        try directory.write("AGENTS.md", String(repeating: "long rule\n", count: 30))
        try directory.write("src/CLAUDE.md", "Use tabs.\n")
        try directory.write("src/app.js", "x\n")
        let workspace = try Workspace(root: directory.path, options: .init(globalExcludes: .none))
        var state = try WorkbenchFixture.state(root: workspace.root, size: Size(width: 160, height: 48))
        let commands = WorkbenchUpdate.openFile("src/app.js", line: nil, &state)
        #expect(commands.contains(.loadMemorySources(directory: "src")))
        let context = try MemorySources.collect(in: workspace, directory: "src", byteCap: 350)
        WorkbenchFixture.feed(&state, .memoryLoaded(directory: "src", context: context))
        let screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("Memory · src/"))
        #expect(screen.contains("AGENTS.md"))
        #expect(screen.contains("src/CLAUDE.md"))
        #expect(screen.contains("of 300 B"))
        // What the chat sends is exactly the memory context text.
        let system = ContextAssembly.systemMessage(projectName: state.projectName, memory: state.memory)
        #expect(system.contains(context.text))
        #expect(context.text.contains("Use tabs."))
        #expect(context.isTruncated)
        #expect(context.byteCount <= 350)
        // A late answer for another directory is ignored.
        WorkbenchFixture.feed(&state, .memoryLoaded(directory: "", context: MemorySources.fit([], byteCap: 10)))
        #expect(state.memory.context == context)
    }

    @Test("notes are pinned and unpinned in the pane, saved, and sent with every message")
    func notes() throws {
        var state = try WorkbenchFixture.state(size: Size(width: 160, height: 48))
        WorkbenchFixture.feed(&state, .engineConnected(WorkbenchFixture.demoEngine))
        try WorkbenchFixture.press(&state, "alt-4")
        try WorkbenchFixture.press(&state, "a")
        #expect(state.topOverlay?.id == "prompt.addNote")
        WorkbenchFixture.type(&state, "prefer async/await")
        var commands = try WorkbenchFixture.press(&state, "enter")
        #expect(state.memory.notes.map(\.text) == ["prefer async/await"])
        #expect(commands.contains { if case .saveNotes(let notes) = $0 { notes.map(\.text) == ["prefer async/await"] } else { false } })
        // The context changed, so it is counted again.
        #expect(commands.contains { if case .countContext = $0 { true } else { false } })
        try WorkbenchFixture.press(&state, "a")
        WorkbenchFixture.type(&state, "no semicolons")
        try WorkbenchFixture.press(&state, "enter")
        var screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("› no semicolons"))
        #expect(screen.contains("  prefer async/await"))
        let system = ContextAssembly.systemMessage(projectName: state.projectName, memory: state.memory)
        #expect(system.hasSuffix("\n\n# Pinned notes\n\n- prefer async/await\n- no semicolons"))
        try WorkbenchFixture.press(&state, "up")
        commands = try WorkbenchFixture.press(&state, "d")
        #expect(state.memory.notes.map(\.text) == ["no semicolons"])
        #expect(commands.contains { if case .saveNotes = $0 { true } else { false } })
        screen = WorkbenchFixture.screen(state).joined
        #expect(!screen.contains("prefer async/await"))
    }

    @Test("the byte total in the pane is the size of what is sent, and the meter shows the same tokens")
    func agreement() throws {
        var state = try WorkbenchFixture.state(root: "/work/sample", size: Size(width: 160, height: 48))
        WorkbenchFixture.feed(&state, .engineConnected(WorkbenchFixture.demoEngine))
        WorkbenchFixture.feed(&state, .notesLoaded([PinnedNote(id: "1", text: "keep it short", created: 1)]))
        let sent = WorkbenchUpdate.contextMessages(state).reduce(0) { $0 + $1.content.utf8.count }
        let parts = ContextAssembly.systemParts(projectName: state.projectName, memory: state.memory)
            + [ContextAssembly.conversationPart(state.chat.conversation)]
        #expect(parts.reduce(0) { $0 + $1.bytes } == sent)
        WorkbenchFixture.feed(&state, .contextCounted(revision: state.chat.contextRevision, tokens: 123))
        let screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("Sent as context  123 tok · \(Format.bytes(sent))"))
        #expect(screen.contains("ctx 123/4,096"))
        // A count for an older revision does not overwrite the current one.
        WorkbenchFixture.feed(&state, .contextCounted(revision: state.chat.contextRevision - 1, tokens: 5))
        #expect(state.chat.contextTokens == 123)
    }

    @Test("engine state is shown: model, sessions, cached tokens and KV bytes")
    func engineState() throws {
        var state = try WorkbenchFixture.state(size: Size(width: 160, height: 48))
        let summary = EngineStateSummary(
            model: "deepseek-v4-tiny", sessionCount: 2, latestSessionTokens: 1951, latestSessionID: "sess-1", cachedTokens: 3739,
            kvBytes: 413_000, kvBytesByLayerKind: ["csa": 368_000, "hca": 37_000, "window": 8_000], maxContext: 65536,
            residentBytes: 25_000_000, prefixHits: 1, reusedTokens: 900)
        WorkbenchFixture.feed(&state, .engineStateLoaded(summary))
        let screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("2 sessions · latest 1,951 tok"))
        #expect(screen.contains("cached 3,739 tok · KV 403 KB"))
        #expect(screen.contains("csa 359 KB · hca 36 KB · window 7.8 KB"))
        #expect(screen.contains("prefix reuse: 1 hits, 900 tok"))
    }
}
