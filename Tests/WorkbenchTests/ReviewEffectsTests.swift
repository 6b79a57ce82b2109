import Basics
import Changes
import TerminalKit
import TestSupport
import Testing

@testable import Workbench

@Suite("Review effects on a real workspace: open, apply, stale files, undo, redo, the editor")
@MainActor
struct ReviewEffectsTests {
    let fixture: ReviewFixture
    let data: TemporaryDirectory

    init() throws {
        self.fixture = try ReviewFixture()
        self.data = try TemporaryDirectory("review-effects")
    }

    func effects(_ extra: [String: String] = [:]) -> ReviewEffects {
        var environment = [
            "XDG_DATA_HOME": self.data.appending("data"), "HOME": self.data.path, "TMPDIR": self.data.path,
        ]
        for (key, value) in extra { environment[key] = value }
        return ReviewEffects(root: self.fixture.directory.path, environment: environment)
    }

    /// Runs `command` and waits for the message it sends back.
    func run(_ effects: ReviewEffects, _ command: ReviewCommand) async -> ReviewMsg? {
        await withCheckedContinuation { continuation in
            effects.perform(command) { msg in
                guard case .review(let reviewMsg) = msg else {
                    continuation.resume(returning: nil)
                    return
                }
                continuation.resume(returning: reviewMsg)
            }
        }
    }

    @Test("a patch is read and located in the workspace, then applied as a checkpoint and undone")
    func openApplyUndoRedo() async throws {
        let effects = self.effects()
        let opened = await self.run(
            effects,
            .open(
                text: ReviewFixture.patch, title: "change.patch", origin: .patchFile("change.patch"), context: 3,
                replacing: false))
        guard case .opened(var review, let origin, _)? = opened else {
            Issue.record("not opened: \(String(describing: opened))")
            return
        }
        #expect(origin == .patchFile("change.patch"))
        #expect(review.changeset.files.map(\.path) == ["src/cart.js", "notes.txt", "list.txt"])
        review.decideAll(.accepted)
        let applied = await self.run(
            effects, .apply(changeset: review.changeset, files: review.resolved(), title: "review: change.patch"))
        guard case .applied(let checkpoint)? = applied else {
            Issue.record("not applied: \(String(describing: applied))")
            return
        }
        #expect(try self.fixture.read("notes.txt") == "one\nTWO\nthree\nfour\nFIVE\nsix\nseven\neight\n")
        #expect(try self.fixture.read("list.txt") == "alpha\nBETA\ngamma\ninserted\nDELTA\nepsilon\n")
        guard case .checkpointUndone(let undone)? = await self.run(effects, .undo) else {
            Issue.record("undo failed")
            return
        }
        #expect(undone.id == checkpoint)
        #expect(try self.fixture.read("notes.txt") == ReviewFixture.notes)
        #expect(try self.fixture.read("src/cart.js") == ReviewFixture.cart)
        guard case .checkpointRedone(let redone)? = await self.run(effects, .redo) else {
            Issue.record("redo failed")
            return
        }
        #expect(redone.id == checkpoint)
        #expect(try self.fixture.read("list.txt") == "alpha\nBETA\ngamma\ninserted\nDELTA\nepsilon\n")
        guard case .checkpointFailed(let message)? = await self.run(effects, .redo) else {
            Issue.record("a second redo did not fail")
            return
        }
        #expect(message.hasPrefix("redo refused: "))
    }

    @Test("a file changed after the proposal refuses the whole apply and is named")
    func staleFile() async throws {
        var review = try self.fixture.review()
        review.decideAll(.accepted)
        try self.fixture.directory.write("notes.txt", "changed meanwhile\n")
        let result = await self.run(
            self.effects(), .apply(changeset: review.changeset, files: review.resolved(), title: "t"))
        guard case .applyFailed(let message, let stale)? = result else {
            Issue.record("not refused: \(String(describing: result))")
            return
        }
        #expect(stale == [1])
        #expect(message.contains("notes.txt changed on disk since the proposal"))
        #expect(try self.fixture.read("src/cart.js") == ReviewFixture.cart)
        #expect(try self.fixture.read("list.txt") == ReviewFixture.list)
        #expect(try self.fixture.read("notes.txt") == "changed meanwhile\n")
    }

    @Test("the editor edits the hunk in a temporary file, which is removed afterwards")
    func editor() async throws {
        let script = try self.data.write("editor.sh", "#!/bin/sh\nsed -i 's/^+FIVE$/+FIVE!/' \"$1\"\n")
        chmodExecutable(script)
        let review = try self.fixture.review()
        let hunk = try #require(review.hunks(inFile: 1).first)
        let text = try review.editableText(hunk.id)
        let result = await self.run(self.effects(["EDITOR": script]), .editHunk(hunk.id, path: "notes.txt", text: text))
        guard case .hunkEdited(let id, let edited)? = result else {
            Issue.record("not edited: \(String(describing: result))")
            return
        }
        #expect(id == hunk.id)
        #expect(edited == text.replacing("+FIVE\n", with: "+FIVE!\n"))
        let left = try Subprocess.run("/bin/sh", ["-c", "ls '\(self.data.path)' | grep seam-hunk || true"]).output
        #expect(left.isEmpty, "temporary hunk files left: \(left)")
    }

    @Test("an editor that fails or is missing is reported; the hunk stays as it was")
    func failingEditor() async throws {
        let review = try self.fixture.review()
        let hunk = try #require(review.hunks(inFile: 1).first)
        let text = try review.editableText(hunk.id)
        let failed = await self.run(
            self.effects(["EDITOR": "false"]), .editHunk(hunk.id, path: "notes.txt", text: text))
        guard case .hunkEditFailed(_, let message)? = failed else {
            Issue.record("did not fail: \(String(describing: failed))")
            return
        }
        #expect(message == "'false' exited with status 1; set VISUAL or EDITOR")
        let missing = await self.run(
            self.effects(["VISUAL": "/nonexistent/editor"]), .editHunk(hunk.id, path: "notes.txt", text: text))
        guard case .hunkEditFailed(_, let missingMessage)? = missing else {
            Issue.record("did not fail: \(String(describing: missing))")
            return
        }
        #expect(missingMessage.hasPrefix("'/nonexistent/editor' was not found"))
    }
}

/// Makes `path` executable (0755).
private func chmodExecutable(_ path: String) {
    _ = try? Subprocess.run("/bin/chmod", ["755", path])
}
