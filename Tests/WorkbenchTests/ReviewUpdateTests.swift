import Basics
import Changes
import TerminalKit
import TestSupport
import Testing

@testable import Workbench

@Suite("Review: decisions, navigation, apply, undo")
struct ReviewUpdateTests {
    static let size = Size(width: 160, height: 48)

    /// The apply command among `commands`.
    func applyCommand(_ commands: [Command]) -> (Changeset, [ChangeReview.ResolvedFile], String)? {
        for command in commands {
            if case .review(.apply(let changeset, let files, let title)) = command { return (changeset, files, title) }
        }
        return nil
    }

    @Test("opening selects the first hunk of the first file, in the review's key context")
    func opening() throws {
        let fixture = try ReviewFixture()
        let state = try fixture.state(size: Self.size)
        #expect(state.mainMode == .review)
        #expect(state.focus == WorkbenchLayout.main)
        #expect(WorkbenchUpdate.activeContexts(state) == [.review, .global])
        let session = try #require(state.review.session)
        #expect(session.changeset.files.map(\.path) == ["src/cart.js", "notes.txt", "list.txt"])
        #expect(session.file == 0)
        #expect(ReviewFixture.selectedHeader(state) == "@@ -1,7 +1,8 @@")
        #expect(state.notice?.text.hasPrefix("review: 3 files, 4 hunks") == true)
        // Nothing is decided, so nothing would be written.
        #expect(session.review.resolved().isEmpty)
    }

