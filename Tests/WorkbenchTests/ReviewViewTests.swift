import Basics
import Changes
import TerminalKit
import TestSupport
import Testing

@testable import Workbench

@Suite("Review: screens in the TestBackend")
struct ReviewViewTests {
    /// Compares `screen` with `Tests/Fixtures/review/NAME.txt` (see `ScreenSnapshot`).
    func expectSnapshot(_ name: String, _ screen: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try ScreenSnapshot.expect(screen, matches: "review/\(name).txt", sourceLocation: sourceLocation)
    }

    @MainActor
    func draw(_ state: WorkbenchState) -> TestBackend { WorkbenchFixture.draw(state) }

    @Test("80×24: the files above the diff, unified by default; side by side on request")
    @MainActor
    func narrow() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Size(width: 80, height: 24))
        #expect(state.review.session?.layout(width: 78) == .unified)
        try self.expectSnapshot("review-80x24-unified", self.draw(state).snapshot)
        try WorkbenchFixture.press(&state, "t")
        try self.expectSnapshot("review-80x24-side-by-side", self.draw(state).snapshot)
    }

    @Test("160×48: the files beside the diff, side by side by default; unified on request")
    @MainActor
    func wide() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Size(width: 160, height: 48))
        try self.expectSnapshot("review-160x48-side-by-side", self.draw(state).snapshot)
        try WorkbenchFixture.press(&state, "t")
        // Decisions of every kind, to show their marks.
        try WorkbenchFixture.press(&state, "a")
        try WorkbenchFixture.press(&state, "r")
        try WorkbenchFixture.press(&state, "s")
        try WorkbenchFixture.press(&state, "a")
        try WorkbenchFixture.press(&state, "v")
        try self.expectSnapshot("review-160x48-unified-decided", self.draw(state).snapshot)
    }

    @Test("changed words are highlighted inside changed lines, on both sides")
    @MainActor
    func wordHighlights() throws {
        let fixture = try ReviewFixture()
        let state = try fixture.state(size: Size(width: 160, height: 48))
        let backend = self.draw(state)
        let theme = state.theme
        let addedWord = theme.style(ThemeScope.diffAdded).patched(with: theme.style(ThemeScope.diffAddedWord))
        let removedWord = theme.style(ThemeScope.diffRemoved).patched(with: theme.style(ThemeScope.diffRemovedWord))
        #expect(addedWord.background != nil && addedWord.background != theme.style(ThemeScope.diffAdded).background)
        let quantity = try #require(backend.find("quantity"))
        #expect(backend.cell(x: quantity.x, y: quantity.y).style.background == addedWord.background)
        let count = try #require(backend.find("count"))
        #expect(count.y == quantity.y && count.x < quantity.x, "the old line is on the left of the new one")
        #expect(backend.cell(x: count.x, y: count.y).style.background == removedWord.background)
        // An unchanged word of the same lines is not highlighted.
        let price = try #require(backend.find("price"))
        #expect(backend.cell(x: price.x, y: price.y).style.background != removedWord.background)
        #expect(backend.cell(x: price.x, y: price.y).style.foreground == theme.style(ThemeScope.diffRemoved).foreground)
    }

    @Test("rejected lines are struck through; the selected line is highlighted in line mode")
    @MainActor
    func decisionStyles() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Size(width: 120, height: 30))
        #expect(state.review.session?.layout(width: 87) == .unified)
        try WorkbenchFixture.press(&state, "r")
        let backend = self.draw(state)
        let rejected = try #require(backend.find("+    // tax is added at checkout"))
        #expect(backend.cell(x: rejected.x + 6, y: rejected.y).style.attributes.contains(.strikethrough))
        #expect(backend.line(rejected.y).contains("✗ +    // tax"))
        try WorkbenchFixture.press(&state, "v")
        let lineMode = self.draw(state)
        let selected = try #require(lineMode.find("-  return items[0]"))
        #expect(
            lineMode.cell(x: selected.x, y: selected.y).style.background
                == state.theme.style(ThemeScope.cursorLine).background)
        #expect(lineMode.line(selected.y).contains("│▌"))
    }

    @Test("the navigator marks each file's state")
    @MainActor
    func navigatorMarks() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Size(width: 160, height: 48))
        try WorkbenchFixture.press(&state, "A")
        try WorkbenchFixture.press(&state, "]")
        try WorkbenchFixture.press(&state, "R")
        try WorkbenchFixture.press(&state, "]")
        try WorkbenchFixture.press(&state, "v")
        try WorkbenchFixture.press(&state, "a")
        let screen = self.draw(state).snapshot
        #expect(screen.contains("✓ src/cart.js"))
        #expect(screen.contains("✗ notes.txt"))
        #expect(screen.contains("◐ list.txt"))
        #expect(screen.contains("1 accepted · 1 partial · 1 rejected"))
    }

    @Test("the apply report lists every hunk's outcome")
    @MainActor
    func report() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Size(width: 120, height: 30))
        try WorkbenchFixture.press(&state, "A")
        try WorkbenchFixture.press(&state, "]")
        try WorkbenchFixture.press(&state, "s")
        try WorkbenchFixture.press(&state, "r")
        try WorkbenchFixture.press(&state, "a")
        try WorkbenchFixture.press(&state, "w")
        try WorkbenchFixture.press(&state, "w")
        WorkbenchFixture.feed(&state, .review(.applied(checkpoint: 3)))
        try self.expectSnapshot("review-120x30-applied", self.draw(state).snapshot)
    }
}
