import TestSupport
import Testing

@testable import Changes

@Suite("change review")
struct ChangeReviewTests {
    /// 30 numbered lines.
    private static let original = (1...30).map { "line \($0)\n" }.joined()

    /// A patch changing lines 3, 5 (one hunk with two blocks) and 25 (a second hunk).
    private static let patch = """
        --- a/f.txt
        +++ b/f.txt
        @@ -1,7 +1,8 @@
         line 1
         line 2
        -line 3
        +LINE 3
        +line 3.5
         line 4
        -line 5
        +LINE 5
         line 6
         line 7
        @@ -23,5 +24,5 @@
         line 23
         line 24
        -line 25
        +LINE 25
         line 26
         line 27

        """

    private func review() throws -> (TestWorkspace, ChangeReview) {
        let workspace = try TestWorkspace(["f.txt": Self.original])
        return (workspace, ChangeReview(workspace.changeset(Self.patch)))
    }

    private func content(_ review: ChangeReview) -> String? {
        review.resolved().first.flatMap { $0.content.map { String(decoding: $0, as: UTF8.self) } }
    }

    private func expected(_ replacements: [Int: [String]]) -> String {
        (1...30).flatMap { replacements[$0] ?? ["line \($0)"] }.map { $0 + "\n" }.joined()
    }

    @Test("hunks follow the patch; everything starts pending")
    func initialState() throws {
        let (_, review) = try self.review()
        let hunks = review.hunks(inFile: 0)
        #expect(hunks.count == 2)
        #expect(hunks[0].blockIDs.count == 2)
        #expect(hunks[0].header == "@@ -1,8 +1,9 @@")
        #expect(hunks[1].header == "@@ -22,7 +23,7 @@")
        #expect(hunks[0].editHunks == [1] && hunks[1].editHunks == [2])
        #expect(review.state(ofFile: 0) == .pending)
        #expect(self.content(review) == nil)
    }

    @Test("accepting one hunk and rejecting another writes only the accepted one; the file is partial")
    func hunkDecisions() throws {
        var (_, review) = try self.review()
        let hunks = review.hunks(inFile: 0)
        try review.decide(hunks[0].id, .rejected)
        try review.decide(hunks[1].id, .accepted)
        #expect(review.state(ofFile: 0) == .partial)
        #expect(self.content(review) == self.expected([25: ["LINE 25"]]))
        // Decisions stay revisable until the apply.
        try review.decide(hunks[0].id, .accepted)
        #expect(review.state(ofFile: 0) == .accepted)
        #expect(self.content(review) == self.expected([3: ["LINE 3", "line 3.5"], 5: ["LINE 5"], 25: ["LINE 25"]]))
    }

