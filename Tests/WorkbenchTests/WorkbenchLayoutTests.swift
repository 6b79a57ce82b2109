import Basics
import TerminalKit
import TestSupport
import Testing
import Workspace

@testable import Workbench

@Suite("Workbench layout in the TestBackend")
struct WorkbenchLayoutTests {
    func connectedState(_ size: Size) throws -> (WorkbenchState, TemporaryDirectory) {
        let directory = try TemporaryDirectory("layout")
        try directory.write("src/main.swift", "print(1)\n")
        try directory.write("README.md", "# hi\n")
        let workspace = try Workspace(root: directory.path, options: .init(globalExcludes: .none))
        var state = try WorkbenchFixture.state(root: workspace.root, size: size)
        try WorkbenchFixture.load(&state, workspace)
        WorkbenchFixture.feed(&state, .engineConnected(WorkbenchFixture.demoEngine))
        return (state, directory)
    }

    @Test("at 160×48 the four panes tile the screen above the status bar")
    func wide() throws {
        let (state, _) = try self.connectedState(Size(width: 160, height: 48))
        let lines = WorkbenchFixture.screen(state)
        #expect(lines.count == 48)
        #expect(lines.allSatisfy { TextWidth.of($0) == 160 })
        // Titles in the top borders, left to right.
        let top = lines[0]
        let files = try #require(top.firstRange(of: "Files · "))
        let welcome = try #require(top.firstRange(of: "Welcome"))
        let chat = try #require(top.firstRange(of: "Chat"))
        #expect(files.lowerBound < welcome.lowerBound && welcome.lowerBound < chat.lowerBound)
        // The focused tree has a heavy border; the others are light and rounded.
        #expect(top.hasPrefix("┏"))
        #expect(lines[46].hasPrefix("┗"))
        #expect(top.hasSuffix("╮"))
        // Memory sits below the chat in the right column.
        let memoryRow = try #require(lines.firstIndex { $0.contains("Memory · /") })
        #expect(memoryRow > 5 && memoryRow < 46)
        #expect(lines[memoryRow].contains("╭"))
        // The tree lists the workspace; the status bar names the pane and the engine.
        #expect(lines[1].contains("▸ src/"))
        #expect(lines[2].contains("README.md"))
        let status = lines[47]
        #expect(status.hasPrefix(" TREE "))
        #expect(status.contains("engine ● deepseek-v4-tiny"))
        #expect(status.contains("tiny random-weight demo model"))
    }

    @Test("at 80×24 every pane is still there, titles shortened to fit")
    func narrowest() throws {
        let (state, _) = try self.connectedState(Size(width: 80, height: 24))
        let lines = WorkbenchFixture.screen(state)
        #expect(lines.count == 24)
        #expect(lines.allSatisfy { TextWidth.of($0) == 80 })
        #expect(lines[0].contains("Files"))
        #expect(lines[0].contains("Welcome"))
        #expect(lines[0].contains("Chat"))
        #expect(lines.contains { $0.contains("Memory") })
        #expect(lines[23].contains("engine ● deepseek-v4-tiny"))
        // The tree's frame is 16+ columns wide and closed on both sides.
        let treeRight = try #require(lines[5].dropFirst().firstIndex(of: "┃"))
        #expect(lines[5].distance(from: lines[5].startIndex, to: treeRight) >= 15)
    }

    @Test("below 72 columns one pane shows at a time, with a tab row")
    func compact() throws {
        var (state, _) = try self.connectedState(Size(width: 60, height: 20))
        var lines = WorkbenchFixture.screen(state)
        #expect(lines[0].hasPrefix(" TREE "))
        #expect(lines[0].contains("MAIN") && lines[0].contains("CHAT") && lines[0].contains("MEMORY"))
        #expect(lines[1].hasPrefix("┏ Files"))
        try WorkbenchFixture.press(&state, "tab")
        lines = WorkbenchFixture.screen(state)
        #expect(lines[1].hasPrefix("┏ Welcome"))
        #expect(!lines.joined.contains("Files ·"))
    }