    @Test("deciding a hunk moves to the next one, across files; file states follow")
    func hunkDecisions() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "a")
        #expect(ReviewFixture.selectedHeader(state) == "@@ -16,5 +17,5 @@")
        try WorkbenchFixture.press(&state, "r")
        let session = try #require(state.review.session)
        #expect(session.file == 1)
        #expect(session.review.state(ofFile: 0) == .partial)
        #expect(session.review.state(ofFile: 1) == .pending)
        #expect(
            ReviewFixture.resolved(state, "src/cart.js")
                == ReviewFixture.cart.replacing(
                    "    sum += item.price * item.count\n",
                    with: "    sum += item.price * item.quantity\n    // tax is added at checkout\n"))
        // Up goes back to the previous file's last hunk; a decision can be revised.
        try WorkbenchFixture.press(&state, "up")
        #expect(state.review.session?.file == 0)
        #expect(ReviewFixture.selectedHeader(state) == "@@ -16,5 +17,5 @@")
        try WorkbenchFixture.press(&state, "space")
        #expect(state.review.session?.review.state(ofFile: 0) == .accepted)
        #expect(ReviewFixture.resolved(state, "src/cart.js")?.contains("return items.at(0)") == true)
    }

    @Test("line selection takes single lines of a hunk; Esc goes back to hunks")
    func lineSelection() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "right")
        try WorkbenchFixture.press(&state, "right")
        #expect(state.review.session?.file == 2)
        try WorkbenchFixture.press(&state, "v")
        #expect(state.review.session?.isLineMode == true)
        #expect(WorkbenchFixture.screen(state).joined.contains("line selection"))
        // -beta, +BETA, -delta, +inserted, +DELTA: take the removal of beta and the insertion only.
        for key in ["a", "r", "r", "a", "r"] { try WorkbenchFixture.press(&state, key) }
        let session = try #require(state.review.session)
        #expect(session.review.state(ofFile: 2) == .partial)
        #expect(ReviewFixture.resolved(state, "list.txt") == "alpha\ngamma\ndelta\ninserted\nepsilon\n")
        try WorkbenchFixture.press(&state, "esc")
        #expect(state.review.session?.isLineMode == false)
    }

    @Test("a split hunk's halves are decided apart; a single change cannot be split")
    func splitting() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "]")
        #expect(state.review.session?.hunks.count == 1)
        try WorkbenchFixture.press(&state, "s")
        #expect(state.review.session?.hunks.map(\.header) == ["@@ -1,4 +1,4 @@", "@@ -3,6 +3,6 @@"])
        #expect(ReviewFixture.selectedHeader(state) == "@@ -1,4 +1,4 @@")
        try WorkbenchFixture.press(&state, "a")
        #expect(ReviewFixture.selectedHeader(state) == "@@ -3,6 +3,6 @@")
        try WorkbenchFixture.press(&state, "s")
        #expect(state.notice?.text.contains("single change") == true)
        try WorkbenchFixture.press(&state, "r")
        #expect(ReviewFixture.resolved(state, "notes.txt") == "one\nTWO\nthree\nfour\nfive\nsix\nseven\neight\n")
    }

    @Test("an edited hunk replaces the proposal when its lines still fit the file")
    func editing() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "]")
        let commands = try WorkbenchFixture.press(&state, "e")
        guard case .review(.editHunk(let id, let path, let text))? = commands.first else {
            Issue.record("no edit command in \(commands)")
            return
        }
        #expect(path == "notes.txt")
        #expect(text.contains("-two\n+TWO\n") && text.contains("-five\n+FIVE\n"))
        #expect(state.review.session?.editing == id)
        // While the editor runs, a second request does nothing.
        #expect(try WorkbenchFixture.press(&state, "e").isEmpty)
        WorkbenchFixture.feed(&state, .review(.hunkEdited(id, text: text.replacing("+FIVE\n", with: "+Five!\n"))))
        let session = try #require(state.review.session)
        #expect(session.editing == nil)
        #expect(session.error == nil)
        #expect(ReviewFixture.resolved(state, "notes.txt") == "one\nTWO\nthree\nfour\nFive!\nsix\nseven\neight\n")
        #expect(WorkbenchFixture.screen(state).joined.contains("· edited"))
    }

    @Test("an invalid edit or a failed editor leaves the hunk as it was and says why")
    func invalidEdit() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "]")
        guard case .review(.editHunk(let id, _, let text))? = try WorkbenchFixture.press(&state, "e").first else {
            Issue.record("no edit command")
            return
        }
        let before = state.review.session?.review
        WorkbenchFixture.feed(&state, .review(.hunkEdited(id, text: text.replacing(" three\n", with: " THREE\n"))))
        #expect(state.review.session?.review == before)
        #expect(state.review.session?.error?.contains("expected the file's line 3 'three'") == true)
        #expect(state.notice?.kind == .error)
        let screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("✗ the edited hunk was not used"))
        _ = try WorkbenchFixture.press(&state, "e")
        WorkbenchFixture.feed(
            &state, .review(.hunkEditFailed(id, message: "'nano' exited with status 1; set VISUAL or EDITOR")))
        #expect(state.review.session?.review == before)
        #expect(state.review.session?.editing == nil)
        #expect(state.review.session?.error?.contains("exited with status 1") == true)
    }

    @Test("accept or reject the rest of a file leaves earlier decisions alone")
    func restOfFile() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "r")
        try WorkbenchFixture.press(&state, "A")
        #expect(state.review.session?.review.state(ofFile: 0) == .partial)
        #expect(
            ReviewFixture.resolved(state, "src/cart.js")
                == ReviewFixture.cart.replacing("return items[0]", with: "return items.at(0)"))
        try WorkbenchFixture.press(&state, "]")
        try WorkbenchFixture.press(&state, "R")
        #expect(state.review.session?.review.state(ofFile: 1) == .rejected)
    }

    @Test("less context splits nearby changes into hunks, more joins them; decisions survive")
    func context() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "]")
        for _ in 0..<3 { try WorkbenchFixture.press(&state, "minus") }
        #expect(state.review.session?.review.context == 0)
        #expect(state.review.session?.hunks.map(\.header) == ["@@ -2 +2 @@", "@@ -5 +5 @@"])
        try WorkbenchFixture.press(&state, "a")
        try WorkbenchFixture.press(&state, "+")
        #expect(state.review.session?.hunks.count == 1)
        #expect(state.review.session?.hunks.first?.state == .partial)
        try WorkbenchFixture.press(&state, "minus")
        try WorkbenchFixture.press(&state, "minus")
        #expect(state.review.session?.review.context == 0)
    }

    @Test("apply asks again while changes are undecided, then writes through one command")
    func applying() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "a")
        #expect(self.applyCommand(try WorkbenchFixture.press(&state, "w")) == nil)
        #expect(state.notice?.text.contains("undecided") == true)
        // Any other action drops the confirmation.
        try WorkbenchFixture.press(&state, "down")
        #expect(state.review.session?.isConfirmingApply == false)
        #expect(self.applyCommand(try WorkbenchFixture.press(&state, "w")) == nil)
        let (changeset, files, title) = try #require(self.applyCommand(try WorkbenchFixture.press(&state, "w")))
        #expect(changeset.files.count == 3)
        #expect(files.map(\.path) == ["src/cart.js"])
        #expect(title == "review: change.patch")
        #expect(state.review.session?.phase == .applying)
        // The files on disk are untouched until the command runs; here the real store runs it.
        #expect(try fixture.read("src/cart.js") == ReviewFixture.cart)
        let data = try TemporaryDirectory("review-data")
        let store = try CheckpointStore(
            workspace: try fixture.workspace, environment: ["XDG_DATA_HOME": data.path, "HOME": data.path])
        let checkpoint = try store.apply(files, title: title)
        let applied = ReviewFixture.cart.replacing(
            "    sum += item.price * item.count\n",
            with: "    sum += item.price * item.quantity\n    // tax is added at checkout\n")
        #expect(try fixture.read("src/cart.js") == applied)
        let commands = WorkbenchFixture.feed(&state, .review(.applied(checkpoint: checkpoint)))
        #expect(commands.contains(.loadGitStatus))
        guard case .applied(let report)? = state.review.session?.phase else {
            Issue.record("not applied: \(String(describing: state.review.session?.phase))")
            return
        }
        #expect(report.checkpoint == checkpoint)
        #expect(report.lines.map(\.text).contains("  @@ -1,7 +1,8 @@ (edit hunk 1): applied — applied at line 1"))
        #expect(report.lines.map(\.text).contains("  @@ -16,5 +17,5 @@ (edit hunk 2): undecided, left out"))
        #expect(WorkbenchFixture.screen(state).joined.contains("Applied as checkpoint \(checkpoint): 1 file written."))
        // Decisions are frozen until the checkpoint is undone.
        try WorkbenchFixture.press(&state, "r")
        #expect(state.notice?.text.contains("the change is applied (checkpoint \(checkpoint))") == true)
        #expect(try WorkbenchFixture.press(&state, "u") == [.review(.undo)])
        WorkbenchFixture.feed(&state, .review(.checkpointUndone(try store.undo())))
        #expect(try fixture.read("src/cart.js") == ReviewFixture.cart)
        #expect(state.review.session?.phase == .reviewing)
        #expect(try WorkbenchFixture.press(&state, "U") == [.review(.redo)])
        WorkbenchFixture.feed(&state, .review(.checkpointRedone(try store.redo())))
        #expect(state.review.session?.phase == .applied(report))
        #expect(try fixture.read("src/cart.js") == applied)
    }

    @Test("nothing accepted means nothing to apply")
    func nothingAccepted() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "R")
        try WorkbenchFixture.press(&state, "w")
        #expect(self.applyCommand(try WorkbenchFixture.press(&state, "w")) == nil)
        #expect(state.notice?.text == "nothing is accepted: nothing to apply")
    }

    @Test("a file changed on disk since the proposal is found, refused and marked stale")
    func staleFiles() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        let changeset = try #require(state.review.session?.changeset)
        #expect(changeset.staleFiles(in: try fixture.workspace).isEmpty)
        try fixture.directory.write("notes.txt", "one\ntwo\nthree\n")
        #expect(changeset.staleFiles(in: try fixture.workspace) == [1])
        try WorkbenchFixture.press(&state, "A")
        try WorkbenchFixture.press(&state, "w")
        _ = try #require(self.applyCommand(try WorkbenchFixture.press(&state, "w")))
        WorkbenchFixture.feed(
            &state, .review(.applyFailed(message: "notes.txt changed on disk since the proposal", stale: [1])))
        let session = try #require(state.review.session)
        #expect(session.phase == .reviewing)
        #expect(session.staleFiles == [1])
        try WorkbenchFixture.press(&state, "]")
        let screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("nothing was written: notes.txt changed on disk since the proposal"))
        #expect(screen.contains("notes.txt") && screen.contains("stale"))
        #expect(screen.contains("changed on disk since the proposal: it cannot be applied"))
    }

    @Test("a reload looks for stale files; what it finds is marked")
    func reloadChecksStaleFiles() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        let commands = try WorkbenchFixture.press(&state, "f5")
        let changeset = try #require(state.review.session?.changeset)
        #expect(commands.contains(.review(.checkStale(changeset))))
        WorkbenchFixture.feed(&state, .review(.staleChecked(title: "other.patch", stale: [2])))
        #expect(state.review.session?.staleFiles.isEmpty == true)
        WorkbenchFixture.feed(&state, .review(.staleChecked(title: changeset.title, stale: [2])))
        #expect(state.review.session?.staleFiles == [2])
        #expect(state.notice?.text == "changed on disk since the proposal: list.txt")
        #expect(WorkbenchFixture.screen(state).contains { $0.contains("! list.txt") && $0.contains("stale") })
    }

    @Test("clicks select a file in the list, and a hunk or line in the diff")
    func clicks() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        var screen = WorkbenchFixture.screen(state)
        let listRow = try #require(screen.firstIndex { $0.contains("○ list.txt") })
        WorkbenchFixture.feed(
            &state, .inputReceived(.mouse(MouseEvent(.press(button: 1), at: Point(x: 5, y: listRow)))))
        #expect(state.review.session?.file == 2)
        try WorkbenchFixture.press(&state, "v")
        screen = WorkbenchFixture.screen(state)
        let row = try #require(screen.firstIndex { $0.contains("+inserted") })
        let column = try #require(screen[row].firstRange(of: "+inserted")).lowerBound
        let x = screen[row].distance(from: screen[row].startIndex, to: column)
        WorkbenchFixture.feed(&state, .inputReceived(.mouse(MouseEvent(.press(button: 1), at: Point(x: x, y: row)))))
        let session = try #require(state.review.session)
        let hunk = try #require(ReviewUpdate.selectedHunk(session))
        #expect(String(decoding: hunk.lines[session.line].text, as: UTF8.self) == "inserted")
        try WorkbenchFixture.press(&state, "a")
        #expect(ReviewFixture.resolved(state, "list.txt") == "alpha\nbeta\ngamma\ndelta\ninserted\nepsilon\n")
    }

    @Test("paths outside the workspace and binary files are listed as refused, never applied")
    func refusedFiles() throws {
        let fixture = try ReviewFixture()
        try fixture.directory.write("image.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02])
        let patch = """
            --- a/../outside.txt
            +++ b/../outside.txt
            @@ -1 +1 @@
            -old
            +new
            diff --git a/image.png b/image.png
            index 0000001..0000002 100644
            Binary files a/image.png and b/image.png differ
            --- a/list.txt
            +++ b/list.txt
            @@ -1,2 +1,2 @@
             alpha
            -beta
            +BETA

            """
        var state = try fixture.state(size: Self.size, text: patch)
        let session = try #require(state.review.session)
        #expect(session.changeset.files.map(\.path) == ["../outside.txt", "image.png", "list.txt"])
        var screen = WorkbenchFixture.screen(state)
        #expect(screen.contains { $0.contains("! ../outside.txt") && $0.contains("refused") })
        #expect(screen.contains { $0.contains("! image.png") && $0.contains("refused") })
        #expect(screen.joined.contains("refused: climbs out with '..'; edits must stay inside the workspace"))
        // A refused file has nothing to decide.
        try WorkbenchFixture.press(&state, "a")
        #expect(state.notice?.text == "no hunk is selected")
        try WorkbenchFixture.press(&state, "right")
        screen = WorkbenchFixture.screen(state)
        #expect(screen.joined.contains("refused: binary file"))
        try WorkbenchFixture.press(&state, "right")
        try WorkbenchFixture.press(&state, "a")
        let (_, files, _) = try #require(self.applyCommand(try WorkbenchFixture.press(&state, "w")))
        #expect(files.map(\.path) == ["list.txt"])
    }

    @Test("closing with decisions asks again; nothing is written")
    func closing() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "a")
        try WorkbenchFixture.press(&state, "x")
        #expect(state.review.session != nil)
        try WorkbenchFixture.press(&state, "x")
        #expect(state.review.session == nil)
        #expect(state.mainMode == .welcome)
        #expect(try fixture.read("src/cart.js") == ReviewFixture.cart)
    }

    @Test("every review action has keys in the review context of all three keymaps")
    func keymaps() throws {
        for name in ["default", "vim", "emacs"] {
            let keymap = try WorkbenchFixture.keymap(name)
            for descriptor in ReviewActions.descriptors where descriptor.contexts.contains(.review) {
                #expect(!keymap.sequences(for: descriptor.id, in: .review).isEmpty, "\(name): \(descriptor.id)")
            }
            #expect(!keymap.sequences(for: "undoCheckpoint", in: .global).isEmpty, "\(name): global undo")
            #expect(!keymap.sequences(for: "reviewLastAnswer", in: .global).isEmpty, "\(name): reviewLastAnswer")
        }
        var state = try ReviewFixture().state(size: Self.size)
        try WorkbenchFixture.press(&state, "f1")
        #expect(HelpContent.lines(state).contains(.heading("Review of a change")))
    }

    @Test("vim keys drive the review")
    func vimKeys() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size, keymap: "vim")
        try WorkbenchFixture.press(&state, "j")
        #expect(ReviewFixture.selectedHeader(state) == "@@ -16,5 +17,5 @@")
        try WorkbenchFixture.press(&state, "l")
        #expect(state.review.session?.file == 1)
        try WorkbenchFixture.press(&state, "k")
        #expect(state.review.session?.file == 0)
    }
}
