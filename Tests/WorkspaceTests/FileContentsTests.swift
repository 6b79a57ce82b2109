import TestSupport
import Testing
import Workspace

@Suite("File contents", .dedicatedThreads)
struct FileContentsTests {
    private func document(_ bytes: [UInt8], truncated: Bool = false) -> FileContents {
        FileContents(path: "f", bytes: bytes, truncated: truncated)
    }

    @Test("UTF-8 with and without a byte-order mark")
    func utf8() {
        let plain = self.document(Array("héllo\nwörld\n".utf8))
        #expect(plain.encoding == .utf8)
        #expect(plain.lines.map(\.text) == ["héllo", "wörld"])
        #expect(plain.hasFinalNewline)
        #expect(plain.lineEnding == .lf)
        let bom = self.document([0xEF, 0xBB, 0xBF] + Array("a\nb".utf8))
        #expect(bom.encoding == .utf8WithBOM)
        #expect(bom.lines.map(\.text) == ["a", "b"])
        #expect(!bom.hasFinalNewline)
        #expect(bom.lines[0].byteRange == 3..<4)
    }

    @Test("UTF-16 little and big endian with a byte-order mark")
    func utf16() {
        let text = "x=1\r\ny→2\r\n"
        let little = self.document([0xFF, 0xFE] + TextEncoding.utf16LittleEndian.encode(text))
        #expect(little.encoding == .utf16LittleEndian)
        #expect(little.content == .text)
        #expect(little.lines.map(\.text) == ["x=1", "y→2"])
        #expect(little.lineEnding == .crlf)
        let big = self.document([0xFE, 0xFF] + TextEncoding.utf16BigEndian.encode(text))
        #expect(big.encoding == .utf16BigEndian)
        #expect(big.lines.map(\.text) == ["x=1", "y→2"])
        #expect(big.replacingLines(1..<2, with: ["z"]) == [0xFE, 0xFF] + TextEncoding.utf16BigEndian.encode("x=1\r\nz\r\n"))
    }

    @Test("invalid UTF-8 is shown with replacement characters, flagged, and survives an edit elsewhere")
    func invalidUTF8() throws {
        let bytes: [UInt8] = Array("ok\n".utf8) + [0x66, 0xFF, 0xFE, 0x0A] + Array("last\n".utf8)
        let document = self.document(bytes)
        #expect(document.hasInvalidBytes)
        #expect(document.lines[1].text == "f\u{FFFD}\u{FFFD}")
        #expect(!document.lines[1].isValid)
        #expect(document.lines[0].isValid)
        let edited = try #require(document.replacingLines(2..<3, with: ["LAST"]))
        #expect(edited == Array("ok\n".utf8) + [0x66, 0xFF, 0xFE, 0x0A] + Array("LAST\n".utf8))
    }

    @Test("line endings: LF, CRLF, mixed, none, and the final newline")
    func lineEndings() {
        #expect(self.document(Array("a\r\nb\r\n".utf8)).lineEnding == .crlf)
        #expect(self.document(Array("a\r\nb\nc\n".utf8)).lineEnding == .mixed(dominant: .lf))
        #expect(self.document(Array("a\r\nb\r\nc\n".utf8)).lineEnding == .mixed(dominant: .crlf))
        #expect(self.document(Array("single".utf8)).lineEnding == .none)
        #expect(!self.document(Array("a\nb".utf8)).hasFinalNewline)
        #expect(self.document([]).lines.isEmpty)
        let lone = self.document(Array("a\rb\n".utf8))
        #expect(lone.lines.map(\.text) == ["a\rb"], "a lone CR is not a line break")
    }

    @Test("binary files are detected and not decoded")
    func binary() {
        let document = self.document([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])
        #expect(document.content == .binary)
        #expect(document.lines.isEmpty)
        #expect(!document.canWriteBack)
    }

    @Test("a truncated read keeps whole lines and cannot be written back")
    func truncation() {
        let document = self.document(Array("one\ntwo\nthr".utf8), truncated: true)
        #expect(document.lines.map(\.text) == ["one", "two"])
        #expect(document.isTruncated)
        #expect(!document.canWriteBack)
        #expect(document.replacingLines(0..<1, with: ["x"]) == nil)
    }

    @Test("replacing lines keeps each line's terminator and the final-newline state")
    func replacing() throws {
        let mixed = self.document(Array("a\r\nb\nc".utf8))
        #expect(try #require(mixed.replacingLines(0..<1, with: ["A", "A2"])) == Array("A\r\nA2\nb\nc".utf8))
        #expect(try #require(mixed.replacingLines(2..<3, with: ["C"])) == Array("a\r\nb\nC".utf8))
        #expect(try #require(mixed.replacingLines(3..<3, with: ["d"])) == Array("a\r\nb\nc\nd".utf8))
        #expect(try #require(mixed.replacingLines(1..<3, with: [])) == Array("a".utf8))
        let final = self.document(Array("x\ny\n".utf8))
        #expect(try #require(final.replacingLines(2..<2, with: ["z"])) == Array("x\ny\nz\n".utf8))
        #expect(try #require(final.replacingLines(0..<2, with: [])) == [])
        #expect(final.encoding(lines: ["p", "q"]) == Array("p\nq\n".utf8))
        let bom = self.document([0xEF, 0xBB, 0xBF] + Array("a\r\n".utf8))
        #expect(bom.encoding(lines: ["b", "c"]) == [0xEF, 0xBB, 0xBF] + Array("b\r\nc\r\n".utf8))
        #expect(try #require(bom.replacingLines(0..<1, with: ["z"])) == [0xEF, 0xBB, 0xBF] + Array("z\r\n".utf8))
    }

    @Test("reads files through the workspace with a size cap")
    func readingFromDisk() throws {
        let sandbox = try GitSandbox("doc", initialise: false)
        try sandbox.write("big.txt", String(repeating: "0123456789\n", count: 100))
        let workspace = try sandbox.workspace()
        let capped = try workspace.readFile("big.txt", limits: .init(maximumBytes: 105))
        #expect(capped.isTruncated)
        #expect(capped.lines.count == 9)
        #expect(capped.sizeOnDisk == 1100)
        let whole = try workspace.readFile("big.txt")
        #expect(whole.lines.count == 100)
        #expect(!whole.isTruncated)
    }
}
