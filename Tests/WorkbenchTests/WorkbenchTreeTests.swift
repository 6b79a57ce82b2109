import Basics
import TerminalKit
import TestSupport
import Testing
import Workspace

@testable import Workbench

@Suite("File tree pane: update and view")
struct WorkbenchTreeTests {
    /// A git repository with a committed file changed since, a new file, and an ignored one.
    func repository() throws -> (ScratchGitRepository, Workspace) {
        let repository = try ScratchGitRepository("tree")
        try repository.write("src/app.js", "console.log(1)\n")
        try repository.write("src/lib/util.js", "export const x = 1\n")
        try repository.write("README.md", "# readme\n")
        try repository.write(".gitignore", "build/\n")
        try repository.write("build/out.js", "generated\n")
        try repository.git("add", "-A")
        try repository.git("commit", "-q", "-m", "one")
        try repository.write("src/app.js", "console.log(2)\n")
        try repository.write("new.txt", "new\n")
        let options = Workspace.Options(globalExcludes: .none, gitEnvironment: ScratchGitRepository.environment)
        return (repository, try Workspace(root: repository.path, options: options))
    }

    @Test("starting asks for the root listing and git status; rows show git markers")
    func loadsAndMarks() throws {
        let (repository, workspace) = try self.repository()
        defer { withExtendedLifetime(repository) {} }
        var state = WorkbenchState(
            root: workspace.root, size: Size(width: 120, height: 30), keymap: try WorkbenchFixture.keymap(),
            conversation: Conversation(id: "t", created: 0))
        let commands = WorkbenchUpdate.start(&state)
        #expect(commands.contains(.loadDirectory("")))
        #expect(commands.contains(.loadGitStatus))
        try WorkbenchFixture.load(&state, workspace)
        WorkbenchFixture.feed(&state, .gitStatusLoaded(workspace.gitStatus()))
        let screen = WorkbenchFixture.screen(state)
        let src = try #require(screen.first { $0.contains("▸ src/") })
        #expect(src.contains("M┃"))
        let new = try #require(screen.first { $0.contains("new.txt") })
        #expect(new.contains("?┃"))
        // Ignored and hidden entries stay out until toggled.
        #expect(!screen.joined.contains("build/"))
        #expect(!screen.joined.contains(".gitignore"))
        try WorkbenchFixture.press(&state, "i")
        try WorkbenchFixture.press(&state, ".")
        let toggled = WorkbenchFixture.screen(state).joined
        #expect(toggled.contains("build/"))
        #expect(toggled.contains(".gitignore"))
        #expect(state.tree.branch == "main")
    }

    @Test("arrows move the selection, right expands lazily, left collapses, enter opens a file")
    func navigation() throws {
        let (repository, workspace) = try self.repository()
        defer { withExtendedLifetime(repository) {} }
        var state = try WorkbenchFixture.state(root: workspace.root, size: Size(width: 120, height: 30))
        try WorkbenchFixture.load(&state, workspace)
        #expect(state.tree.selectedRow?.name == "src")
        // Expanding asks for the listing; the row shows it is loading until it arrives.
        var commands = try WorkbenchFixture.press(&state, "right")
        #expect(commands == [.loadDirectory("src")])
        #expect(WorkbenchFixture.screen(state).joined.contains("◌ src/"))
        try WorkbenchFixture.load(&state, workspace, directories: ["src"])
        var screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("▾ src/"))
        #expect(screen.contains("  ▸ lib/"))
        #expect(screen.contains("    app.js"))
        try WorkbenchFixture.press(&state, "down")
        try WorkbenchFixture.press(&state, "down")
        #expect(state.tree.selectedPath == "src/app.js")
        commands = try WorkbenchFixture.press(&state, "enter")
        #expect(commands.contains(.loadFile("src/app.js")))
        #expect(state.mainMode == .file)
        #expect(state.viewer.path == "src/app.js")
        try WorkbenchFixture.press(&state, "left")
        #expect(state.tree.selectedPath == "src")
        try WorkbenchFixture.press(&state, "left")
        screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("▸ src/"))
        #expect(!screen.contains("    app.js"))
        // Collapsing keeps the listing: expanding again needs no disk access.
        #expect(try WorkbenchFixture.press(&state, "right").isEmpty)
    }

    @Test("the selection stays visible while moving through a long directory")
    func scrolling() throws {
        let directory = try TemporaryDirectory("long")
        for index in 0..<100 { try directory.write("file\(index).txt", "\(index)\n") }
        let workspace = try Workspace(root: directory.path, options: .init(globalExcludes: .none))
        var state = try WorkbenchFixture.state(root: workspace.root, size: Size(width: 100, height: 24))
        try WorkbenchFixture.load(&state, workspace)
        try WorkbenchFixture.press(&state, "end")
        #expect(state.tree.selectedPath == "file99.txt")
        var screen = WorkbenchFixture.screen(state)
        #expect(screen[21].contains("file99.txt"))
        #expect(!screen.joined.contains("file0.txt "))
        try WorkbenchFixture.press(&state, "pageup")
        try WorkbenchFixture.press(&state, "home")
        screen = WorkbenchFixture.screen(state)
        #expect(screen[1].contains("file0.txt"))
        // Natural order: file2 before file10.
        let two = try #require(screen.firstIndex { $0.contains("file2.txt") })
        let ten = try #require(screen.firstIndex { $0.contains("file10.txt") })
        #expect(two < ten)
    }

    @Test("a click selects a row and a second click opens it")
    func mouse() throws {
        let (repository, workspace) = try self.repository()
        defer { withExtendedLifetime(repository) {} }
        var state = try WorkbenchFixture.state(root: workspace.root, size: Size(width: 120, height: 30))
        try WorkbenchFixture.load(&state, workspace)
        try WorkbenchFixture.press(&state, "tab")
        let row = try #require(WorkbenchFixture.screen(state).firstIndex { $0.contains("README.md") })
        WorkbenchFixture.feed(&state, .inputReceived(.mouse(MouseEvent(.press(button: 1), at: Point(x: 4, y: row)))))
        #expect(state.focus == WorkbenchLayout.tree)
        #expect(state.tree.selectedPath == "README.md")
        let commands = WorkbenchFixture.feed(&state, .inputReceived(.mouse(MouseEvent(.press(button: 1), at: Point(x: 4, y: row)))))
        #expect(commands.contains(.loadFile("README.md")))
        // With the mouse off, clicks do nothing.
        try WorkbenchFixture.press(&state, "alt-m")
        WorkbenchFixture.feed(&state, .inputReceived(.mouse(MouseEvent(.press(button: 1), at: Point(x: 60, y: 5)))))
        #expect(state.focus == WorkbenchLayout.tree)
    }
}
