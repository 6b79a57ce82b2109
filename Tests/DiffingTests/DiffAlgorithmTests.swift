import Basics
import Testing

@testable import Diffing


/// The length of a longest common subsequence by dynamic programming: the reference the
/// algorithms are checked against.
func referenceLCS(_ a: [Int32], _ b: [Int32]) -> Int {
    var previous = [Int](repeating: 0, count: b.count + 1)
    for i in 0..<a.count {
        var current = [Int](repeating: 0, count: b.count + 1)
        for j in 0..<b.count {
            current[j + 1] = a[i] == b[j] ? previous[j] + 1 : max(previous[j + 1], current[j])
        }
        previous = current
    }
    return previous[b.count]
}

/// Rebuilds `new` from `old` and `ops`, failing when the ops do not tile both sides.
func replay(_ ops: [DiffOp], old: [Int32], new: [Int32]) -> [Int32]? {
    var result: [Int32] = []
    var oldPosition = 0
    var newPosition = 0
    for op in ops {
        guard op.oldRange.lowerBound == oldPosition, op.newRange.lowerBound == newPosition else { return nil }
        switch op.kind {
        case .equal:
            guard op.oldRange.count == op.newRange.count else { return nil }
            for (i, j) in zip(op.oldRange, op.newRange) {
                guard old[i] == new[j] else { return nil }
                result.append(old[i])
            }
        case .delete:
            guard op.newRange.isEmpty, !op.oldRange.isEmpty else { return nil }
        case .insert:
            guard op.oldRange.isEmpty, !op.newRange.isEmpty else { return nil }
            result += op.newRange.map { new[$0] }
        case .replace:
            guard !op.oldRange.isEmpty, !op.newRange.isEmpty else { return nil }
            result += op.newRange.map { new[$0] }
        }
        oldPosition = op.oldRange.upperBound
        newPosition = op.newRange.upperBound
    }
    guard oldPosition == old.count, newPosition == new.count else { return nil }
    return result
}

/// A random edit of `base`: deletions, insertions and substitutions drawn from a small alphabet
/// (so lines repeat, as braces and blank lines do in code).
func randomEdit(_ base: [Int32], alphabet: Int32, using generator: inout SplitMix64) -> [Int32] {
    var result: [Int32] = []
    for element in base {
        switch Int.random(in: 0..<10, using: &generator) {
        case 0: continue
        case 1: result.append(Int32.random(in: 0..<alphabet, using: &generator))
        case 2:
            result.append(element)
            result.append(Int32.random(in: 0..<alphabet, using: &generator))
        default: result.append(element)
        }
    }
    return result
}

@Suite("diff algorithms")
struct DiffAlgorithmTests {
    @Test("every algorithm produces a script that rebuilds the new side", arguments: DiffAlgorithm.allCases)
    func scriptsAreValid(algorithm: DiffAlgorithm) {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<300 {
            let count = Int.random(in: 0..<40, using: &generator)
            let alphabet = Int32.random(in: 2..<12, using: &generator)
            let old = (0..<count).map { _ in Int32.random(in: 0..<alphabet, using: &generator) }
            let new = randomEdit(old, alphabet: alphabet, using: &generator)
            let ops = algorithm.ops(old: old, new: new)
            #expect(replay(ops, old: old, new: new) == new, "\(algorithm) on \(old) → \(new): \(ops)")
        }
    }

    @Test("Myers finds a minimal edit script (checked against dynamic programming)")
    func myersIsMinimal() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<400 {
            let count = Int.random(in: 0..<30, using: &generator)
            let alphabet = Int32.random(in: 2..<6, using: &generator)
            let old = (0..<count).map { _ in Int32.random(in: 0..<alphabet, using: &generator) }
            let new = (0..<Int.random(in: 0..<30, using: &generator)).map { _ in
                Int32.random(in: 0..<alphabet, using: &generator)
            }
            let marks = DiffAlgorithm.myers.changeMarks(old: old, new: new, minimal: true)
            let kept = marks.old.count { !$0 }
            #expect(kept == referenceLCS(old, new), "old \(old) new \(new)")
        }
    }

    @Test("Myers stays valid past its cost limit on a large unrelated pair")
    func myersCostLimitStaysValid() {
        var generator = SplitMix64(seed: 3)
        let old = (0..<3000).map { _ in Int32.random(in: 0..<50, using: &generator) }
        let new = (0..<3000).map { _ in Int32.random(in: 0..<50, using: &generator) }
        let ops = DiffAlgorithm.myers.ops(old: old, new: new)
        #expect(replay(ops, old: old, new: new) == new)
    }

    @Test("patience keeps unique lines aligned where Myers matches repeated braces")
    func patienceAnchorsOnUniqueLines() {
        // old: f() { a } g() { b }; new: g() { b } f() { a } — a moved function.
        let old: [Int32] = [1, 10, 2, 11, 3, 10, 4, 11]
        let new: [Int32] = [3, 10, 4, 11, 1, 10, 2, 11]
        let ops = DiffAlgorithm.patience.ops(old: old, new: new)
        #expect(replay(ops, old: old, new: new) == new)
        // Patience keeps one whole function (4 lines) equal.
        let equalLines = ops.filter { $0.kind == .equal }.map(\.oldRange.count).reduce(0, +)
        #expect(equalLines == 4)
    }

    @Test("identical and empty inputs give no changes or one change")
    func edgeCases() {
        for algorithm in DiffAlgorithm.allCases {
            #expect(algorithm.ops(old: [1, 2, 3], new: [1, 2, 3]) == [DiffOp(.equal, old: 0..<3, new: 0..<3)])
            #expect(algorithm.ops(old: [], new: []) == [])
            #expect(algorithm.ops(old: [], new: [5, 6]) == [DiffOp(.insert, old: 0..<0, new: 0..<2)])
            #expect(algorithm.ops(old: [5, 6], new: []) == [DiffOp(.delete, old: 0..<2, new: 0..<0)])
        }
    }
}
