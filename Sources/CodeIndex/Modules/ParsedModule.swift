/// One JavaScript or TypeScript file lexed and outlined: its top-level statements, its imports
/// and exports with where they run, and the names it declares at the top level.
///
/// This is not a full parser. It walks the token stream with a bracket stack that knows which
/// `{` opened a function body, a control block, a class body or an object literal, which is
/// enough to tell load-time code from deferred code and unconditional code from conditional code.
package struct ParsedModule: Sendable {
    /// The file's text.
    package let source: SourceText
    /// All tokens, trivia included.
    package let tokens: [Token]
    /// Indices into `tokens` of the non-trivia tokens.
    package let significant: [Int]
    /// The top-level statements.
    package private(set) var statements: [TopLevelStatement] = []
    /// Every import, re-export, require and dynamic import.
    package private(set) var imports: [ImportRecord] = []
    /// Every CommonJS or ES export.
    package private(set) var exports: [ExportRecord] = []
    /// Names bound at the top level (functions, classes, variables, imports).
    package private(set) var topLevelNames: Set<String> = []
    /// True when the file contains JSX.
    package let hasJSX: Bool
    /// Lexer problems recovered from.
    package let diagnostics: [LexDiagnostic]

    /// Lexes and outlines `text`; `jsx` enables JSX (see `Lexer`).
    package init(_ text: String, jsx: Bool = false) {
        self.init(source: SourceText(text), jsx: jsx)
    }

    /// Lexes and outlines `source`.
    package init(source: SourceText, jsx: Bool = false) {
        let lexer = Lexer(source, jsx: jsx)
        self.source = source
        self.tokens = lexer.tokens
        self.hasJSX = lexer.sawJSX
        self.diagnostics = lexer.diagnostics
        self.significant = lexer.tokens.indices.filter { !lexer.tokens[$0].isTrivia }
        var walker = Walker(module: self)
        walker.walk()
        self.statements = walker.statements
        self.imports = walker.imports
        self.exports = walker.exports
        self.topLevelNames = walker.names
    }

    /// The `n`th significant token.
    package func token(_ n: Int) -> Token {
        self.tokens[self.significant[n]]
    }

    /// The text of the `n`th significant token ("" past the end).
    package func text(_ n: Int) -> String {
        guard n >= 0 && n < self.significant.count else { return "" }
        return self.source.text(of: self.token(n))
    }

    /// The text of a top-level statement.
    package func text(of statement: TopLevelStatement) -> String {
        self.source.text(statement.start..<statement.end)
    }

    /// The value of a string-literal token (quotes removed, simple escapes decoded).
    package static func stringValue(_ literal: String) -> String {
        var characters = Array(literal)
        guard characters.count >= 2 else { return literal }
        characters.removeFirst()
        characters.removeLast()
        var result = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\" && index + 1 < characters.count {
                let next = characters[index + 1]
                switch next {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "0": result.append("\0")
                default: result.append(next)
                }
                index += 2
                continue
            }
            result.append(character)
            index += 1
        }
        return result
    }

    /// The import records that are `require` calls with a literal specifier.
    package var literalRequires: [ImportRecord] {
        self.imports.filter { $0.kind == .require && $0.specifier != nil }
    }

    /// True when the file uses CommonJS exports or requires.
    package var usesCommonJS: Bool {
        self.exports.contains { $0.isCommonJS } || self.imports.contains { $0.kind == .require }
    }

    /// True when the file uses ES module syntax.
    package var usesESModules: Bool {
        self.imports.contains { $0.kind == .esImport || $0.kind == .esReexport }
            || self.exports.contains { !$0.isCommonJS }
    }
}

// MARK: - The walker

/// What a bracket on the walker's stack opened.
private enum FrameKind {
    case functionBody
    case classBody
    case control(conditional: Bool)
    case block
    case object
    case paren(control: Bool, functionParameters: Bool)
    case bracket
    case templateSubstitution
    case conciseArrow
}

private struct Frame {
    var kind: FrameKind
    var sawConditionalOperator = false
}

/// Keywords that cannot end a statement (the next line continues it).
private let continuingKeywords: Set<String> = [
    "else", "do", "typeof", "instanceof", "in", "of", "new", "delete", "void", "await", "case", "extends",
    "function", "class", "const", "let", "var", "import", "export", "if", "for", "while", "with", "switch", "try",
    "catch", "finally", "yield", "async", "default",
]

