import Basics
@testable import Changes
import TerminalKit
import TestSupport
import Testing

@testable import Workbench

@Suite("Quitting asks first when work would be lost")
struct QuitConfirmationTests {
    static let size = Size(width: 120, height: 36)

    /// The quit popup on top, if it is there.
    static func quitPopup(_ state: WorkbenchState) -> ConfirmState? {
        if case .confirm(let confirm)? = state.topOverlay, confirm.kind == .quit { return confirm }
        return nil
    }

    @Test("with nothing to lose, q quits at once")
    func quitsAtOnce() throws {
        var state = try WorkbenchFixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "q")
        #expect(state.quitRequested)
        #expect(state.overlays.isEmpty)
    }

    @Test("text in the composer: ctrl-c asks; Esc keeps the text, Enter on Cancel keeps it, the key again quits")
    func composerText() throws {
        var state = try WorkbenchFixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "alt-3")
        WorkbenchFixture.type(&state, "half a question")
        try WorkbenchFixture.press(&state, "ctrl-c")
        #expect(!state.quitRequested)
        let popup = try #require(Self.quitPopup(state))
        #expect(popup.reasons == ["The chat message being written (15 characters) is not sent."])
        var screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("Quit seam?"))
        #expect(screen.contains("The chat message being written (15 characters) is not sent."))
        #expect(screen.contains("Quit anyway"))
        #expect(screen.contains("▸ Cancel"), "Cancel is selected first, so a stray Enter loses nothing")

        try WorkbenchFixture.press(&state, "esc")
        #expect(Self.quitPopup(state) == nil && !state.quitRequested)
        #expect(state.chat.composer.text == "half a question")
        #expect(state.focus == WorkbenchLayout.chat)

        try WorkbenchFixture.press(&state, "ctrl-q")
        #expect(Self.quitPopup(state) != nil)
        try WorkbenchFixture.press(&state, "enter")
        #expect(Self.quitPopup(state) == nil && !state.quitRequested, "Enter on Cancel cancels")
        #expect(state.chat.composer.text == "half a question")

        try WorkbenchFixture.press(&state, "ctrl-c")
        // Typing while the popup is up does not reach the composer.
        WorkbenchFixture.type(&state, "x")
        #expect(state.chat.composer.text == "half a question")
        try WorkbenchFixture.press(&state, "up")
        screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("▸ Quit anyway"))
        try WorkbenchFixture.press(&state, "enter")
        #expect(state.quitRequested)
    }

    @Test("the quit key pressed again while the popup asks quits")
    func quitKeyAgain() throws {
        var state = try WorkbenchFixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "alt-3")
        WorkbenchFixture.type(&state, "draft")
        try WorkbenchFixture.press(&state, "ctrl-c")
        #expect(!state.quitRequested)
        try WorkbenchFixture.press(&state, "ctrl-c")
        #expect(state.quitRequested)
    }

    @Test("a review with decisions not applied asks; one left pending, or applied, does not")
    func reviewDecisions() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        var pending = state
        try WorkbenchFixture.press(&pending, "q")
        #expect(pending.quitRequested, "nothing decided: nothing to lose")

        try WorkbenchFixture.press(&state, "a")
        try WorkbenchFixture.press(&state, "q")
        #expect(!state.quitRequested)
        let popup = try #require(Self.quitPopup(state))
        #expect(popup.reasons == ["The review of change.patch has 1 decided hunk that is not applied."])
        try WorkbenchFixture.press(&state, "esc")
        #expect(state.review.session?.review.state != .pending, "cancelling keeps the decisions")

        // Applied: the decisions are on disk, quitting loses nothing. (The first w asks about the
        // undecided hunks, the second applies the accepted one.)
        let commands = try ReviewFixture.pressApply(&state)
        #expect(commands.contains { if case .review(.apply) = $0 { true } else { false } })
        try WorkbenchFixture.press(&state, "q")
        #expect(Self.quitPopup(state)?.reasons == ["The reviewed change is still being written (the next start would finish it)."])
        try WorkbenchFixture.press(&state, "esc")
        WorkbenchFixture.feed(&state, .review(.applied(checkpoint: 1)))
        try WorkbenchFixture.press(&state, "q")
        #expect(state.quitRequested)
    }

    @Test("after an undo the review is open again: q quits unless its decisions were revised since")
    func afterUndo() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "a")
        try ReviewFixture.pressApply(&state)
        WorkbenchFixture.feed(&state, .review(.applied(checkpoint: 1)))
        let summary = CheckpointSummary(id: 1, title: "review: change.patch", date: 0, paths: ["src/cart.js"], isUndone: true)
        WorkbenchFixture.feed(&state, .review(.checkpointUndone(summary)))
        #expect(state.review.session?.isEditable == true, "the review is open again to revise")
        var unchanged = state
        try WorkbenchFixture.press(&unchanged, "q")
        #expect(unchanged.quitRequested, "the decisions were written and deliberately undone")

        try WorkbenchFixture.press(&state, "r")
        try WorkbenchFixture.press(&state, "q")
        #expect(!state.quitRequested)
        #expect(Self.quitPopup(state)?.reasons.first?.contains("not applied") == true)
    }

    @Test("both reasons are listed, and a click on Quit anyway quits")
    func mouseAndBothReasons() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "a")
        try WorkbenchFixture.press(&state, "alt-3")
        WorkbenchFixture.type(&state, "why?")
        try WorkbenchFixture.press(&state, "ctrl-c")
        let popup = try #require(Self.quitPopup(state))
        #expect(popup.reasons.count == 2)
        let rows = try #require(OverlayGeometry.listRows(state))
        WorkbenchFixture.feed(
            &state, .inputReceived(.mouse(MouseEvent(.press(button: 1), at: Point(x: rows.x + 2, y: rows.y)))))
        #expect(state.quitRequested)
    }

    @Test("the vim and emacs keymaps ask too", arguments: [("vim", "ctrl-c"), ("emacs", "ctrl-x ctrl-c")])
    func otherKeymaps(keymap: String, quit: String) throws {
        var state = try WorkbenchFixture.state(size: Self.size, keymap: keymap)
        state.chat.composer = TextBuffer("unsent")
        try WorkbenchFixture.press(&state, quit)
        #expect(Self.quitPopup(state) != nil && !state.quitRequested)
        try WorkbenchFixture.press(&state, quit)
        #expect(state.quitRequested)
    }

    @Test("a reason longer than the popup wraps inside it, and the choices stay below")
    func longReasonWraps() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Size(width: 60, height: 30))
        try WorkbenchFixture.press(&state, "a")
        try WorkbenchFixture.press(&state, "q")
        let popup = try #require(Self.quitPopup(state))
        let frame = OverlayGeometry.frame(.confirm(popup), in: state.size)
        let reason = try #require(popup.reasons.first)
        #expect(reason.count > frame.width - 3, "the reason is too long for one row")
        // The rows inside the border, without the margins.
        let shown = WorkbenchFixture.screen(state)[(frame.y + 1)..<(frame.y + frame.height - 1)].map { line in
            let inside = line.dropFirst(frame.x + 1).prefix(frame.width - 2)
            return String(inside.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        }.filter { !$0.isEmpty }
        #expect(shown.count == 4, "two rows of reason, two choices: \(shown)")
        #expect(shown.prefix(2).joined(separator: " ") == reason)
        #expect(shown.suffix(2) == ["Quit anyway", "▸ Cancel"])
    }
}
