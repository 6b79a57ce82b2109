import Testing

@testable import Diffing

@Suite("unified diff parser")
struct UnifiedDiffParserTests {
    @Test("a plain diff with timestamps, several hunks and a missing final newline")
    func plainDiff() throws {
        let text = """
            --- lib/a.c\t2024-01-01 10:00:00.000000000 +0000
            +++ lib/a.c\t2024-01-02 10:00:00.000000000 +0000
            @@ -1,3 +1,3 @@ int main()
             one
            -two
            +TWO
             three
            @@ -10,2 +10,2 @@
             ten
            -eleven
            \\ No newline at end of file
            +ELEVEN
            \\ No newline at end of file

            """
        let diff = try UnifiedDiffParser.parse(text)
        #expect(diff.files.count == 1)
        let file = diff.files[0]
        #expect(file.oldPath(strip: 0) == "lib/a.c")
        #expect(file.labels?.old == .path("lib/a.c", suffix: "2024-01-01 10:00:00.000000000 +0000"))
        #expect(file.hunks.count == 2)
        #expect(file.hunks[0].heading == Array(" int main()".utf8))
        #expect(file.hunks[1].lines.map(\.hasNewline) == [true, false, false])
        #expect(file.hunks[1].oldStart == 10 && file.hunks[1].oldCount == 2)
        #expect(diff.formatted() == Array(text.utf8))
    }

    @Test("CRLF content lines keep their carriage returns and headers still read")
    func crlfLines() throws {
        let text = "--- a/x.txt\r\n+++ b/x.txt\r\n@@ -1,2 +1,2 @@\r\n a\r\n-b\r\n+c\r\n"
        let diff = try UnifiedDiffParser.parse(Array(text.utf8))
        let file = try #require(diff.files.first)
        #expect(file.newPath(strip: 1) == "x.txt")
        #expect(file.hunks[0].lines.map(\.text) == [Array("a\r".utf8), Array("b\r".utf8), Array("c\r".utf8)])
    }

    @Test("strict parsing reports a truncated hunk with its line numbers")
    func strictTruncation() {
        let text = "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n"
        #expect(throws: UnifiedDiffError.truncatedHunk(hunkLine: 3, line: 7, missingOld: 1, missingNew: 1)) {
            try UnifiedDiffParser.parse(text)
        }
    }

    @Test("strict parsing reports a stray line inside a hunk")
    func strictStrayLine() {
        let text = "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n*b\n c\n"
        #expect(throws: UnifiedDiffError.unexpectedLine(hunkLine: 3, line: 5, text: "*b")) {
            try UnifiedDiffParser.parse(text)
        }
    }

    @Test("lenient parsing recounts a hunk whose header is wrong and says so")
    func lenientRecount() throws {
        let text = """
            --- a/x
            +++ b/x
            @@ -1,9 +1,9 @@
             a
            -b
            +c
            --- a/y
            +++ b/y
            @@ -1 +1 @@
            -p
            +q

            """
        let diff = try UnifiedDiffParser.parse(text, mode: .lenient)
        #expect(diff.files.count == 2)
        #expect(diff.files[0].hunks[0].oldCount == 2 && diff.files[0].hunks[0].newCount == 2)
        #expect(diff.notes.count == 1)
        #expect(diff.notes.first?.line == 3)
    }

    @Test("lenient parsing reads bare @@ hunks and blank context lines")
    func lenientBareHunks() throws {
        let text = "--- a/x\n+++ b/x\n@@ @@\n a\n\n-b\n+c\n\nSome prose after the diff.\n"
        let diff = try UnifiedDiffParser.parse(text, mode: .lenient)
        let hunk = try #require(diff.files.first?.hunks.first)
        #expect(!hunk.hasLineNumbers)
        #expect(hunk.lines.map(\.kind) == [.context, .context, .deletion, .addition])
        #expect(hunk.lines[1].text.isEmpty)
    }

    @Test("a hunk before any file header is an error")
    func hunkWithoutFile() {
        #expect(throws: UnifiedDiffError.hunkWithoutFile(line: 2)) {
            try UnifiedDiffParser.parse("hello\n@@ -1 +1 @@\n-a\n+b\n")
        }
    }

    @Test("git headers: rename, mode change, binary marker and quoted paths")
    func gitHeaders() throws {
        let text = """
            diff --git a/old name.txt b/new name.txt
            old mode 100644
            new mode 100755
            similarity index 90%
            rename from old name.txt
            rename to new name.txt
            index 1111111..2222222
            --- a/old name.txt\t
            +++ b/new name.txt\t
            @@ -1 +1 @@
            -x
            +y
            diff --git "a/caf\\303\\251.bin" "b/caf\\303\\251.bin"
            index 3333333..4444444 100644
            Binary files "a/caf\\303\\251.bin" and "b/caf\\303\\251.bin" differ

            """
        let diff = try UnifiedDiffParser.parse(text)
        #expect(diff.files.count == 2)
        let rename = diff.files[0]
        #expect(rename.isRename)
        #expect(rename.oldPath(strip: 1) == "old name.txt")
        #expect(rename.newPath(strip: 1) == "new name.txt")
        #expect(rename.oldMode == "100644" && rename.newMode == "100755")
        let binary = diff.files[1]
        #expect(binary.gitPaths?.old == "a/café.bin")
        #expect(binary.binary != nil)
        #expect(binary.newPath(strip: 1) == "café.bin")
        #expect(diff.formatted() == Array(text.utf8))
    }
}