/// Tokens that continue an expression when they start a new line.
private let continuingPunctuators: Set<String> = [
    ".", "?.", ",", "=", "(", "[", "?", ":", "+", "-", "*", "/", "%", "**", "&&", "||", "??", "==", "===", "!=",
    "!==", "<", ">", "<=", ">=", "<<", ">>", ">>>", "&", "|", "^", "=>", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
    "^=", "**=", "<<=", ">>=", ">>>=", "&&=", "||=", "??=", ")", "]", "}",
]

private struct Walker {
    let module: ParsedModule
    var statements: [TopLevelStatement] = []
    var imports: [ImportRecord] = []
    var exports: [ExportRecord] = []
    var names: Set<String> = []
    var frames: [Frame] = []
    var statementStart = 0
    var pendingClass = false
    var lastClosedParen: FrameKind?

    init(module: ParsedModule) {
        self.module = module
    }

    var count: Int { self.module.significant.count }

    func text(_ n: Int) -> String { self.module.text(n) }

    func token(_ n: Int) -> Token { self.module.token(n) }

    func isPunctuator(_ n: Int, _ value: String) -> Bool {
        n >= 0 && n < self.count && self.token(n).kind == .punctuator && self.text(n) == value
    }

    func isIdentifier(_ n: Int, _ value: String) -> Bool {
        n >= 0 && n < self.count && self.token(n).kind == .identifier && self.text(n) == value
    }

    func isStringLiteral(_ n: Int) -> Bool {
        n >= 0 && n < self.count && (self.token(n).kind == .string || self.token(n).kind == .templateNoSubstitution)
    }

    var context: ExecutionContext {
        var inFunction = false
        var conditional = false
        for frame in self.frames {
            switch frame.kind {
            case .functionBody, .conciseArrow: inFunction = true
            case .control(let isConditional): if isConditional { conditional = true }
            case .paren(_, let parameters): if parameters { inFunction = true }
            default: break
            }
            if frame.sawConditionalOperator { conditional = true }
        }
        return ExecutionContext(inFunction: inFunction, conditional: conditional)
    }

    mutating func walk() {
        var index = 0
        while index < self.count {
            self.visit(index)
            self.closeStatementIfNeeded(after: index)
            index += 1
        }
        if self.statementStart < self.count {
            self.appendStatement(self.statementStart, self.count - 1)
        }
    }

    mutating func appendStatement(_ first: Int, _ last: Int) {
        guard first <= last else { return }
        self.statements.append(
            TopLevelStatement(first: first, last: last, start: self.token(first).start, end: self.token(last).end))
        self.statementStart = last + 1
        self.topLevelConditional = false
    }

    /// Ends the current top-level statement after token `index` when a `;` or automatic semicolon
    /// insertion ends it there.
    mutating func closeStatementIfNeeded(after index: Int) {
        // A concise arrow body at the top level ends where its statement ends.
        if !self.frames.isEmpty, self.frames.allSatisfy({ if case .conciseArrow = $0.kind { true } else { false } }),
            index + 1 < self.count, self.token(index + 1).newlineBefore,
            !(self.token(index + 1).kind == .punctuator && continuingPunctuators.contains(self.text(index + 1)))
        {
            self.frames.removeAll()
        }
        guard self.frames.isEmpty, index >= self.statementStart else { return }
        let current = self.token(index)
        if current.kind == .punctuator && self.text(index) == ";" {
            self.appendStatement(self.statementStart, index)
            return
        }
        guard index + 1 < self.count else { return }
        let next = self.token(index + 1)
        let nextText = self.text(index + 1)
        // `}` closing a declaration or block at the top level ends the statement unless `else`, `catch`,
        // `finally` or a do-while's `while` follows.
        if current.kind == .punctuator && self.text(index) == "}" {
            let startText = self.text(self.statementStart)
            let blockStarters: Set<String> = ["function", "class", "if", "for", "while", "try", "switch", "{", "async", "do"]
            let isDeclarationExport = startText == "export"
                && ["function", "class", "async", "default"].contains(self.text(self.statementStart + 1))
            if (blockStarters.contains(startText) || isDeclarationExport) && !self.isPunctuator(index + 1, ".")
                && !(next.kind == .identifier && ["else", "catch", "finally"].contains(nextText))
                && !(startText == "do" && nextText == "while")
                && !(startText != "function" && startText != "class" && !next.newlineBefore && next.kind == .punctuator)
            {
                self.appendStatement(self.statementStart, index)
                return
            }
        }
        guard next.newlineBefore else { return }
        // Automatic semicolon insertion at a line break.
        switch current.kind {
        case .identifier:
            if continuingKeywords.contains(self.text(index)) { return }
        case .punctuator:
            let value = self.text(index)
            if value == ")" {
                if case .paren(let control, _) = self.lastClosedParen, control { return }
            } else if value != "]" && value != "}" && value != "++" && value != "--" {
                return
            }
        case .templateHead, .templateMiddle:
            return
        default:
            break
        }
        if next.kind == .punctuator && continuingPunctuators.contains(nextText) { return }
        if next.kind == .templateNoSubstitution || next.kind == .templateHead { return }
        if next.kind == .identifier && ["in", "instanceof", "of", "else", "catch", "finally", "as", "satisfies"].contains(nextText) {
            return
        }
        self.appendStatement(self.statementStart, index)
    }

