import Basics
import TerminalKit
import TestSupport
import Testing
import Workspace

@testable import Workbench

@Suite("File viewer: update and view")
struct WorkbenchViewerTests {
    let source = (1...60).map { index in
        index == 30 ? "function greet(name) { return `hi ${name}` } // greet here" : "const line\(index) = \(index)\t// tab"
    }

    func openState() throws -> WorkbenchState {
        var state = try WorkbenchFixture.state(size: Size(width: 140, height: 30))
        try WorkbenchFixture.press(&state, "tab")
        _ = WorkbenchUpdate.openFile("src/app.js", line: nil, &state)
        let document = FileContents(path: "src/app.js", bytes: Array(self.source.joined(separator: "\n").utf8))
        WorkbenchFixture.feed(&state, .fileLoaded(path: "src/app.js", content: FileContentLoader.content(of: document)))
        return state
    }

    @Test("shows line numbers, expanded tabs and syntax colours from the theme")
    func rendering() throws {
        let state = try self.openState()
        #expect(state.viewer.language == "JavaScript")
        let buffer = WorkbenchView.render(state)
        let lines = buffer.lines
        #expect(lines[0].contains("src/app.js · JavaScript"))
        let first = try #require(lines.firstIndex { $0.contains("  1 const line1 = 1 // tab") })
        let row = lines[first]
        // "const" is a keyword: its cells carry the theme's keyword colour.
        let column = TextWidth.of(String(row[..<(try #require(row.firstRange(of: "const"))).lowerBound]))
        #expect(buffer[column, first].style.foreground == state.theme.style("syntax.keyword").foreground)
        let comment = TextWidth.of(String(row[..<(try #require(row.firstRange(of: "// tab"))).lowerBound]))
        #expect(buffer[comment, first].style.foreground == state.theme.style("syntax.comment").foreground)
        #expect(lines[28].contains("1:60"))
    }

    @Test("find in file moves to the next match and highlights every match")
    func findInFile() throws {
        var state = try self.openState()
        try WorkbenchFixture.press(&state, "/")
        #expect(state.topOverlay?.id == "prompt.findInFile")
        WorkbenchFixture.type(&state, "greet")
        try WorkbenchFixture.press(&state, "enter")
        #expect(state.overlays.isEmpty)
        #expect(state.viewer.cursorLine == 29)
        #expect(state.viewer.searchMatches.count == 2)
        let buffer = WorkbenchView.render(state)
        let row = try #require(buffer.lines.firstIndex { $0.contains("30 function greet") })
        let column = TextWidth.of(String(buffer.lines[row][..<(try #require(buffer.lines[row].firstRange(of: "greet"))).lowerBound]))
        #expect(buffer[column, row].style.background == state.theme.style(ThemeScope.searchMatchCurrent).background)
        #expect(buffer.lines.last?.contains("/greet 2") == true || buffer.lines[28].contains("/greet 2"))
        try WorkbenchFixture.press(&state, "n")
        #expect(state.viewer.cursorLine == 29)
        try WorkbenchFixture.press(&state, "esc")
        #expect(state.viewer.searchText == nil)
    }

    @Test("go to line centres the line; a bad number is explained, not applied")
    func goToLine() throws {
        var state = try self.openState()
        try WorkbenchFixture.press(&state, "ctrl-g")
        WorkbenchFixture.type(&state, "abc")
        try WorkbenchFixture.press(&state, "enter")
        guard case .prompt(let prompt)? = state.topOverlay else {
            Issue.record("the prompt should stay open")
            return
        }
        #expect(prompt.error?.contains("line number") == true)
        #expect(WorkbenchFixture.screen(state).joined.contains("type a line number from 1 to 60"))
        try WorkbenchFixture.press(&state, "ctrl-u")
        WorkbenchFixture.type(&state, "45")
        try WorkbenchFixture.press(&state, "enter")
        #expect(state.viewer.cursorLine == 44)
        #expect(state.viewer.scroll > 0 && state.viewer.scroll <= 44)
        let screen = WorkbenchFixture.screen(state)
        #expect(screen.contains { $0.contains("45 const line45 = 45") })
    }

    @Test("binary files and read errors are said in the view")
    func problems() throws {
        var state = try WorkbenchFixture.state(size: Size(width: 140, height: 30))
        _ = WorkbenchUpdate.openFile("a.bin", line: nil, &state)
        let binary = FileContents(path: "a.bin", bytes: [0, 1, 2, 0, 255])
        WorkbenchFixture.feed(&state, .fileLoaded(path: "a.bin", content: FileContentLoader.content(of: binary)))
        #expect(WorkbenchFixture.screen(state).joined.contains("binary file (5 B), not shown"))
        _ = WorkbenchUpdate.openFile("gone.txt", line: nil, &state)
        WorkbenchFixture.feed(&state, .fileFailed(path: "gone.txt", message: "gone.txt does not exist"))
        #expect(WorkbenchFixture.screen(state).joined.contains("gone.txt does not exist"))
        // A late answer for another file is ignored.
        WorkbenchFixture.feed(&state, .fileLoaded(path: "a.bin", content: FileContent(lines: ["x"])))
        #expect(state.viewer.path == "gone.txt")
    }

    @Test("wide and combining characters keep the columns aligned")
    func wideCharacters() throws {
        var state = try WorkbenchFixture.state(size: Size(width: 140, height: 30))
        _ = WorkbenchUpdate.openFile("i18n.txt", line: nil, &state)
        WorkbenchFixture.feed(&state, .fileLoaded(path: "i18n.txt", content: FileContent(lines: ["漢字かな|", "cafe\u{301}|", "ab|"])))
        let lines = WorkbenchFixture.screen(state)
        let rows = [1, 2, 3].map { lines[$0] }
        let bars = rows.map { row in TextWidth.of(String(row[..<(row.firstIndex(of: "|") ?? row.endIndex)])) }
        #expect(bars[0] - bars[2] == 6)
        #expect(bars[1] - bars[2] == 2)
    }
}
