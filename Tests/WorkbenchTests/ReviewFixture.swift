import Basics
import Changes
import TerminalKit
import TestSupport

@testable import Workbench

/// A small workspace on disk with a three-file patch against it, opened in the review the way
/// `seam review` opens it (main view zoomed and focused, no engine).
final class ReviewFixture {
    let directory: TemporaryDirectory

    /// `src/cart.js`: a word-level change and an added line in one hunk, a second hunk far below.
    static let cart = """
        export function total(items) {
          let sum = 0
          for (const item of items) {
            sum += item.price * item.count
          }
          return sum
        }

        export function describe(items) {
          const names = items.map((item) => item.name)
          return names.join(', ')
        }

        export function empty(items) {
          return items.length === 0
        }

        export function first(items) {
          return items[0]
        }

        """
    /// `notes.txt`: two changes two lines apart (one hunk that can be split).
    static let notes = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n"
    /// `list.txt`: a replaced line and a replaced line with an insertion, one hunk.
    static let list = "alpha\nbeta\ngamma\ndelta\nepsilon\n"

    static let patch = """
        diff --git a/src/cart.js b/src/cart.js
        --- a/src/cart.js
        +++ b/src/cart.js
        @@ -1,7 +1,8 @@
         export function total(items) {
           let sum = 0
           for (const item of items) {
        -    sum += item.price * item.count
        +    sum += item.price * item.quantity
        +    // tax is added at checkout
           }
           return sum
         }
        @@ -17,4 +18,4 @@ export function empty(items) {
        \u{20}
         export function first(items) {
        -  return items[0]
        +  return items.at(0)
         }
        diff --git a/notes.txt b/notes.txt
        --- a/notes.txt
        +++ b/notes.txt
        @@ -1,7 +1,7 @@
         one
        -two
        +TWO
         three
         four
        -five
        +FIVE
         six
         seven
        diff --git a/list.txt b/list.txt
        --- a/list.txt
        +++ b/list.txt
        @@ -1,5 +1,6 @@
         alpha
        -beta
        +BETA
         gamma
        -delta
        +inserted
        +DELTA
         epsilon

        """

    init() throws {
        self.directory = try TemporaryDirectory("review")
        try self.directory.write("src/cart.js", Self.cart)
        try self.directory.write("notes.txt", Self.notes)
        try self.directory.write("list.txt", Self.list)
    }

    var workspace: WorkspaceRoot {
        get throws { try WorkspaceRoot(self.directory.path) }
    }

    /// The patch (or `text`) read and located in the workspace.
    func review(_ text: String = ReviewFixture.patch, context: Int = 3) throws -> ChangeReview {
        ChangeReview(
            ChangesetBuilder(workspace: try self.workspace).build(text: Array(text.utf8), title: "change.patch"),
            context: context)
    }

    /// A workbench of `size` with the review open, zoomed and focused.
    func state(size: Size, keymap: String = "default", text: String = ReviewFixture.patch) throws -> WorkbenchState {
        var state = try WorkbenchFixture.state(root: self.directory.path, size: size, keymap: keymap)
        state.engine = .idle
        state.layout.zoomed = WorkbenchLayout.main
        _ = ReviewUpdate.open(try self.review(text), origin: .patchFile("change.patch"), focus: true, &state)
        return state
    }

    /// The file's text on disk.
    func read(_ relative: String) throws -> String {
        try TestFiles.readText(self.directory.appending(relative))
    }

    /// What the review would write to `relative` now (nil when it stays as it is).
    static func resolved(_ state: WorkbenchState, _ relative: String) -> String? {
        guard let review = state.review.session?.review else { return nil }
        return review.resolved().first { $0.path == relative }.flatMap { $0.content }.map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// The selected hunk's header line.
    static func selectedHeader(_ state: WorkbenchState) -> String? {
        guard let session = state.review.session else { return nil }
        let hunks = session.hunks
        return session.hunkIndex(in: hunks).map { hunks[$0].header }
    }

    /// Presses `w` until the review asks to apply (the first press may ask about undecided
    /// hunks first); returns the commands of the last press.
    @discardableResult
    static func pressApply(_ state: inout WorkbenchState) throws -> [Command] {
        var commands = try WorkbenchFixture.press(&state, "w")
        if !commands.contains(where: { if case .review(.apply) = $0 { true } else { false } }) {
            commands = try WorkbenchFixture.press(&state, "w")
        }
        return commands
    }
}
