import Basics
import TerminalKit
import TestSupport
import Testing

@testable import Workbench

@Suite("Finder, content search, palette and help")
struct WorkbenchFindingTests {
    func state() throws -> WorkbenchState {
        try WorkbenchFixture.state(size: Size(width: 140, height: 36))
    }

    @Test("the finder indexes once, asks for matches as you type and highlights the matched characters")
    func finder() throws {
        var state = try self.state()
        var commands = try WorkbenchFixture.press(&state, "ctrl-p")
        #expect(state.topOverlay?.id == "finder")
        #expect(commands.contains(.loadFileIndex))
        #expect(commands.contains(.findFiles(query: "")))
        commands = WorkbenchFixture.type(&state, "aj")
        #expect(commands == [.findFiles(query: "a"), .findFiles(query: "aj")])
        // Results for an older query are dropped.
        WorkbenchFixture.feed(&state, .finderMatched(query: "a", items: [FinderItem(path: "stale.txt", positions: [2])], total: 1))
        #expect(!WorkbenchFixture.screen(state).joined.contains("stale.txt"))
        WorkbenchFixture.feed(
            &state, .fileIndexLoaded(count: 3, isComplete: true),
            .finderMatched(
                query: "aj", items: [FinderItem(path: "src/app.js", positions: [4, 8]), FinderItem(path: "lib/a.js", positions: [4, 6])],
                total: 2))
        let buffer = WorkbenchView.render(state)
        let row = try #require(buffer.lines.firstIndex { $0.contains("▸ src/app.js") })
        let start = TextWidth.of(String(buffer.lines[row][..<(try #require(buffer.lines[row].firstRange(of: "src/app.js"))).lowerBound]))
        let match = state.theme.style(ThemeScope.match)
        #expect(buffer[start + 4, row].style.attributes.isSuperset(of: match.attributes))
        #expect(buffer[start + 4, row].style.foreground == match.foreground)
        #expect(buffer[start + 5, row].style.foreground != match.foreground)
        #expect(buffer.lines.contains { $0.contains("2/3") })
        try WorkbenchFixture.press(&state, "down")
        commands = try WorkbenchFixture.press(&state, "enter")
        #expect(state.overlays.isEmpty)
        #expect(state.viewer.path == "lib/a.js")
        #expect(state.focus == WorkbenchLayout.main, "the file opened takes the focus")
        #expect(commands.contains(.loadFile("lib/a.js")))
        #expect(commands.contains(.loadDirectory("lib")))
        // Reopening does not index again.
        commands = try WorkbenchFixture.press(&state, "ctrl-p")
        #expect(!commands.contains(.loadFileIndex))
    }

    @Test("content search runs on enter, streams results and opens the selected match at its line")
    func contentSearch() throws {
        var state = try self.state()
        try WorkbenchFixture.press(&state, "ctrl-f")
        WorkbenchFixture.type(&state, "greet(")
        var commands = try WorkbenchFixture.press(&state, "enter")
        #expect(commands == [.searchContent(generation: 1, pattern: "greet(", isRegex: false)])
        WorkbenchFixture.feed(
            &state,
            .searchResultsFound(generation: 1, items: [SearchResultItem(path: "src/app.js", line: 3, text: "console.log(greet('x'))", ranges: [12..<18])]),
            .searchResultsFound(generation: 1, items: [SearchResultItem(path: "src/lib/greet.js", line: 1, text: "export function greet(name) {", ranges: [16..<22])]))
        var screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("src/app.js:3: console.log(greet('x'))"))
        #expect(screen.contains("searching… 2 lines"))
        WorkbenchFixture.feed(&state, .searchFinished(generation: 1, summary: "2 lines in 2 files · 9 searched", error: nil))
        screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("2 lines in 2 files · 9 searched"))
        try WorkbenchFixture.press(&state, "down")
        commands = try WorkbenchFixture.press(&state, "enter")
        #expect(state.overlays.isEmpty)
        #expect(state.focus == WorkbenchLayout.main)
        #expect(state.viewer.path == "src/lib/greet.js")
        #expect(state.viewer.pendingLine == 0)
        #expect(state.viewer.searchText == "greet(")
        #expect(commands.contains(.loadFile("src/lib/greet.js")))
        // Reopening shows the same results; switching to regex and enter searches again.
        try WorkbenchFixture.press(&state, "ctrl-f")
        #expect(WorkbenchFixture.screen(state).joined.contains("src/app.js:3:"))
        try WorkbenchFixture.press(&state, "alt-r")
        #expect(WorkbenchFixture.screen(state).joined.contains("Search contents (regex)"))
        commands = try WorkbenchFixture.press(&state, "enter")
        #expect(commands == [.searchContent(generation: 2, pattern: "greet(", isRegex: true)])
        WorkbenchFixture.feed(&state, .searchFinished(generation: 2, summary: "", error: "invalid regular expression 'greet('"))
        #expect(WorkbenchFixture.screen(state).joined.contains("invalid regular expression 'greet('"))
        // Esc while a search runs cancels it.
        WorkbenchFixture.type(&state, "x")
        _ = try WorkbenchFixture.press(&state, "enter")
        commands = try WorkbenchFixture.press(&state, "esc")
        #expect(commands == [.cancelSearch(generation: 3)])
    }

    @Test("the palette lists every action with its key and runs the chosen one")
    func palette() throws {
        var state = try self.state()
        try WorkbenchFixture.press(&state, "ctrl-k")
        let items = PaletteContent.items(state, query: "")
        #expect(items.count == ActionRegistry.standard.descriptors.count)
        #expect(items.first { $0.action == "openFinder" }?.key == "ctrl-p")
        #expect(items.first { $0.action == "sendMessage" }?.key == "enter")
        #expect(WorkbenchFixture.screen(state).joined.contains("\(items.count) actions"))
        WorkbenchFixture.type(&state, "zoom")
        let filtered = PaletteContent.items(state, query: "zoom")
        #expect(filtered.first?.action == "zoomPane")
        let screen = WorkbenchFixture.screen(state)
        let row = try #require(screen.first { $0.contains("Zoom the focused pane") })
        #expect(row.contains("alt-z"))
        try WorkbenchFixture.press(&state, "enter")
        #expect(state.overlays.isEmpty)
        #expect(state.layout.zoomed == WorkbenchLayout.tree)
        // Disabled actions say why.
        try WorkbenchFixture.press(&state, "ctrl-k")
        WorkbenchFixture.type(&state, "go to a line")
        #expect(WorkbenchFixture.screen(state).joined.contains("Go to a line — no file is open"))
        try WorkbenchFixture.press(&state, "enter")
        #expect(state.notice?.text == "Go to a line: no file is open")
    }

    @Test("help is generated from the active keymap and follows keymap switches")
    func help() throws {
        var state = try self.state()
        try WorkbenchFixture.press(&state, "f1")
        var screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("Help · keys"))
        #expect(screen.contains("Keymap \"default\""))
        #expect(screen.contains("ctrl-p") && screen.contains("Find a file by name"))
        // One line per bound action and context, listing every key bound to it.
        let lines = HelpContent.lines(state)
        let bindings = lines.compactMap { line -> String? in if case .binding(let key, _) = line { key } else { nil } }
        let expected = KeyContext.standard.reduce(0) { $0 + Set(state.keymap.bindings(in: $1).map(\.1)).count }
        #expect(bindings.count == expected)
        let keys = bindings.flatMap { $0.split(separator: ", ") }
        #expect(keys.count == KeyContext.standard.reduce(0) { $0 + state.keymap.bindings(in: $1).count })
        #expect(lines.contains(.binding(key: "q, ctrl-c, ctrl-q", title: "Quit seam (asks first when a review or a message would be lost)")))
        try WorkbenchFixture.press(&state, "esc")
        WorkbenchFixture.feed(&state, .keymapLoaded(try WorkbenchFixture.keymap("vim")))
        try WorkbenchFixture.press(&state, "f1")
        screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("Keymap \"vim\""))
        #expect(screen.contains("ctrl-w w"))
        try WorkbenchFixture.press(&state, "q")
        #expect(state.overlays.isEmpty)
    }

