import Basics
import Testing

@testable import Diffing

@Suite("change-group compaction")
struct CompactionTests {
    private func ops(_ old: String, _ new: String) -> (TextDiff, [DiffOp]) {
        let diff = TextDiff(old: TextLines(old), new: TextLines(new))
        return (diff, diff.ops)
    }

    @Test("an inserted function is shown as the function plus its blank line, not split across braces")
    func insertedFunctionReadsWhole() {
        let old = "func a() {\n}\n\nfunc c() {\n}\n"
        let new = "func a() {\n}\n\nfunc b() {\n}\n\nfunc c() {\n}\n"
        let (diff, ops) = self.ops(old, new)
        let inserts = ops.filter { $0.kind == .insert }
        #expect(inserts.count == 1)
        let inserted = inserts[0].newRange.map { String(decoding: diff.new[$0], as: UTF8.self) }
        #expect(inserted == ["func b() {", "}", ""])
    }

    @Test("a slidable deletion merges with an adjacent change")
    func slidingMergesGroups() {
        // Deleting one of two equal lines next to a replaced line: one change group, not two.
        let old: [Int32] = [1, 2, 2, 3, 4]
        let new: [Int32] = [1, 2, 5, 4]
        let ops = DiffAlgorithm.myers.ops(old: old, new: new)
        #expect(ops.filter(\.isChange).count == 1, "\(ops)")
        #expect(replay(ops, old: old, new: new) == new)
    }

    @Test("compaction keeps scripts valid on random inputs")
    func compactionPreservesValidity() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<300 {
            let old = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in
                Int32.random(in: 0..<4, using: &generator)
            }
            let new = randomEdit(old, alphabet: 4, using: &generator)
            let marks = DiffAlgorithm.myers.changeMarks(old: old, new: new)
            let raw = [DiffOp](oldChanged: marks.old, newChanged: marks.new)
            let shapes = old.map { LineShape(indent: Int($0), isBlank: $0 == 0, startsWithCloser: $0 == 3) }
            let newShapes = new.map { LineShape(indent: Int($0), isBlank: $0 == 0, startsWithCloser: $0 == 3) }
            let compacted = raw.compacted(old: old, new: new, oldShapes: shapes, newShapes: newShapes)
            #expect(replay(compacted, old: old, new: new) == new, "\(old) → \(new): \(compacted)")
            #expect(compacted.filter(\.isChange).count <= raw.filter(\.isChange).count)
        }
    }
}
