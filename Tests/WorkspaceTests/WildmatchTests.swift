import Testing
import Workspace

@Suite("Wildmatch")
struct WildmatchTests {
    @Test("stars do not cross slashes but double-star components do")
    func starsAndDoubleStars() {
        #expect(Wildmatch.matches("*.js", "app.js"))
        #expect(!Wildmatch.matches("*.js", "src/app.js"))
        #expect(Wildmatch.matches("**/app.js", "app.js"))
        #expect(Wildmatch.matches("**/app.js", "a/b/app.js"))
        #expect(Wildmatch.matches("src/**", "src/a/b.js"))
        #expect(!Wildmatch.matches("src/**", "src"))
        #expect(Wildmatch.matches("a/**/b", "a/b"))
        #expect(Wildmatch.matches("a/**/b", "a/x/y/b"))
        #expect(!Wildmatch.matches("a/**/b", "a/x/yb"))
        #expect(Wildmatch.matches("a**b", "axxb"))
        #expect(!Wildmatch.matches("a**b", "ax/xb"))
        #expect(Wildmatch.matches("*/c", "ab/c"))
        #expect(!Wildmatch.matches("*/c", "a/b/c"))
    }

    @Test("question marks, sets, classes and escapes")
    func setsAndEscapes() {
        #expect(Wildmatch.matches("?.md", "a.md"))
        #expect(!Wildmatch.matches("?", "/"))
        #expect(Wildmatch.matches("[a-c]x", "bx"))
        #expect(!Wildmatch.matches("[!a-c]x", "bx"))
        #expect(Wildmatch.matches("[^a-c]x", "dx"))
        #expect(Wildmatch.matches("[]]", "]"))
        #expect(Wildmatch.matches("[[:digit:]]*", "9lives"))
        #expect(!Wildmatch.matches("[[:digit:]]*", "lives"))
        #expect(!Wildmatch.matches("[[:bogus:]]", "a"))
        #expect(!Wildmatch.matches("[abc", "a"))
        #expect(Wildmatch.matches("\\*", "*"))
        #expect(!Wildmatch.matches("\\*", "x"))
        #expect(!Wildmatch.matches("foo\\", "foo"))
        #expect(!Wildmatch.matches("a[/]b", "a/b"))
    }

    @Test("without path-name mode a star matches slashes")
    func plainMode() {
        #expect(Wildmatch.matches("*.js", "src/app.js", pathName: false))
    }
}