    @Test("themes and keymaps switch at runtime through the pickers")
    func switching() throws {
        var state = try self.state()
        var commands = try WorkbenchFixture.press(&state, "alt-t")
        #expect(commands == [.listChoices(.theme)])
        WorkbenchFixture.feed(
            &state, .choicesListed(kind: .theme, items: ["embedded", "dark", "light"].map { PickerItem(value: $0, label: $0) }))
        #expect(state.topOverlay?.id == "picker.theme")
        WorkbenchFixture.type(&state, "lig")
        commands = try WorkbenchFixture.press(&state, "enter")
        #expect(commands == [.loadTheme("light")])
        let light = try WorkbenchFixture.theme("light")
        WorkbenchFixture.feed(&state, .themeLoaded(light))
        #expect(state.theme.name == "light")
        #expect(WorkbenchView.render(state)[0, 1].style.background == light.style(ThemeScope.background).background)
        #expect(WorkbenchFixture.screen(state).last?.contains("theme: light") == true)

        commands = try WorkbenchFixture.press(&state, "alt-k")
        WorkbenchFixture.feed(&state, .choicesListed(kind: .keymap, items: ["default", "emacs", "vim"].map { PickerItem(value: $0, label: $0) }))
        WorkbenchFixture.type(&state, "vim")
        commands = try WorkbenchFixture.press(&state, "enter")
        #expect(commands == [.loadKeymap("vim")])
        WorkbenchFixture.feed(&state, .keymapLoaded(try WorkbenchFixture.keymap("vim")))
        #expect(state.keymap.name == "vim")
        // Multi-key sequences: the status bar shows what may follow.
        try WorkbenchFixture.press(&state, "ctrl-w")
        #expect(state.pendingKeys == [.control("w")])
        #expect(WorkbenchFixture.screen(state).last?.contains("ctrl-w — ") == true)
        try WorkbenchFixture.press(&state, "l")
        #expect(state.focus == WorkbenchLayout.main)
        #expect(state.pendingKeys.isEmpty)
        // An unbound continuation is reported and dropped.
        try WorkbenchFixture.press(&state, "ctrl-w x")
        #expect(state.notice?.text == "ctrl-w x is not bound")
        // Under NO_COLOR the adapted theme has no colours at all.
        WorkbenchFixture.feed(&state, .themeLoaded(try WorkbenchFixture.theme("dark")))
        var mono = state
        mono.colorDepth = .monochrome
        WorkbenchFixture.feed(&mono, .themeLoaded(try WorkbenchFixture.theme("dark")))
        let buffer = WorkbenchView.render(mono)
        #expect(buffer.cells.allSatisfy { $0.style.foreground == nil && $0.style.background == nil })
    }

    @Test("the cursor each popup reports is where its text field draws it")
    func popupCursors() throws {
        var state = try self.state()
        for (key, text) in [("ctrl-k", "zoo"), ("ctrl-p", "src/ap"), ("ctrl-f", "needle"), ("alt-4", ""), ("a", "a long note that scrolls the field far past its width to the right end")] {
            try WorkbenchFixture.press(&state, key)
            WorkbenchFixture.type(&state, text)
            guard let overlay = state.topOverlay else { continue }
            var canvas = Canvas(size: state.size)
            let drawn = OverlayView.render(overlay, state, canvas: &canvas)
            #expect(OverlayView.cursor(overlay, state) == drawn, "\(overlay.id)")
            #expect(WorkbenchView.compositor(state).cursor == drawn)
            try WorkbenchFixture.press(&state, "esc")
        }
    }
}
