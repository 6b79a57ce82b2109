import TestSupport
import Testing
import Workspace

@Suite("Content search", .dedicatedThreads)
struct ContentSearchTests {
    private func sandbox() throws -> GitSandbox {
        let sandbox = try GitSandbox("srch")
        try sandbox.write(".gitignore", "dist/\n")
        try sandbox.write("src/a.js", "const fooBar = 1;\nfunction foo() { return fooBar + foo; }\n// FOO\n")
        try sandbox.write("src/b.py", "def foo():\r\n    pass\r\n")
        try sandbox.write("dist/bundle.js", "foo foo foo\n")
        try sandbox.write("img.bin", bytes: [0x66, 0x6F, 0x6F, 0x00, 0x01])
        try sandbox.write("u16.txt", bytes: [0xFF, 0xFE] + TextEncoding.utf16LittleEndian.encode("x foo\n"))
        return sandbox
    }

    private func collect(_ search: ContentSearch, _ workspace: Workspace) -> ([SearchMatch], SearchSummary) {
        var matches: [SearchMatch] = []
        let summary = search.run(in: workspace) { matches += $0 }
        return (matches, summary)
    }

    @Test("literal search finds lines, columns and ranges, skipping ignored and binary files")
    func literal() throws {
        let sandbox = try self.sandbox()
        let workspace = try sandbox.workspace()
        let (matches, summary) = self.collect(try ContentSearch(SearchQuery("foo")), workspace)
        let located = matches.map { "\($0.path):\($0.line):\($0.column)" }
        #expect(located == ["src/a.js:1:7", "src/a.js:2:10", "src/a.js:3:4", "src/b.py:1:5", "u16.txt:1:3"])
        try #require(matches.count == 5)
        #expect(matches[1].ranges == [9..<12, 24..<27, 33..<36])
        #expect(matches[1].lineText == "function foo() { return fooBar + foo; }")
        #expect(matches[3].lineText == "def foo():", "CR is not part of the line text")
        #expect(summary.skippedBinaryFiles == 1)
        #expect(!matches.contains { $0.path.hasPrefix("dist/") })
    }

    @Test("smart case, whole words and case-sensitive literals")
    func caseAndWords() throws {
        let sandbox = try self.sandbox()
        let workspace = try sandbox.workspace()
        let upper = self.collect(try ContentSearch(SearchQuery("FOO")), workspace).0
        #expect(upper.map(\.line) == [3])
        let words = self.collect(try ContentSearch(SearchQuery("foo", caseSensitivity: .sensitive, wholeWord: true)), workspace).0
        #expect(words.first { $0.path == "src/a.js" && $0.line == 2 }?.ranges == [9..<12, 33..<36])
        #expect(!words.contains { $0.line == 1 && $0.path == "src/a.js" })
    }

    @Test("regex search with a prefilter literal and without one")
    func regex() throws {
        let sandbox = try self.sandbox()
        let workspace = try sandbox.workspace()
        let functions = self.collect(try ContentSearch(SearchQuery(#"(function|def)\s+foo"#, mode: .regex)), workspace).0
        #expect(functions.map { "\($0.path):\($0.line)" } == ["src/a.js:2", "src/b.py:1"])
        let prefiltered = self.collect(try ContentSearch(SearchQuery(#"fooBar\s*[=+]"#, mode: .regex)), workspace).0
        #expect(prefiltered.map(\.line) == [1, 2])
        try #require(prefiltered.count == 2)
        #expect(prefiltered[0].ranges == [6..<14])
        #expect(prefiltered[1].ranges == [24..<32])
        let anchored = self.collect(try ContentSearch(SearchQuery(#"^\s+\w+$"#, mode: .regex)), workspace).0
        #expect(anchored.map { "\($0.path):\($0.line)" } == ["src/b.py:2"], "anchors match at line ends, CRLF included")
        #expect(anchored.first?.ranges == [0..<8])
        #expect(RegexLiteral.required(#"fooBar\s*[=+]"#) == Array("fooBar".utf8))
        #expect(RegexLiteral.required("ab?c") == nil)
        #expect(RegexLiteral.required("abc?d") == Array("ab".utf8))
        #expect(RegexLiteral.required("a|b") == nil)
        #expect(RegexLiteral.required(#"(?i)hello"#) == nil)
        #expect(RegexLiteral.required(#"foo\.bar"#) == Array("foo.bar".utf8))
    }

    @Test("a regex that does not compile is one clear error")
    func invalidRegex() {
        do {
            _ = try ContentSearch(SearchQuery("(unclosed", mode: .regex))
            Issue.record("compiled")
        } catch {
            #expect(error.code == .invalidPattern)
            #expect(error.message.contains("(unclosed"))
        }
    }

    @Test("results are bounded and the search can be cancelled")
    func boundsAndCancel() throws {
        let sandbox = try GitSandbox("srchb", initialise: false)
        for index in 0..<40 { try sandbox.write("f\(index).txt", "hit\nmiss\nhit again\n") }
        let workspace = try sandbox.workspace()
        let (matches, summary) = self.collect(try ContentSearch(SearchQuery("hit", maximumResults: 15)), workspace)
        #expect(matches.count == 15)
        #expect(summary.isTruncated)
        let flag = CancellationFlag()
        var seen = 0
        let cancelled = try ContentSearch(SearchQuery("hit")).run(in: workspace, cancel: flag) { batch in
            seen += batch.count
            flag.cancel()
        }
        #expect(cancelled.isCancelled)
        #expect(seen == 2)
    }

    @Test("long lines are cut to a window around the match and invalid UTF-8 keeps ranges aligned")
    func longAndInvalidLines() throws {
        let long = String(repeating: "x", count: 5000) + "needle" + String(repeating: "y", count: 5000)
        let search = try ContentSearch(SearchQuery("needle", maximumLineBytes: 100))
        let match = try #require(search.search(bytes: Array(long.utf8), path: "p").first)
        #expect(match.lineText.utf8.count <= 100)
        #expect(match.column == 5001)
        let range = try #require(match.ranges.first)
        #expect(Array(Array(match.lineText.utf8)[range]) == Array("needle".utf8))
        let invalid: [UInt8] = [0xFF, 0x20] + Array("needle".utf8)
        let bad = try #require(search.search(bytes: invalid, path: "p").first)
        let badRange = try #require(bad.ranges.first)
        #expect(String(decoding: Array(bad.lineText.utf8)[badRange], as: UTF8.self) == "needle")
    }
}
