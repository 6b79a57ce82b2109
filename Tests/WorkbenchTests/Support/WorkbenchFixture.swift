import Basics
import TerminalKit
import TestSupport
import Workspace

@testable import Workbench

/// Builds workbench states the way `seam` does — the repository's real keymaps and themes, a
/// real workspace on a temporary directory — and drives them with messages.
enum WorkbenchFixture {
    /// The screen drawn through a `Program` on a `TestBackend`, as the terminal would show it.
    @MainActor
    static func draw(_ state: WorkbenchState) -> TestBackend {
        let backend = TestBackend(size: state.size)
        let program = WorkbenchProgram.make(state: state, backend: backend) { _, _ in }
        program.renderNow()
        return backend
    }

    /// The repository's `Themes/` and `Keymaps/`.
    static let locator = ResourceLocator(
        themeDirectories: [RepositoryLayout.root + "/Themes"], keymapDirectories: [RepositoryLayout.root + "/Keymaps"])

    static func keymap(_ name: String = "default") throws -> Keymap {
        try KeymapLoader(locator: self.locator, knownActions: ActionRegistry.standard.ids, knownContexts: Set(KeyContext.standard))
            .load(name)
    }

    static func theme(_ name: String = "dark") throws -> Theme {
        try ThemeLoader(locator: self.locator).load(name)
    }

    /// A fresh state for `root` at `size`, with start-up effects applied.
    static func state(root: String = "/work/project", size: Size, keymap: String = "default", theme: String = "dark", depth: ColorDepth = .truecolor)
        throws -> WorkbenchState
    {
        var state = WorkbenchState(
            root: root, size: size, colorDepth: depth, theme: try self.theme(theme), keymap: try self.keymap(keymap),
            conversation: Conversation(id: "test", created: 0))
        _ = WorkbenchUpdate.start(&state)
        return state
    }

    /// The bundled demo engine, connected.
    static let demoEngine = EngineInfo(
        model: "deepseek-v4-tiny", endpoint: "unix:/tmp/engine.sock", isBundledDemo: true, maxContext: 4096)

    /// Applies messages in order and returns every command they produced.
    @discardableResult
    static func feed(_ state: inout WorkbenchState, _ messages: Msg...) -> [Command] {
        messages.flatMap { WorkbenchUpdate.update(&state, $0) }
    }

    /// Presses keys written in keymap notation (`"ctrl-p"`, `"g g"`).
    @discardableResult
    static func press(_ state: inout WorkbenchState, _ notation: String) throws -> [Command] {
        try Key.sequence(notation: notation).flatMap { WorkbenchUpdate.update(&state, .inputReceived(.key($0))) }
    }

    /// Types text key by key, as a terminal would deliver it.
    @discardableResult
    static func type(_ state: inout WorkbenchState, _ text: String) -> [Command] {
        text.flatMap { WorkbenchUpdate.update(&state, .inputReceived(.key(.character($0)))) }
    }

    /// The screen as text rows.
    static func screen(_ state: WorkbenchState) -> [String] {
        WorkbenchView.render(state).lines
    }

    /// Loads the real listings of `paths` in `workspace` into the state.
    static func load(_ state: inout WorkbenchState, _ workspace: Workspace, directories paths: [String] = [""]) throws {
        for path in paths {
            self.feed(&state, .directoryLoaded(try workspace.listDirectory(path)))
        }
    }
}

extension [String] {
    /// The whole screen as one string.
    var joined: String { self.joined(separator: "\n") }
}
