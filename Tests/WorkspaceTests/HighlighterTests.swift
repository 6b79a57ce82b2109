import Testing
import Workspace

@Suite("Syntax highlighting")
struct HighlighterTests {
    /// `kind:text` for every token of every line, lexed from the initial state.
    private func spans(_ language: Language, _ text: String) -> [[String]] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let highlighted = Highlighter(language: language).highlight(lines: lines)
        return zip(lines, highlighted).map { line, tokens in
            let bytes = Array(line.utf8)
            return tokens.map { "\($0.kind.rawValue):\(String(decoding: bytes[$0.range], as: UTF8.self))" }
        }
    }

    @Test("languages are detected from extensions and shebangs")
    func detection() {
        #expect(Language.detect(path: "src/app.mjs") == .javascript)
        #expect(Language.detect(path: "App.tsx") == .tsx)
        #expect(Language.detect(path: "a/b.d.ts") == .typescript)
        #expect(Language.detect(path: "Package.swift") == .swift)
        #expect(Language.detect(path: "tool", firstLine: "#!/usr/bin/env python3") == .python)
        #expect(Language.detect(path: "tsconfig.json") == .json)
        #expect(Language.detect(path: "README.md") == .markdown)
        #expect(Language.detect(path: "Makefile") == .plainText)
    }

    @Test("JavaScript: keywords, functions, strings, numbers, comments, regexes and templates")
    func javaScript() {
        let lines = self.spans(.javascript, "const re = /a+b/g; // note\nfunction greet(name) { return `hi ${name.trim()}!` + 0x1F; }")
        #expect(lines[0] == ["keyword:const", "operator:=", "regex:/a+b/g", "punctuation:;", "comment:// note"])
        #expect(lines[1].contains("keyword:function"))
        #expect(lines[1].contains("function:greet"))
        #expect(lines[1].contains("string:`hi "))
        #expect(lines[1].contains("punctuation:${"))
        #expect(lines[1].contains("function:trim"))
        #expect(lines[1].contains("string:!`"))
        #expect(lines[1].contains("number:0x1F"))
        let division = self.spans(.javascript, "let x = a / b / c;")[0]
        #expect(!division.contains { $0.hasPrefix("regex:") }, "division after an identifier is not a regex")
    }

    @Test("multi-line comments and template literals carry state across lines")
    func multiLine() {
        let lines = self.spans(.javascript, "/* start\nstill */ let y = `a\n${b}\nc`; done()")
        #expect(lines[0] == ["comment:/* start"])
        #expect(lines[1].first == "comment:still */")
        #expect(lines[1].last == "string:`a")
        #expect(lines[2] == ["punctuation:${", "punctuation:}"])
        #expect(lines[3].first == "string:c`")
        #expect(lines[3].contains("function:done"))
    }

    @Test("TypeScript types and TSX tags, attributes and children")
    func typeScript() {
        let ts = self.spans(.typescript, "interface Props { name: string; count?: number }")[0]
        #expect(ts.contains("keyword:interface"))
        #expect(ts.contains("type:Props"))
        #expect(ts.contains("type:string"))
        #expect(ts.contains("type:number"))
        let tsx = self.spans(.tsx, "return <Button kind=\"primary\" onClick={() => go(1)}>\n  Don't {label}\n</Button>;")
        #expect(tsx[0].contains("tag:Button"))
        #expect(tsx[0].contains("attribute:kind"))
        #expect(tsx[0].contains("string:\"primary\""))
        #expect(tsx[0].contains("function:go"))
        #expect(!tsx[1].contains { $0.hasPrefix("string:") }, "an apostrophe in JSX text is not a string")
        #expect(tsx[2].contains("tag:Button"))
        #expect(tsx[2].last?.hasSuffix(";") == true)
        let generic = self.spans(.typescript, "if (a < b) { f<T>(x) }")[0]
        #expect(!generic.contains { $0.hasPrefix("tag:") }, "no JSX in .ts files")
    }

    @Test("Swift: nested comments, interpolation, raw and multi-line strings, attributes")
    func swift() {
        let lines = self.spans(.swift, "/* a /* b */ c */ @MainActor func run() {\nlet s = \"v=\\(x + 1)\\n\"; let r = #\"raw\\n\"#\nlet m = \"\"\"\nline \\(y)\n\"\"\"")
        #expect(lines[0].first == "comment:/* a /* b */ c */")
        #expect(lines[0].contains("decorator:@MainActor"))
        #expect(lines[0].contains("function:run"))
        #expect(lines[1].contains("string:\"v="))
        #expect(lines[1].contains("punctuation:\\("))
        #expect(lines[1].contains("number:1"))
        #expect(lines[1].contains("escape:\\n"))
        #expect(lines[1].contains("string:#\"raw\\n\"#"))
        #expect(lines[3].contains("string:line "))
        #expect(lines[4] == ["string:\"\"\""])
    }

    @Test("Python: decorators, definitions, prefixed and triple-quoted strings")
    func python() {
        let lines = self.spans(.python, "@cache\ndef load(path: str) -> None:\n    s = r'\\d+' + f\"{x}\"\n    doc = '''multi\n    line'''  # done")
        #expect(lines[0] == ["decorator:@cache"])
        #expect(lines[1].contains("function:load"))
        #expect(lines[1].contains("type:str"))
        #expect(lines[1].contains("constant:None"))
        #expect(lines[2].contains("string:r'\\d+'"))
        #expect(lines[2].contains("string:f\"{x}\""))
        #expect(lines[3].last == "string:'''multi")
        #expect(lines[4].first == "string:    line'''")
        #expect(lines[4].last == "comment:# done")
    }

    @Test("JSON: keys, strings, escapes, numbers, constants, comments and invalid bytes")
    func json() {
        let lines = self.spans(.json, "{ \"a\": \"x\\ny\", \"n\": -1.5e3, \"t\": true, // c\n  \"z\": nope }")
        #expect(lines[0] == [
            "punctuation:{", "property:\"a\"", "punctuation::", "string:\"x", "escape:\\n", "string:y\"", "punctuation:,",
            "property:\"n\"", "punctuation::", "number:-1.5e3", "punctuation:,", "property:\"t\"", "punctuation::",
            "constant:true", "punctuation:,", "comment:// c",
        ])
        #expect(lines[1].contains("invalid:nope"))
    }

    @Test("Markdown: headings, lists, quotes, inline spans and fenced code in its own language")
    func markdown() {
        let lines = self.spans(.markdown, "# Title\n- [x] **done** and *open* `code` [link](http://x)\n> quoted\n```swift\nlet a = 1\n```\ntext")
        #expect(lines[0] == ["heading:# Title"])
        #expect(lines[1] == ["listMarker:-", "listMarker:[x]", "strong:**done**", "emphasis:*open*", "code:`code`", "link:[link]", "string:(http://x)"])
        #expect(lines[2] == ["quote:>"])
        #expect(lines[3] == ["code:```swift"])
        #expect(lines[4] == ["keyword:let", "operator:=", "number:1"])
        #expect(lines[5] == ["code:```"])
        #expect(lines[6] == [])
    }

    @Test("the cache lexes lazily and re-lexes only until the state settles after an edit")
    func cache() {
        var lines = ["let a = 1", "/* open", "still", "*/ let b = 2", "let c = 3"]
        var cache = HighlightCache(language: .javascript)
        let tail = cache.tokens(for: 3..<5, in: lines)
        #expect(tail[0].first?.kind == .comment)
        #expect(cache.knownLines == 6)
        lines[1] = "// closed"
        let last = cache.lineEdited(1, in: lines)
        #expect(last == 3, "lines 2 and 3 were inside the comment; line 4 starts in the same state as before")
        #expect(cache.tokens(for: 2..<3, in: lines)[0].isEmpty)
        lines[4] = "let d = 4"
        #expect(cache.lineEdited(4, in: lines) == 4)
        lines[0] = "let z = 0"
        #expect(cache.lineEdited(0, in: lines) == 0, "an edit that keeps the state stops at once")
    }
}
