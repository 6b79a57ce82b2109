import CodeIndex
import Testing

/// The kinds and texts of the significant tokens of `text`.
private func lex(_ text: String, jsx: Bool = false) -> [(Token.Kind, String)] {
    let source = SourceText(text)
    return Lexer(source, jsx: jsx).tokens.map { ($0.kind, source.text(of: $0)) }
}

private func kinds(_ text: String, jsx: Bool = false) -> [Token.Kind] {
    lex(text, jsx: jsx).map(\.0)
}

@Suite("Lexer")
struct LexerTests {
    @Test("a slash after an identifier, number or closing bracket divides")
    func divisionAfterExpressions() {
        for text in ["a / b / c", "1 / 2 / 3", "(a) / b / c", "a[0] / b / c", "x++ / 2 / y"] {
            #expect(!kinds(text).contains(.regex), "\(text)")
        }
    }

    @Test("a slash where an expression starts begins a regular expression")
    func regexWhereExpressionsStart() {
        let cases = [
            "x = /ab+c/g.test(y)", "return /a/", "f(/[/]/)", "[/x/, /y/]", "a = b ? /c/ : /d/",
            "if (x) /re/.test(y)", "typeof /x/", "{}\n/foo/.test(s)",
        ]
        for text in cases {
            #expect(kinds(text).contains(.regex), "\(text)")
        }
        #expect(lex("x = /[/]/i")[2] == (.regex, "/[/]/i"))
        #expect(lex("x = /a\\/b/")[2] == (.regex, "/a\\/b/"))
    }

    @Test("a regex-looking division across lines stays division")
    func divisionThatLooksLikeRegex() {
        let tokens = lex("var half = total / 2, third = total / 3;")
        #expect(!tokens.map(\.0).contains(.regex))
    }

    @Test("template literals with nested substitutions and braces lex as head, middle and tail")
    func nestedTemplates() {
        let text = "`a${ {x: `b${c}d`}.x }e${f}g`"
        let tokens = lex(text)
        #expect(tokens.first?.0 == .templateHead)
        #expect(tokens.last?.0 == .templateTail)
        #expect(tokens.map(\.0).contains(.templateMiddle))
        #expect(tokens.filter { $0.0 == .templateHead }.count == 2)
        #expect(tokens.contains { $0 == (.templateTail, "}d`") })
    }

    @Test("comments and the hashbang are trivia; a string containing comment markers is one string")
    func commentsAndHashbang() {
        let tokens = lex("#!/usr/bin/env node\n// line\n/* block */ var s = '/* not */ // no'")
        #expect(tokens[0].0 == .hashbang)
        #expect(tokens[1].0 == .lineComment)
        #expect(tokens[2].0 == .blockComment)
        #expect(tokens.last! == (.string, "'/* not */ // no'"))
    }

    @Test("tokens record whether a line break precedes them")
    func newlinesForASI() {
        let source = SourceText("a = b\n(c)\n/* x\n */ d")
        let tokens = Lexer(source, jsx: false).tokens.filter { !$0.isTrivia }
        #expect(tokens.map(\.newlineBefore) == [false, false, false, true, false, false, true])
    }

    @Test("JSX elements with attributes, text and nested expressions lex without swallowing code")
    func jsx() {
        let text = "const x = <div className=\"a/b\" onClick={() => go('/x')}>Hi {name} / there<br/></div>; y = a / b"
        let lexer = Lexer(SourceText(text), jsx: true)
        #expect(lexer.sawJSX)
        let source = SourceText(text)
        let values = lexer.tokens.map { source.text(of: $0) }
        #expect(values.contains("'/x'"))
        #expect(values.contains("Hi "))
        #expect(!lexer.tokens.contains { $0.kind == .regex })
        #expect(values.suffix(4) == ["y", "=", "a", "/", "b"].suffix(4))
        #expect(lexer.diagnostics.isEmpty)
    }

    @Test("less-than in plain JavaScript is not JSX")
    func lessThanWithoutJSX() {
        let lexer = Lexer(SourceText("if (a <b) c = 1"), jsx: false)
        #expect(!lexer.sawJSX)
    }

    @Test("numbers: hex, exponents, separators, member access on an integer")
    func numbers() {
        #expect(lex("0xFF 1e-5 1_000 .5 1..toString()").prefix(5).map(\.1) == ["0xFF", "1e-5", "1_000", ".5", "1."])
    }

    @Test("unterminated constructs are reported, not fatal")
    func unterminated() {
        #expect(!Lexer(SourceText("var s = 'abc\nvar t = 1"), jsx: false).diagnostics.isEmpty)
        #expect(!Lexer(SourceText("/* never closed"), jsx: false).diagnostics.isEmpty)
        #expect(!Lexer(SourceText("`abc ${x"), jsx: false).diagnostics.isEmpty)
    }
}