    // MARK: Visiting tokens

    mutating func visit(_ index: Int) {
        let token = self.token(index)
        let value = self.text(index)
        switch token.kind {
        case .punctuator:
            self.visitPunctuator(index, value)
        case .templateHead:
            self.frames.append(Frame(kind: .templateSubstitution))
        case .templateMiddle:
            break
        case .templateTail:
            if case .templateSubstitution = self.frames.last?.kind { self.frames.removeLast() }
        case .identifier:
            self.visitIdentifier(index, value)
        default:
            break
        }
    }

    mutating func visitPunctuator(_ index: Int, _ value: String) {
        switch value {
        case "{":
            let kind: FrameKind
            if self.pendingClass {
                kind = .classBody
                self.pendingClass = false
            } else if index > 0 && self.isPunctuator(index - 1, ")") {
                if case .paren(let control, _) = self.lastClosedParen, control {
                    kind = .control(conditional: true)
                } else {
                    kind = .functionBody
                }
            } else if index > 0 && self.isPunctuator(index - 1, "=>") {
                kind = .functionBody
            } else if index > 0 && self.token(index - 1).kind == .identifier
                && ["else", "try", "finally", "do"].contains(self.text(index - 1))
            {
                kind = .control(conditional: true)
            } else if index > 0 && self.token(index - 1).kind == .identifier
                && ["return", "typeof", "in", "of", "yield", "await", "case", "void", "throw"].contains(self.text(index - 1))
            {
                kind = .object
            } else if index > 0 && self.token(index - 1).kind == .punctuator
                && ![")", "]", "}", ";"].contains(self.text(index - 1))
            {
                kind = .object
            } else if index > 0 && self.token(index - 1).kind == .templateHead || index > 0 && self.token(index - 1).kind == .templateMiddle {
                kind = .object
            } else {
                kind = .block
            }
            self.frames.append(Frame(kind: kind))
        case "(":
            let control = index > 0 && self.token(index - 1).kind == .identifier
                && ["if", "while", "for", "with", "switch", "catch"].contains(self.text(index - 1))
            let parameters = self.parenthesesAreParameters(index)
            self.frames.append(Frame(kind: .paren(control: control, functionParameters: parameters)))
        case "[":
            self.frames.append(Frame(kind: .bracket))
        case "}", ")", "]":
            self.popConciseArrows()
            if let frame = self.frames.popLast() {
                if value == ")" { self.lastClosedParen = frame.kind }
            }
            if value == ")" {
                // `if (x) require('y')`: a braceless control body is conditional up to the end of the statement.
                if case .paren(let control, _) = self.lastClosedParen, control, !self.isPunctuator(index + 1, "{") {
                    self.markConditional()
                }
            }
        case "=>":
            if !self.isPunctuator(index + 1, "{") {
                self.frames.append(Frame(kind: .conciseArrow))
            }
        case ",", ";":
            self.popConciseArrows()
            if value == ";", !self.frames.isEmpty { self.frames[self.frames.count - 1].sawConditionalOperator = false }
        case "?", "&&", "||", "??", "?.":
            self.markConditional()
        default:
            break
        }
    }

    mutating func markConditional() {
        if self.frames.isEmpty {
            self.topLevelConditional = true
        } else {
            self.frames[self.frames.count - 1].sawConditionalOperator = true
        }
    }

    var topLevelConditional = false

    mutating func popConciseArrows() {
        while case .conciseArrow = self.frames.last?.kind { self.frames.removeLast() }
    }

