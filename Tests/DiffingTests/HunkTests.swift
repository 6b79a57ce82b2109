import Testing

@testable import Diffing

@Suite("hunks")
struct HunkTests {
    /// Lines "1" … "n" with the given lines replaced.
    private func numbered(_ count: Int, changing changed: Set<Int> = []) -> TextLines {
        TextLines((1...count).map { changed.contains($0) ? "changed \($0)\n" : "\($0)\n" }.joined())
    }

    @Test("changes separated by at most twice the context share a hunk")
    func mergesWhenGapIsSmall() {
        // Changes at lines 10 and 16: 5 unchanged lines between, ≤ 2 × 3.
        let diff = TextDiff(old: self.numbered(30), new: self.numbered(30, changing: [10, 16]))
        let hunks = diff.hunks(context: 3)
        #expect(hunks.count == 1)
        #expect(hunks[0].oldRange == 6..<19)
    }

    @Test("changes separated by more than twice the context get separate hunks")
    func splitsWhenGapIsLarge() {
        // Changes at lines 10 and 17: 6 unchanged lines between, > 2 × 2.
        let diff = TextDiff(old: self.numbered(30), new: self.numbered(30, changing: [10, 17]))
        let hunks = diff.hunks(context: 2)
        #expect(hunks.count == 2)
        #expect(hunks[0].oldRange == 7..<12)
        #expect(hunks[1].oldRange == 14..<19)
        #expect(diff.hunks(context: 3).count == 1)
    }

    @Test("context is clipped at the start and end of the file")
    func contextIsClippedAtEdges() {
        let diff = TextDiff(old: self.numbered(4), new: self.numbered(4, changing: [1, 4]))
        let hunks = diff.hunks(context: 5)
        #expect(hunks.count == 1)
        #expect(hunks[0].oldRange == 0..<4)
        #expect(hunks[0].header.oldStart == 1 && hunks[0].header.oldCount == 4)
    }

    @Test("zero context gives bare changes with git's numbering for empty sides")
    func zeroContext() {
        let old = TextLines("a\nb\nc\n")
        let new = TextLines("a\nx\nb\nc\n")
        let hunks = TextDiff(old: old, new: new).hunks(context: 0)
        #expect(hunks.count == 1)
        let header = hunks[0].header
        #expect(header.oldStart == 1 && header.oldCount == 0 && header.newStart == 2 && header.newCount == 1)
    }

    @Test("a changed final newline is its own change")
    func finalNewlineChange() {
        let diff = TextDiff(old: TextLines("a\nb"), new: TextLines("a\nb\n"))
        let hunks = diff.hunks(context: 3)
        #expect(hunks.count == 1)
        let patch = diff.patchHunk(hunks[0])
        #expect(patch.lines.map(\.kind) == [.context, .deletion, .addition])
        #expect(patch.lines[1].hasNewline == false)
        #expect(patch.lines[2].hasNewline == true)
    }
}