    @Test("the status bar says what the engine is doing before it is ready and when it failed")
    func engineStates() throws {
        var state = try WorkbenchFixture.state(size: Size(width: 120, height: 30))
        #expect(WorkbenchFixture.screen(state)[29].contains("engine ◌ connecting to the engine…"))
        WorkbenchFixture.feed(&state, .engineProgressed("started seam-engine (pid 42), loading the model…"))
        #expect(WorkbenchFixture.screen(state)[29].contains("engine ◌ started seam-engine (pid 42)"))
        WorkbenchFixture.feed(&state, .engineFailed("no engine answers on /x.sock"))
        let status = WorkbenchFixture.screen(state)[29]
        #expect(status.contains("engine ✗ no engine answers on /x.sock"))
        #expect(!status.contains("demo model"))
        WorkbenchFixture.feed(&state, .engineConnected(EngineInfo(model: "deepseek-v4", endpoint: "https://api", isBundledDemo: false)))
        let ready = WorkbenchFixture.screen(state)[29]
        #expect(ready.contains("engine ● deepseek-v4"))
        #expect(!ready.contains("demo"))
    }

    @Test("late progress reports do not undo a finished connection")
    func lateProgress() throws {
        var state = try WorkbenchFixture.state(size: Size(width: 120, height: 30))
        WorkbenchFixture.feed(&state, .engineConnected(WorkbenchFixture.demoEngine), .engineProgressed("loading…"))
        #expect(state.engine == .ready(WorkbenchFixture.demoEngine))
    }

    @Test("the program redraws only what changed and everything after a resize")
    @MainActor
    func programFrames() throws {
        let (state, _) = try self.connectedState(Size(width: 100, height: 30))
        let backend = TestBackend(size: Size(width: 100, height: 30))
        let program = WorkbenchProgram.make(state: state, backend: backend) { _, _ in }
        program.renderNow()
        #expect(backend.cellsDrawnInLastFrame == 3000)
        #expect(backend.snapshot.contains("Files · "))
        program.handle(.key(.down))
        program.renderNow()
        // Moving the selection repaints two tree rows and the status bar at most.
        #expect(backend.cellsDrawnInLastFrame > 0)
        #expect(backend.cellsDrawnInLastFrame <= 3 * 100)
        backend.resize(to: Size(width: 90, height: 25))
        program.handle(.resize(Size(width: 90, height: 25)))
        program.renderNow()
        #expect(backend.cellsDrawnInLastFrame == 90 * 25)
        #expect(program.state.size == Size(width: 90, height: 25))
        #expect(backend.line(24).contains("engine ● deepseek-v4-tiny"))
    }

    @Test("q quits from a pane but types into the chat composer")
    func quitKey() throws {
        var state = try WorkbenchFixture.state(size: Size(width: 120, height: 30))
        try WorkbenchFixture.press(&state, "alt-3")
        try WorkbenchFixture.press(&state, "q")
        #expect(!state.quitRequested)
        #expect(state.chat.composer.text == "q")
        try WorkbenchFixture.press(&state, "alt-1")
        try WorkbenchFixture.press(&state, "q")
        // The composer holds the typed "q": quitting asks first; q again quits.
        #expect(!state.quitRequested)
        #expect(state.topOverlay?.id == "confirm.quit")
        try WorkbenchFixture.press(&state, "q")
        #expect(state.quitRequested)
    }

    @Test("tiny and empty terminals render without trapping, popups included")
    func tinyTerminals() throws {
        for size in [Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 5, height: 3), Size(width: 20, height: 4), Size(width: 40, height: 8)] {
            var (state, _) = try self.connectedState(size)
            #expect(WorkbenchFixture.screen(state).count == size.height)
            for key in ["ctrl-p", "esc", "ctrl-k", "esc", "f1", "esc", "alt-3", "alt-z", "tab"] {
                try WorkbenchFixture.press(&state, key)
                let buffer = WorkbenchView.render(state)
                #expect(buffer.size == size)
            }
        }
    }
}