    /// True when the `(` at `index` opens function parameters: `function f(`, `f(…) {`, `(…) =>`.
    func parenthesesAreParameters(_ index: Int) -> Bool {
        if index > 0 && self.token(index - 1).kind == .identifier {
            if index > 1 && self.isIdentifier(index - 2, "function") { return true }
            if self.isIdentifier(index - 1, "function") { return true }
        }
        // Find the matching `)` and look at what follows.
        var depth = 0
        var cursor = index
        while cursor < self.count {
            if self.token(cursor).kind == .punctuator {
                let value = self.text(cursor)
                if value == "(" { depth += 1 } else if value == ")" {
                    depth -= 1
                    if depth == 0 { break }
                }
            }
            cursor += 1
            if cursor - index > 400 { return false }
        }
        return self.isPunctuator(cursor + 1, "=>")
    }

    mutating func visitIdentifier(_ index: Int, _ value: String) {
        let previousIsDot = self.isPunctuator(index - 1, ".") || self.isPunctuator(index - 1, "?.")
        var context = self.context
        if self.topLevelConditional && self.frames.isEmpty { context.conditional = true }
        let statement = self.statements.count
        switch value {
        case "class":
            if !previousIsDot { self.pendingClass = true }
        case "require" where !previousIsDot && self.isPunctuator(index + 1, "("):
            if self.isStringLiteral(index + 2) && self.isPunctuator(index + 3, ")") {
                let literal = self.token(index + 2)
                self.imports.append(
                    ImportRecord(
                        kind: .require, specifier: ParsedModule.stringValue(self.text(index + 2)),
                        specifierRange: literal.range, context: context, statementIndex: statement,
                        line: self.token(index).line))
            } else {
                self.imports.append(
                    ImportRecord(
                        kind: .require, specifier: nil, specifierRange: nil, context: context, statementIndex: statement,
                        line: self.token(index).line))
            }
        case "import" where !previousIsDot:
            if self.isPunctuator(index + 1, "(") {
                let literal = self.isStringLiteral(index + 2) && self.isPunctuator(index + 3, ")")
                self.imports.append(
                    ImportRecord(
                        kind: .dynamicImport,
                        specifier: literal ? ParsedModule.stringValue(self.text(index + 2)) : nil,
                        specifierRange: literal ? self.token(index + 2).range : nil, context: context,
                        statementIndex: statement, line: self.token(index).line))
            } else if !self.isPunctuator(index + 1, ".") && self.frames.isEmpty {
                self.parseImportDeclaration(index, context: context)
            }
        case "export" where !previousIsDot && self.frames.isEmpty:
            self.parseExportDeclaration(index, context: context)
        case "module" where !previousIsDot && self.isPunctuator(index + 1, ".") && self.isIdentifier(index + 2, "exports"):
            self.visitExportsUse(at: index + 2, context: context, isModuleExports: true)
        case "exports" where !previousIsDot:
            let isPropertyKey = self.isPunctuator(index + 1, ":")
                && (self.isPunctuator(index - 1, "{") || self.isPunctuator(index - 1, ","))
            if !isPropertyKey { self.visitExportsUse(at: index, context: context, isModuleExports: false) }
        case "function", "const", "let", "var":
            if self.frames.isEmpty && !previousIsDot { self.collectDeclaredNames(after: index) }
        default:
            if self.frames.isEmpty && self.isIdentifier(index - 1, "class") && !previousIsDot {
                self.names.insert(value)
            }
        }
    }

    /// `exportsIndex` is the `exports` token (after `module.` when `isModuleExports`).
    mutating func visitExportsUse(at exportsIndex: Int, context: ExecutionContext, isModuleExports: Bool) {
        let line = self.token(exportsIndex).line
        let statement = self.statements.count
        if self.isPunctuator(exportsIndex + 1, "=") {
            let kind: ExportRecord.Kind = isModuleExports ? .moduleExportsAssignment : .exportsReassignment
            self.exports.append(ExportRecord(kind: kind, context: context, statementIndex: statement, line: line))
            return
        }
        if self.isPunctuator(exportsIndex + 1, "."), exportsIndex + 2 < self.count,
            self.token(exportsIndex + 2).kind == .identifier, self.isPunctuator(exportsIndex + 3, "=")
        {
            let name = self.text(exportsIndex + 2)
            self.exports.append(
                ExportRecord(kind: .exportsProperty(name), context: context, statementIndex: statement, line: line))
            return
        }
        self.exports.append(ExportRecord(kind: .exportsOtherUse, context: context, statementIndex: statement, line: line))
    }

