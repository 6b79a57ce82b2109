import Testing

@testable import Diffing

@Suite("word-level refinement")
struct WordDiffTests {
    private func refine(_ old: [String], _ new: [String]) -> (old: [[String]], new: [[String]]) {
        let oldBytes = old.map { Array($0.utf8) }
        let newBytes = new.map { Array($0.utf8) }
        let ranges = WordDiff.refine(old: oldBytes, new: newBytes)
        func texts(_ lines: [[UInt8]], _ ranges: [[Range<Int>]]) -> [[String]] {
            zip(lines, ranges).map { line, ranges in ranges.map { String(decoding: line[$0], as: UTF8.self) } }
        }
        return (texts(oldBytes, ranges.old), texts(newBytes, ranges.new))
    }

    @Test("a renamed identifier is the only highlight")
    func renamedIdentifier() {
        let result = self.refine(["let total = compute(values)"], ["let sum = compute(values)"])
        #expect(result.old == [["total"]])
        #expect(result.new == [["sum"]])
    }

    @Test("adjacent changed words separated by a space form one highlight")
    func joinsAcrossSpaces() {
        let result = self.refine(["return old value here"], ["return new thing here"])
        #expect(result.old == [["old value"]])
        #expect(result.new == [["new thing"]])
    }

    @Test("unrelated lines are highlighted whole")
    func unrelatedLines() {
        let result = self.refine(["import Foundation"], ["x += 1 // counter"])
        #expect(result.old == [["import Foundation"]])
        #expect(result.new == [["x += 1 // counter"]])
    }

    @Test("highlights land on the right line of a multi-line block")
    func multiLineBlock() {
        let result = self.refine(["a = 1", "b = 2"], ["a = 1", "b = 3"])
        #expect(result.old == [[], ["2"]])
        #expect(result.new == [[], ["3"]])
    }
}
