import Diffing
import Testing

@testable import Changes

/// The tolerance ladder, rung by rung.
@Suite("hunk locator")
struct HunkLocatorTests {
    /// A file of numbered, distinct lines.
    private let base = ByteDocument((1...40).map { "let value\($0) = compute(\($0))\n" }.joined())

    /// A hunk changing line `line` (0-based) of `base`, with two lines of context each side.
    private func hunk(
        changing line: Int, in document: ByteDocument, expected: Int?, transform: (String) -> String = { $0 }
    )
        -> EditHunk
    {
        var lines: [PatchLine] = []
        for index in (line - 2)...(line + 2) {
            let text = transform(String(decoding: document.lines[index].content, as: UTF8.self))
            if index == line {
                lines.append(PatchLine(.deletion, text))
                lines.append(PatchLine(.addition, text + " // changed"))
            } else {
                lines.append(PatchLine(.context, text))
            }
        }
        return EditHunk(lines: lines, expectedLine: expected, sourceLine: 1)
    }

    @Test("a hunk at its stated line applies exactly")
    func exact() {
        var locator = HunkLocator(document: self.base)
        let placed = locator.place(self.hunk(changing: 10, in: self.base, expected: 8))
        #expect(placed.outcome == .applied(line: 8, offset: 0))
        #expect(
            placed.blocks == [
                PlacedBlock(oldRange: 10..<11, newLines: [ByteLine("let value11 = compute(11) // changed")])
            ])
    }

    @Test("lines inserted above shift a hunk; the next hunk is found through the drift")
    func offsetWithDrift() {
        let shifted = ByteDocument(
            (1...5).map { "// header \($0)\n" }.joined() + String(decoding: self.base.encoded(), as: UTF8.self))
        var locator = HunkLocator(document: shifted)
        let first = locator.place(self.hunk(changing: 10, in: self.base, expected: 8))
        let second = locator.place(self.hunk(changing: 30, in: self.base, expected: 28))
        #expect(first.outcome == .applied(line: 13, offset: 5))
        #expect(second.outcome == .applied(line: 33, offset: 5))
    }

    @Test("trailing whitespace in the file does not stop a hunk")
    func trailingWhitespace() {
        var lines = self.base.lines
        lines[9].content += Array("   ".utf8)
        var locator = HunkLocator(document: ByteDocument(lines: lines))
        let placed = locator.place(self.hunk(changing: 10, in: self.base, expected: 8))
        #expect(placed.outcome == .appliedFuzzy(line: 8, offset: 0, rung: .trailingWhitespace))
    }

    @Test("re-indented code matches on the indentation rung and added lines take the file's indentation")
    func indentation() {
        let indented = ByteDocument(
            lines: self.base.lines.map { ByteLine(Array("    ".utf8) + $0.content, ending: .lf) })
        var locator = HunkLocator(document: indented)
        let placed = locator.place(self.hunk(changing: 10, in: self.base, expected: 8))
        #expect(placed.outcome == .appliedFuzzy(line: 8, offset: 0, rung: .indentation))
        #expect(placed.blocks.first?.newLines == [ByteLine("    let value11 = compute(11) // changed")])
    }

    @Test("curly quotes, dashes and non-breaking spaces fold to ASCII on the Unicode rung")
    func unicodePunctuation() {
        let document = ByteDocument(
            "print(“hello”)\nlet a = b – c\nlet\u{00A0}x = 1\nlet y = ‘z’\nreturn\n")
        let hunk = EditHunk(
            lines: [
                PatchLine(.context, "print(\"hello\")"), PatchLine(.context, "let a = b - c"),
                PatchLine(.deletion, "let x = 1"), PatchLine(.addition, "let x = 2"),
                PatchLine(.context, "let y = 'z'"),
            ], expectedLine: 0, sourceLine: 1)
        var locator = HunkLocator(document: document)
        let placed = locator.place(hunk)
        #expect(placed.outcome == .appliedFuzzy(line: 0, offset: 0, rung: .unicodePunctuation))
        #expect(placed.blocks == [PlacedBlock(oldRange: 2..<3, newLines: [ByteLine("let x = 2")])])
    }

    @Test("a hunk whose outer context changed applies with reduced context")
    func reducedContext() {
        var lines = self.base.lines
        lines[8] = ByteLine("let somethingElse = 0")
        var locator = HunkLocator(document: ByteDocument(lines: lines))
        let placed = locator.place(self.hunk(changing: 10, in: self.base, expected: 8))
        #expect(placed.outcome == .appliedFuzzy(line: 9, offset: 0, rung: .reducedContext))
        #expect(placed.blocks.first?.oldRange == 10..<11)
    }

    @Test("a hunk that fits nowhere is rejected with the nearest window and its similarity")
    func rejectionReportsNearestMatch() throws {
        var lines = self.base.lines
        for index in 8...12 { lines[index].content = Array("let value\(index + 1) = other(\(index + 1))".utf8) }
        var locator = HunkLocator(document: ByteDocument(lines: lines))
        let placed = locator.place(self.hunk(changing: 10, in: self.base, expected: 8))
        guard case .rejected(let rejection) = placed.outcome else {
            Issue.record("expected a rejection, got \(placed.outcome)")
            return
        }
        let nearest = try #require(rejection.nearest)
        #expect(nearest.line == 8)
        #expect(nearest.similarity > 0.7 && nearest.similarity < 1)
        #expect(rejection.description.contains("nearest match at line 9"))
    }

    @Test("SEARCH text found in two places is ambiguous and names both lines")
    func ambiguousSearch() {
        let document = ByteDocument("a\nx = 1\nb\nx = 1\nc\n")
        let hunk = EditHunk(
            lines: [PatchLine(.deletion, "x = 1"), PatchLine(.addition, "x = 2")], requireUnique: true, sourceLine: 1)
        var locator = HunkLocator(document: document)
        guard case .rejected(let rejection) = locator.place(hunk).outcome else {
            Issue.record("expected an ambiguity rejection")
            return
        }
        #expect(rejection.reason.contains("matches 2 places (lines 2, 4)"))
    }

    @Test("a second hunk may not change lines the first already changes")
    func overlappingHunks() {
        var locator = HunkLocator(document: self.base)
        let first = locator.place(self.hunk(changing: 10, in: self.base, expected: 8))
        let second = locator.place(self.hunk(changing: 10, in: self.base, expected: 8))
        #expect(first.outcome.isApplied)
        #expect(
            second.outcome
                == .rejected(
                    HunkRejection("its context matches at line 9, but hunk 1 already changes lines 9–13 there")))
    }

    /// Regression (found replaying swift-crypto's generated digest code): an exact copy of a
    /// hunk's context in a sibling block won over a whitespace-only difference at the stated
    /// line, and then stole the lines of the next hunk.
    @Test("a looser match at the stated line wins over an exact copy of the context elsewhere")
    func statedLineWinsOverDistantCopy() {
        let block = ["struct A {", "    let x = 1", "    let y = 2", "}"]
        var lines = block.map { ByteLine($0) }
        lines[1] = ByteLine("    let x = 1   ")
        lines += [ByteLine("")] + block.map { ByteLine($0) }
        let hunk = EditHunk(
            lines: [
                PatchLine(.context, "struct A {"), PatchLine(.context, "    let x = 1"),
                PatchLine(.deletion, "    let y = 2"),
                PatchLine(.addition, "    let y = 3"), PatchLine(.context, "}"),
            ], expectedLine: 0, sourceLine: 1)
        var locator = HunkLocator(document: ByteDocument(lines: lines))
        #expect(locator.place(hunk).outcome == .appliedFuzzy(line: 0, offset: 0, rung: .trailingWhitespace))
    }

    @Test("an LF hunk applied to a CRLF file gives CRLF lines; a CRLF-faithful hunk keeps its own endings")
    func lineEndings() {
        let crlf = ByteDocument(decoding: Array("a\r\nb\r\nc\r\n".utf8))!  // safe: literal text
        var locator = HunkLocator(document: crlf)
        let placed = locator.place(
            EditHunk(
                lines: [
                    PatchLine(.context, "a"), PatchLine(.deletion, "b"), PatchLine(.addition, "B"),
                    PatchLine(.context, "c"),
                ],
                expectedLine: 0, sourceLine: 1))
        #expect(placed.outcome == .applied(line: 0, offset: 0))
        #expect(placed.blocks.first?.newLines == [ByteLine(Array("B".utf8), ending: .crlf)])
        let mixed = ByteDocument(decoding: Array("a\r\nb\nc\r\n".utf8))!  // safe: literal text
        var faithful = HunkLocator(document: mixed)
        let converted = faithful.place(
            EditHunk(
                lines: [
                    PatchLine(.context, "a\r"), PatchLine(.deletion, "b"), PatchLine(.addition, "b\r"),
                    PatchLine(.context, "c\r"),
                ],
                expectedLine: 0, sourceLine: 1))
        #expect(converted.blocks.first?.newLines == [ByteLine(Array("b".utf8), ending: .crlf)])
    }
}

extension HunkLocatorTests {
    @Test("a hunk whose result is already in the file is reported as already applied")
    func alreadyApplied() {
        let document = ByteDocument("a\nb changed\nc\n")
        let hunk = EditHunk(
            lines: [
                PatchLine(.context, "a"), PatchLine(.deletion, "b"), PatchLine(.addition, "b changed"),
                PatchLine(.context, "c"),
            ],
            expectedLine: 0, sourceLine: 1)
        var locator = HunkLocator(document: document)
        #expect(locator.place(hunk).outcome == .rejected(HunkRejection("already applied: its new lines are at line 1")))
    }
}