    /// Collects the names bound by `function NAME`, `const NAME`, `const { a, b: c }`, `let [x, y]`.
    mutating func collectDeclaredNames(after index: Int) {
        let keyword = self.text(index)
        var cursor = index + 1
        if keyword == "function" {
            if self.isPunctuator(cursor, "*") { cursor += 1 }
            if cursor < self.count && self.token(cursor).kind == .identifier { self.names.insert(self.text(cursor)) }
            return
        }
        // A declaration list: NAME [= …], {pattern} = …, [pattern] = …
        var depth = 0
        var expectingBinding = true
        while cursor < self.count {
            let token = self.token(cursor)
            let value = self.text(cursor)
            if token.kind == .punctuator {
                if ["{", "[", "("].contains(value) {
                    if expectingBinding && depth == 0 && value != "(" {
                        self.collectPatternNames(from: cursor)
                        expectingBinding = false
                    }
                    depth += 1
                } else if ["}", "]", ")"].contains(value) {
                    depth -= 1
                    if depth < 0 { return }
                } else if value == "," && depth == 0 {
                    expectingBinding = true
                } else if value == ";" && depth == 0 {
                    return
                } else if value == "=" && depth == 0 {
                    expectingBinding = false
                }
            } else if token.kind == .templateHead {
                depth += 1
            } else if token.kind == .templateTail {
                depth -= 1
            } else if token.kind == .identifier && depth == 0 {
                if expectingBinding {
                    self.names.insert(value)
                    expectingBinding = false
                } else if token.newlineBefore && cursor > index + 1 && !self.isPunctuator(cursor - 1, ",")
                    && !self.isPunctuator(cursor - 1, "=")
                {
                    return
                }
            }
            cursor += 1
        }
    }

    /// Names bound by a destructuring pattern starting at `{` or `[` (values after `:` are bindings).
    mutating func collectPatternNames(from open: Int) {
        var depth = 0
        var cursor = open
        while cursor < self.count {
            let token = self.token(cursor)
            let value = self.text(cursor)
            if token.kind == .punctuator {
                if value == "{" || value == "[" { depth += 1 }
                if value == "}" || value == "]" {
                    depth -= 1
                    if depth == 0 { return }
                }
            } else if token.kind == .identifier {
                let nextIsColon = self.isPunctuator(cursor + 1, ":")
                let previousIsAssign = self.isPunctuator(cursor - 1, "=")
                if !nextIsColon && !previousIsAssign { self.names.insert(value) }
            }
            cursor += 1
        }
    }

    // MARK: ES syntax

    mutating func parseImportDeclaration(_ index: Int, context: ExecutionContext) {
        var record = ImportRecord(
            kind: .esImport, specifier: nil, specifierRange: nil, context: context,
            statementIndex: self.statements.count, line: self.token(index).line)
        var cursor = index + 1
        if self.isIdentifier(cursor, "type") && !self.isIdentifier(cursor + 1, "from") && !self.isPunctuator(cursor + 1, "=") {
            record.typeOnly = true
            cursor += 1
        }
        if self.isStringLiteral(cursor) {
            record.specifier = ParsedModule.stringValue(self.text(cursor))
            record.specifierRange = self.token(cursor).range
            self.imports.append(record)
            return
        }
        // import X = require('x')
        if cursor < self.count && self.token(cursor).kind == .identifier && self.isPunctuator(cursor + 1, "=") {
            record.kind = .importEquals
            record.defaultBinding = self.text(cursor)
            self.names.insert(self.text(cursor))
            if self.isIdentifier(cursor + 2, "require") && self.isStringLiteral(cursor + 4) {
                record.specifier = ParsedModule.stringValue(self.text(cursor + 4))
                record.specifierRange = self.token(cursor + 4).range
            }
            self.imports.append(record)
            return
        }
        while cursor < self.count && !self.isIdentifier(cursor, "from") && !self.isPunctuator(cursor, ";") {
            let token = self.token(cursor)
            let value = self.text(cursor)
            if token.kind == .punctuator && value == "*" && self.isIdentifier(cursor + 1, "as") {
                record.namespaceBinding = self.text(cursor + 2)
                self.names.insert(self.text(cursor + 2))
                cursor += 3
                continue
            }
            if token.kind == .punctuator && value == "{" {
                cursor += 1
                while cursor < self.count && !self.isPunctuator(cursor, "}") {
                    if self.token(cursor).kind == .identifier || self.token(cursor).kind == .string {
                        var imported = self.text(cursor)
                        if self.isIdentifier(cursor, "type") && self.token(cursor + 1).kind == .identifier
                            && !self.isIdentifier(cursor + 1, "as")
                        {
                            cursor += 1
                            imported = self.text(cursor)
                        }
                        var local = imported
                        if self.isIdentifier(cursor + 1, "as") {
                            local = self.text(cursor + 2)
                            cursor += 2
                        }
                        record.namedBindings.append((imported, local))
                        self.names.insert(local)
                    }
                    cursor += 1
                }
                cursor += 1
                continue
            }
            if token.kind == .identifier {
                record.defaultBinding = value
                self.names.insert(value)
            }
            cursor += 1
        }
        if self.isIdentifier(cursor, "from") && self.isStringLiteral(cursor + 1) {
            record.specifier = ParsedModule.stringValue(self.text(cursor + 1))
            record.specifierRange = self.token(cursor + 1).range
        }
        self.imports.append(record)
    }