    @Test("line selection keeps unselected removals and drops unselected additions")
    func lineSelection() throws {
        var (_, review) = try self.review()
        let first = review.hunks(inFile: 0)[0]
        try review.decide(first.id, .accepted)
        let added35 = try #require(first.lines.first { $0.text == Array("line 3.5".utf8) }?.reference)
        let removed5 = try #require(
            first.lines.first { $0.kind == .deletion && $0.text == Array("line 5".utf8) }?.reference)
        try review.toggle(added35)
        try review.toggle(removed5)
        // Line 5 is kept and LINE 5 still added after it.
        #expect(self.content(review) == self.expected([3: ["LINE 3"], 5: ["line 5", "LINE 5"]]))
        #expect(review.hunks(inFile: 0)[0].state == .partial)
    }

    @Test("splitting a hunk gives one hunk per change; a single change cannot be split")
    func split() throws {
        var (_, review) = try self.review()
        let first = review.hunks(inFile: 0)[0]
        let parts = try review.split(first.id)
        #expect(parts.count == 2)
        let hunks = review.hunks(inFile: 0)
        #expect(hunks.count == 3)
        try review.decide(hunks[1].id, .accepted)
        #expect(self.content(review) == self.expected([5: ["LINE 5"]]))
        #expect(throws: ChangesError.self) { try review.split(hunks[2].id) }
    }

    @Test("context changes regroup hunks without losing decisions")
    func contextRegroups() throws {
        var (_, review) = try self.review()
        try review.decide(review.hunks(inFile: 0)[1].id, .accepted)
        review.setContext(0)
        #expect(review.hunks(inFile: 0).count == 3)
        review.setContext(10)
        #expect(review.hunks(inFile: 0).count == 1)
        #expect(review.hunks(inFile: 0)[0].state == .partial)
        #expect(self.content(review) == self.expected([25: ["LINE 25"]]))
    }

    @Test("an edited hunk is re-validated, applied as accepted, and reported")
    func editHunk() throws {
        var (_, review) = try self.review()
        let last = review.hunks(inFile: 0)[1]
        let text = try review.editableText(last.id)
        #expect(text.contains("+LINE 25"))
        let edited = text.replacingOccurrences("+LINE 25\n", "+Line twenty-five\n+extra\n")
        let id = try review.applyEdit(last.id, text: edited)
        #expect(id != nil)
        #expect(self.content(review) == self.expected([25: ["Line twenty-five", "extra"]]))
        let feedback = review.feedback()
        #expect(feedback.contains("the user edited hunk 2"))
        #expect(feedback.contains("+Line twenty-five"))
        #expect(feedback.contains("the user rejected this hunk"))
    }

    @Test("an edit that changes a context line is refused with the line it broke")
    func invalidEdit() throws {
        var (_, review) = try self.review()
        let last = review.hunks(inFile: 0)[1]
        let text = try review.editableText(last.id).replacingOccurrences(" line 24\n", " line twenty-four\n")
        do {
            try review.applyEdit(last.id, text: text)
            Issue.record("the edit should have been refused")
        } catch {
            #expect(error.code == .invalidEdit)
            #expect(error.message.contains("expected the file's line 24 'line 24' but found 'line twenty-four'"))
        }
        let missing = try review.editableText(last.id).replacingOccurrences(" line 27\n", "")
        #expect(throws: ChangesError.self) { try review.applyEdit(last.id, text: missing) }
        #expect(review.state(ofFile: 0) == .pending)
    }

    @Test("accept the rest of a file leaves earlier rejections alone")
    func acceptRest() throws {
        var (_, review) = try self.review()
        try review.decide(review.hunks(inFile: 0)[0].id, .rejected)
        review.decideFile(0, .accepted, onlyPending: true)
        #expect(self.content(review) == self.expected([25: ["LINE 25"]]))
    }

    @Test("feedback names rejected and failed hunks and is empty when all is accepted")
    func feedback() throws {
        var (workspace, review) = try self.review()
        review.decideAll(.accepted)
        #expect(review.feedback().isEmpty)
        let failing = workspace.changeset("--- a/f.txt\n+++ b/f.txt\n@@ -10,2 +10,2 @@\n line 10\n-nope\n+yes\n")
        review = ChangeReview(failing)
        review.decideAll(.accepted)
        #expect(
            review.feedback().contains(
                "hunk 1 (unified diff at line 3) did not apply: rejected: its context was not found"))
        _ = workspace
    }

    @Test("file-level operations are one decision: a rejected rename keeps the path, accepted content still applies")
    func fileOperationDecision() throws {
        let workspace = try TestWorkspace(["a.txt": "x\n"])
        let patch =
            "diff --git a/a.txt b/b.txt\nsimilarity index 50%\nrename from a.txt\nrename to b.txt\n--- a/a.txt\n+++ b/b.txt\n@@ -1 +1 @@\n-x\n+y\n"
        var review = ChangeReview(workspace.changeset(patch))
        let hunks = review.hunks(inFile: 0)
        #expect(hunks.count == 2)
        #expect(hunks[0].operation == "rename a.txt → b.txt")
        try review.decide(hunks[0].id, .rejected)
        try review.decide(hunks[1].id, .accepted)
        let resolved = try #require(review.resolved().first)
        #expect(resolved.path == "a.txt" && resolved.sourcePath == "a.txt")
        #expect(resolved.content == Array("y\n".utf8))
    }
}
