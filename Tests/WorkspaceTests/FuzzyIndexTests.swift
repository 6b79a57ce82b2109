import Testing
import Workspace

@Suite("Fuzzy matching")
struct FuzzyIndexTests {
    @Test("a subsequence matches, anything else does not")
    func subsequence() {
        #expect(FuzzyMatcher.match("fbr", in: "foo/bar.js") != nil)
        #expect(FuzzyMatcher.match("fbz", in: "foo/bar.js") == nil)
        #expect(FuzzyMatcher.match("FB", in: "foo/bar.js", caseSensitive: true) == nil)
        #expect(FuzzyMatcher.match("fb", in: "FOO/BAR.js") != nil)
    }

    @Test("boundaries, camelCase and consecutive runs score higher than scattered matches")
    func scoring() throws {
        let boundary = try #require(FuzzyMatcher.match("fb", in: "foo/bar"))
        let scattered = try #require(FuzzyMatcher.match("fb", in: "xfxxbx"))
        #expect(boundary.score > scattered.score)
        let camel = try #require(FuzzyMatcher.match("fb", in: "xFooBar"))
        let flat = try #require(FuzzyMatcher.match("fb", in: "xfoobar"))
        #expect(camel.score > flat.score)
        let consecutive = try #require(FuzzyMatcher.match("bar", in: "x/bar"))
        let split = try #require(FuzzyMatcher.match("bar", in: "x/b_a_r"))
        #expect(consecutive.score > split.score)
    }

    @Test("positions point at the best-scoring characters")
    func positions() throws {
        let result = try #require(FuzzyMatcher.match("mc", in: "src/main/MainController.swift"))
        // "M" of MainController (after '/') then the camelCase "C".
        #expect(result.positions == [9, 13])
        let simple = try #require(FuzzyMatcher.match("abc", in: "abc"))
        #expect(simple.positions == [0, 1, 2])
    }

    @Test("the index ranks, limits, narrows and reports character positions")
    func index() {
        let paths = [
            "src/components/Button.tsx", "src/util/bits.ts", "test/button.test.ts", "docs/about.md",
            "src/components/ButtonGroup.tsx", "src/é/button.js",
        ]
        let index = FuzzyIndex(paths: paths)
        let results = index.search("button", limit: 3)
        #expect(results.totalMatches == 4)
        #expect(results.matches.count == 3)
        #expect(results.matches.allSatisfy { $0.path.lowercased().contains("button") })
        let narrowed = index.search("buttong", narrowing: results)
        #expect(narrowed.matches.map(\.path) == ["src/components/ButtonGroup.tsx"])
        let accented = index.search("ébut")
        #expect(accented.matches.first?.path == "src/é/button.js")
        #expect(accented.matches.first?.characterPositions == [4, 6, 7, 8])
        let twoTerms = index.search("src tsx")
        #expect(Set(twoTerms.matches.map(\.path)) == ["src/components/Button.tsx", "src/components/ButtonGroup.tsx"])
        #expect(index.search("").matches.count == paths.count)
    }

    @Test("parallel and serial scans agree on a larger index")
    func parallelAgrees() {
        var paths: [String] = []
        for a in 0..<60 {
            for b in 0..<400 { paths.append("pkg\(a)/module\(b % 37)/File\(b)Handler.swift") }
        }
        let index = FuzzyIndex(paths: paths)
        let serial = index.search("m3fh", limit: 50, parallel: false)
        let parallel = index.search("m3fh", limit: 50, parallel: true)
        #expect(serial.totalMatches == parallel.totalMatches)
        #expect(serial.matches == parallel.matches)
    }
}