    mutating func parseExportDeclaration(_ index: Int, context: ExecutionContext) {
        let line = self.token(index).line
        let statement = self.statements.count
        var cursor = index + 1
        let next = self.text(cursor)
        if next == "=" {
            self.exports.append(ExportRecord(kind: .exportEquals, context: context, statementIndex: statement, line: line))
            return
        }
        if next == "default" {
            self.exports.append(ExportRecord(kind: .esDefault, context: context, statementIndex: statement, line: line))
            return
        }
        var typeOnly = false
        if next == "type" && (self.isPunctuator(cursor + 1, "{") || self.isPunctuator(cursor + 1, "*")) {
            typeOnly = true
            cursor += 1
        }
        if self.isPunctuator(cursor, "*") {
            var alias: String?
            if self.isIdentifier(cursor + 1, "as") { alias = self.text(cursor + 2) }
            self.exports.append(ExportRecord(kind: .esExportAll(alias), context: context, statementIndex: statement, line: line))
            while cursor < self.count && !self.isIdentifier(cursor, "from") { cursor += 1 }
            if self.isStringLiteral(cursor + 1) {
                var record = ImportRecord(
                    kind: .esReexport, specifier: ParsedModule.stringValue(self.text(cursor + 1)),
                    specifierRange: self.token(cursor + 1).range, context: context, statementIndex: statement, line: line)
                record.typeOnly = typeOnly
                self.imports.append(record)
            }
            return
        }
        if self.isPunctuator(cursor, "{") {
            var names: [String] = []
            var bindings: [(String, String)] = []
            cursor += 1
            while cursor < self.count && !self.isPunctuator(cursor, "}") {
                if self.token(cursor).kind == .identifier || self.token(cursor).kind == .string {
                    let local = self.text(cursor)
                    var exported = local
                    if self.isIdentifier(cursor + 1, "as") {
                        exported = self.text(cursor + 2)
                        cursor += 2
                    }
                    names.append(exported)
                    bindings.append((local, exported))
                }
                cursor += 1
            }
            self.exports.append(ExportRecord(kind: .esNamed(names), context: context, statementIndex: statement, line: line))
            if self.isIdentifier(cursor + 1, "from") && self.isStringLiteral(cursor + 2) {
                var record = ImportRecord(
                    kind: .esReexport, specifier: ParsedModule.stringValue(self.text(cursor + 2)),
                    specifierRange: self.token(cursor + 2).range, context: context, statementIndex: statement, line: line)
                record.typeOnly = typeOnly
                record.namedBindings = bindings
                self.imports.append(record)
            }
            return
        }
        // export [declare] [async] function|class|const|let|var|type|interface|enum NAME
        while cursor < self.count && ["declare", "async", "abstract", "default"].contains(self.text(cursor)) { cursor += 1 }
        let keyword = self.text(cursor)
        if ["function", "class", "type", "interface", "enum", "namespace"].contains(keyword) {
            var nameIndex = cursor + 1
            if self.isPunctuator(nameIndex, "*") { nameIndex += 1 }
            let name = self.text(nameIndex)
            self.names.insert(name)
            self.exports.append(ExportRecord(kind: .esNamed([name]), context: context, statementIndex: statement, line: line))
        } else if ["const", "let", "var"].contains(keyword) {
            let before = self.names
            self.collectDeclaredNames(after: cursor)
            let added = self.names.subtracting(before).sorted()
            self.exports.append(ExportRecord(kind: .esNamed(added), context: context, statementIndex: statement, line: line))
        }
    }
}
