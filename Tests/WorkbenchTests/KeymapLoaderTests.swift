import Basics
import TerminalKit
import TestSupport
import Testing

@testable import Workbench

@Suite("Keymaps from TOML files")
struct KeymapLoaderTests {
    func loader(_ directories: [String] = [RepositoryLayout.root + "/Keymaps"]) -> KeymapLoader {
        KeymapLoader(
            locator: ResourceLocator(themeDirectories: [], keymapDirectories: directories),
            knownActions: ActionRegistry.standard.ids, knownContexts: Set(KeyContext.standard))
    }

    @Test("default, vim and emacs load and bind only known actions")
    func bundled() throws {
        for name in ["default", "vim", "emacs"] {
            let keymap = try WorkbenchFixture.keymap(name)
            #expect(keymap.name == name)
            for context in keymap.contexts {
                for (_, action) in keymap.bindings(in: context) { #expect(ActionRegistry.standard[action] != nil) }
            }
        }
        #expect(WorkbenchFixture.locator.keymapNames == ["default", "emacs", "vim"])
    }

    @Test("vim adds multi-key sequences on top of the default keys")
    func vim() throws {
        let vim = try WorkbenchFixture.keymap("vim")
        #expect(vim.lookup(try Key.sequence(notation: "g"), in: [.tree, .global]).isPending)
        #expect(vim.lookup(try Key.sequence(notation: "g g"), in: [.tree, .global]).action == "moveToTop")
        #expect(vim.lookup(try Key.sequence(notation: "ctrl-w l"), in: [.tree, .global]).action == "focusRight")
        #expect(vim.lookup([.down], in: [.tree, .global]).action == "moveDown")
        #expect(vim.lookup([.character("j")], in: [.tree, .global]).action == "moveDown")
        let emacs = try WorkbenchFixture.keymap("emacs")
        #expect(emacs.lookup(try Key.sequence(notation: "ctrl-x o"), in: [.viewer, .global]).action == "focusNextPane")
        #expect(emacs.lookup(try Key.sequence(notation: "alt-g g"), in: [.viewer, .global]).action == "goToLine")
        #expect(emacs.lookup([.control("c")], in: [.global]).action == "quit")
    }

    @Test("an inherited binding is replaced by a conflicting one, or removed with none")
    func inheritance() throws {
        let directory = try TemporaryDirectory("keymaps")
        try directory.write("base.toml", "[tree]\n\"g\" = \"moveToTop\"\n\"x\" = \"toggleHidden\"\n")
        try directory.write("child.toml", "inherits = \"base\"\n[tree]\n\"g g\" = \"moveToBottom\"\n\"x\" = \"none\"\n")
        let keymap = try self.loader([directory.path]).load("child")
        #expect(keymap.lookup([.character("g")], in: [.tree]).isPending)
        #expect(keymap.lookup(try Key.sequence(notation: "g g"), in: [.tree]).action == "moveToBottom")
        #expect(keymap.lookup([.character("x")], in: [.tree]).isNotFound)
    }

    @Test("mistakes are reported with the file, line and column")
    func errors() throws {
        let cases: [(String, Int, Int, String)] = [
            ("[tree]\n\"j\" = \"moveDwn\"\n", 2, 1, "unknown action \"moveDwn\" (did you mean \"moveDown\"?)"),
            ("[tree]\n\"hyper-j\" = \"moveDown\"\n", 2, 1, "unknown key name"),
            ("[tree]\n\"g\" = \"moveDown\"\n\"g g\" = \"moveUp\"\n", 3, 1, "one is a prefix of the other"),
            ("[trees]\n\"j\" = \"moveDown\"\n", 1, 1, "unknown context [trees]"),
            ("[tree]\n\"j\" = 3\n", 2, 1, "must be a string"),
            ("inherits = \"ghost\"\n", 1, 1, "no keymap named \"ghost\""),
        ]
        for (text, line, column, fragment) in cases {
            do {
                _ = try self.loader().parse(text, file: "mine.toml")
                Issue.record("expected an error for \(text)")
            } catch {
                #expect(error.line == line, "\(error)")
                #expect(error.column == column, "\(error)")
                #expect(error.message.contains(fragment), "\(error)")
                #expect(error.description.hasPrefix("mine.toml:\(line):\(column): "))
            }
        }
    }

    @Test("hints name the shortest key for an action")
    func hints() throws {
        let keymap = try WorkbenchFixture.keymap("default")
        #expect(keymap.hint(for: "openFinder", in: [.global]) == "ctrl-p")
        #expect(keymap.hint(for: "sendMessage", in: [.composer]) == "enter")
        #expect(keymap.hint(for: "moveToTop", in: [.global]) == nil)
    }
}

extension KeyTrie.Lookup {
    var isPending: Bool {
        if case .pending = self { return true }
        return false
    }

    var isNotFound: Bool {
        if case .notFound = self { return true }
        return false
    }

    var action: Value? {
        if case .matched(let value) = self { return value }
        return nil
    }
}
