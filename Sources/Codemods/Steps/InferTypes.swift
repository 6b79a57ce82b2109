import CodeIndex

/// Step 4: types from JSDoc and from obvious usage.
///
/// Matches: in TypeScript sources, functions, methods and arrow functions with a JSDoc comment
/// (`@param`, `@returns`), variables with `@type`, `@typedef` comments; parameters with a literal
/// default; functions whose every `return` gives a literal of one primitive type; variables
/// initialised to `{}` that later get properties assigned.
///
/// Rewrites: `function f(a, b)` with `@param {string} a`, `@param {number=} b`,
/// `@returns {boolean}` → `function f(a: string, b?: number): boolean` (`?` only where no
/// required parameter follows; async functions get `Promise<…>`; generators keep no return type);
/// `/** @type {Foo} */ let x` → `let x: Foo`; `@typedef` → a `type` alias after the comment;
/// `function f(n = 0)` → `function f(n: number = 0)`; a function returning only `true`/`false`
/// → `: boolean`; `const o = {}` then `o.k = v` → `const o: Record<string, any> = {}`. JSDoc
/// names that are neither built in nor declared in the file become `any`, so every annotation
/// compiles. Anything already annotated is left alone, so the step is idempotent.
package struct InferTypes: Codemod {
    package var name: String { "types" }
    package var summary: String { "add types from JSDoc and from obvious usage (literals, defaults, returns)" }

    package init() {}

    package func run(on snapshot: ProjectSnapshot, context: CodemodContext) throws -> CodemodResult {
        var result = CodemodResult()
        for path in snapshot.sourcePaths where !ProjectSnapshot.isJavaScript(path) {
            guard let text = snapshot.files[path] else { continue }
            var annotator = TypeAnnotator(text: text, jsx: path.hasSuffix("x"))
            annotator.annotate()
            let newText = annotator.edits.apply(to: annotator.module.source.bytes)
            if newText != text { result.changes.append(.modify(path, from: text, to: newText)) }
        }
        return result
    }
}

private struct TypeAnnotator {
    let module: ParsedModule
    var edits = TextEdits()
    var knownNames: Set<String> = []
    var annotatedParameterLists: Set<Int> = []

    init(text: String, jsx: Bool) {
        self.module = ParsedModule(text, jsx: jsx)
    }

    var count: Int { self.module.significant.count }

    func text(_ index: Int) -> String { self.module.text(index) }

    func kind(_ index: Int) -> Token.Kind? {
        index >= 0 && index < self.count ? self.module.token(index).kind : nil
    }

    mutating func annotate() {
        // Names usable as types: classes, interfaces, type aliases, typedefs.
        for index in 0..<self.count where ["class", "interface", "type"].contains(self.text(index)) {
            if self.kind(index + 1) == .identifier { self.knownNames.insert(self.text(index + 1)) }
        }
        var comments: [(Token, JSDocComment)] = []
        for token in self.module.tokens where token.kind == .blockComment {
            if let comment = JSDocComment(self.module.source.text(of: token)) {
                comments.append((token, comment))
                if let typedef = comment.typedef { self.knownNames.insert(typedef.name) }
            }
        }
        for (token, comment) in comments {
            if let typedef = comment.typedef {
                self.addTypedef(typedef, comment, after: token)
                continue
            }
            guard let next = self.firstSignificant(after: token.end) else { continue }
            self.annotate(comment, at: next)
        }
        self.annotateObviousUsage()
    }

    func firstSignificant(after offset: Int) -> Int? {
        var low = 0
        var high = self.count
        while low < high {
            let middle = (low + high) / 2
            if self.module.token(middle).start < offset { low = middle + 1 } else { high = middle }
        }
        return low < self.count ? low : nil
    }

    // MARK: JSDoc

    mutating func addTypedef(_ typedef: (name: String, type: String?), _ comment: JSDocComment, after token: Token) {
        let name = typedef.name
        guard !name.contains("."), !self.hasDeclaration(of: name) else { return }
        var body: String
        if !comment.properties.isEmpty && (typedef.type == nil || typedef.type == "Object" || typedef.type == "object") {
            let fields = comment.properties.filter { !$0.name.contains(".") }.map { property -> String in
                let type = property.type.flatMap { JSDocType($0, knownNames: self.knownNames) }
                let optional = property.optional || (type?.optional ?? false)
                return "\(property.name)\(optional ? "?" : ""): \(type?.text ?? "any")"
            }
            body = "{ " + fields.joined(separator: "; ") + " }"
        } else if let type = typedef.type.flatMap({ JSDocType($0, knownNames: self.knownNames) }) {
            body = type.text
        } else {
            return
        }
        let line = self.module.source.line(of: token.start)
        let indentation = self.module.source.indentation(ofLine: line)
        self.edits.insert("\n" + indentation + "type \(name) = \(body);", at: token.end)
    }

    func hasDeclaration(of name: String) -> Bool {
        (0..<self.count).contains { index in
            ["type", "interface", "class"].contains(self.text(index)) && self.text(index + 1) == name
        }
    }

    /// Applies a JSDoc comment to the declaration starting at significant token `start`.
    mutating func annotate(_ comment: JSDocComment, at start: Int) {
        var cursor = start
        while ["export", "default", "declare", "static", "public", "private", "protected", "readonly"].contains(self.text(cursor)) {
            cursor += 1
        }
        // @type on a variable.
        if let type = comment.type, ["const", "let", "var"].contains(self.text(cursor)), self.kind(cursor + 1) == .identifier,
            self.text(cursor + 2) == "=" || self.text(cursor + 2) == ";"
        {
            if let converted = JSDocType(type, knownNames: self.knownNames), converted.text != "any" || true {
                self.edits.insert(": " + converted.text, at: self.module.token(cursor + 1).end)
            }
            return
        }
        guard let function = self.functionHeader(at: cursor) else { return }
        self.annotateFunction(function, comment)
    }

    struct FunctionHeader {
        var open: Int
        var close: Int
        var isAsync: Bool
        var isGenerator: Bool
    }

    /// The parameter list of the function declared at `cursor`: `function`, `async function`,
    /// a method `name(…) {`, `a.b = function (…)`, `name: function (…)`, `const f = (…) =>`.
    func functionHeader(at start: Int) -> FunctionHeader? {
        var cursor = start
        var isAsync = false
        var isGenerator = false
        // Left-hand sides: `const f =`, `a.b.c =`, `key:`.
        if ["const", "let", "var"].contains(self.text(cursor)), self.kind(cursor + 1) == .identifier, self.text(cursor + 2) == "=" {
            cursor += 3
        } else if self.kind(cursor) == .identifier && self.text(cursor) != "function" && self.text(cursor) != "async" {
            var probe = cursor
            while self.kind(probe) == .identifier && self.text(probe + 1) == "." && probe - cursor < 16 { probe += 2 }
            if self.kind(probe) == .identifier && (self.text(probe + 1) == "=" || self.text(probe + 1) == ":") {
                if self.text(probe + 2) == "function" || self.text(probe + 2) == "async" || self.text(probe + 2) == "(" {
                    cursor = probe + 2
                }
            }
        }
        if self.text(cursor) == "async" && !["(", "=", ":"].contains(self.text(cursor + 1)) || self.text(cursor) == "async" && self.text(cursor + 1) == "(" && self.isArrow(from: cursor + 1) {
            isAsync = true
            cursor += 1
        }
        if ["get", "set"].contains(self.text(cursor)) && self.kind(cursor + 1) == .identifier && self.text(cursor + 2) == "(" {
            cursor += 1
        }
        if self.text(cursor) == "function" {
            cursor += 1
            if self.text(cursor) == "*" {
                isGenerator = true
                cursor += 1
            }
            if self.kind(cursor) == .identifier && self.text(cursor) != "(" { cursor += 1 }
            guard self.text(cursor) == "(", let close = self.matching(cursor) else { return nil }
            return FunctionHeader(open: cursor, close: close, isAsync: isAsync, isGenerator: isGenerator)
        }
        if self.text(cursor) == "*" {
            isGenerator = true
            cursor += 1
        }
        if self.text(cursor) == "(" {
            guard let close = self.matching(cursor), self.text(close + 1) == "=>" else { return nil }
            return FunctionHeader(open: cursor, close: close, isAsync: isAsync, isGenerator: false)
        }
        // A method: name(…) {
        if self.kind(cursor) == .identifier, self.text(cursor + 1) == "(",
            !["if", "for", "while", "switch", "catch", "return", "function", "typeof", "new"].contains(self.text(cursor)),
            let close = self.matching(cursor + 1), self.text(close + 1) == "{"
        {
            return FunctionHeader(open: cursor + 1, close: close, isAsync: isAsync, isGenerator: isGenerator)
        }
        return nil
    }

    func isArrow(from open: Int) -> Bool {
        guard let close = self.matching(open) else { return false }
        return self.text(close + 1) == "=>"
    }

    func matching(_ open: Int) -> Int? {
        var depth = 0
        var cursor = open
        while cursor < self.count {
            let value = self.text(cursor)
            if value == "(" || value == "[" || value == "{" { depth += 1 }
            if value == ")" || value == "]" || value == "}" {
                depth -= 1
                if depth == 0 { return cursor }
            }
            cursor += 1
        }
        return nil
    }

    struct Parameter {
        var name: Int
        var isRest: Bool
        var isPattern: Bool
        var annotated: Bool
        var defaultStart: Int?
        var end: Int
    }

    func parameters(_ header: FunctionHeader) -> [Parameter] {
        var result: [Parameter] = []
        var cursor = header.open + 1
        while cursor < header.close {
            let isRest = self.text(cursor) == "..."
            if isRest { cursor += 1 }
            let name = cursor
            let isPattern = self.text(cursor) == "{" || self.text(cursor) == "["
            if isPattern, let close = self.matching(cursor) { cursor = close }
            cursor += 1
            if self.text(cursor) == "?" { cursor += 1 }
            let annotated = self.text(cursor) == ":"
            var defaultStart: Int?
            var depth = 0
            while cursor < header.close {
                let value = self.text(cursor)
                if ["(", "[", "{"].contains(value) || self.kind(cursor) == .templateHead { depth += 1 }
                if [")", "]", "}"].contains(value) || self.kind(cursor) == .templateTail { depth -= 1 }
                if depth == 0 && value == "=" && defaultStart == nil { defaultStart = cursor + 1 }
                if depth == 0 && value == "," { break }
                cursor += 1
            }
            result.append(Parameter(name: name, isRest: isRest, isPattern: isPattern, annotated: annotated, defaultStart: defaultStart, end: cursor - 1))
            cursor += 1
        }
        return result
    }

    mutating func annotateFunction(_ header: FunctionHeader, _ comment: JSDocComment) {
        guard !self.annotatedParameterLists.contains(header.open) else { return }
        self.annotatedParameterLists.insert(header.open)
        let parameters = self.parameters(header)
        let documented = Dictionary(comment.parameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (position, parameter) in parameters.enumerated() where !parameter.annotated && !parameter.isPattern {
            let name = self.text(parameter.name)
            guard let doc = documented[name], let typeText = doc.type, let type = JSDocType(typeText, knownNames: self.knownNames) else {
                continue
            }
            var annotation = type.text
            if parameter.isRest && !type.rest { annotation = JSDocType.parenthesizedForArray(annotation) + "[]" }
            let laterRequired = parameters[(position + 1)...].contains { !$0.isRest && $0.defaultStart == nil && !self.isOptional($0, documented) }
            let optional = (doc.optionalByBrackets || type.optional) && parameter.defaultStart == nil && !parameter.isRest && !laterRequired
            let nameEnd = self.module.token(parameter.name).end
            if self.text(parameter.name + 1) == "?" {
                self.edits.insert(": " + annotation, at: self.module.token(parameter.name + 1).end)
            } else {
                self.edits.insert((optional ? "?: " : ": ") + annotation, at: nameEnd)
            }
        }
        if let returns = comment.returns, !header.isGenerator, self.text(header.close + 1) != ":",
            let type = JSDocType(returns, knownNames: self.knownNames)
        {
            var annotation = type.text
            if header.isAsync && !annotation.hasPrefix("Promise<") { annotation = "Promise<\(annotation)>" }
            self.edits.insert(": " + annotation, at: self.module.token(header.close).end)
        }
    }

    func isOptional(_ parameter: Parameter, _ documented: [String: JSDocComment.Parameter]) -> Bool {
        guard let doc = documented[self.text(parameter.name)] else { return false }
        return doc.optionalByBrackets || (doc.type.flatMap { JSDocType($0) }?.optional ?? false)
    }

    // MARK: Obvious usage

    mutating func annotateObviousUsage() {
        for index in 0..<self.count {
            // Parameter lists not documented: literal defaults.
            if self.text(index) == "(", !self.annotatedParameterLists.contains(index),
                let header = self.functionHeaderEndingAt(open: index)
            {
                self.annotatedParameterLists.insert(index)
                for parameter in self.parameters(header) where !parameter.annotated && !parameter.isPattern && !parameter.isRest {
                    guard let start = parameter.defaultStart, start == parameter.end, let type = self.literalType(start) else { continue }
                    self.edits.insert(": " + type, at: self.module.token(parameter.name).end)
                }
                if !header.isGenerator && !header.isAsync && self.text(header.close + 1) == "{",
                    let type = self.literalReturnType(body: header.close + 1)
                {
                    self.edits.insert(": " + type, at: self.module.token(header.close).end)
                }
            }
            // const o = {} … o.k = v
            if ["const", "let", "var"].contains(self.text(index)), self.kind(index + 1) == .identifier,
                self.text(index + 2) == "=", self.text(index + 3) == "{", self.text(index + 4) == "}",
                self.assignsProperty(of: self.text(index + 1), after: index + 4)
            {
                self.edits.insert(": Record<string, any>", at: self.module.token(index + 1).end)
            }
        }
    }

    /// A function header whose `(` is at `open`: `function name(`, `name(…) {` methods are
    /// excluded unless preceded by `function` (calls look the same).
    func functionHeaderEndingAt(open: Int) -> FunctionHeader? {
        guard open >= 1 else { return nil }
        var cursor = open - 1
        if self.kind(cursor) == .identifier && self.text(cursor) != "function" { cursor -= 1 }
        var isGenerator = false
        if self.text(cursor) == "*" {
            isGenerator = true
            cursor -= 1
        }
        guard self.text(cursor) == "function", let close = self.matching(open) else { return nil }
        let isAsync = self.text(cursor - 1) == "async"
        return FunctionHeader(open: open, close: close, isAsync: isAsync, isGenerator: isGenerator)
    }

    func literalType(_ index: Int) -> String? {
        switch self.kind(index) {
        case .number: return "number"
        case .string, .templateNoSubstitution: return "string"
        case .identifier where self.text(index) == "true" || self.text(index) == "false": return "boolean"
        default: return nil
        }
    }

    /// The primitive type every `return` in the body (not in nested functions) gives, when all
    /// return a literal of that one type.
    func literalReturnType(body open: Int) -> String? {
        guard let close = self.matching(open) else { return nil }
        var types: Set<String> = []
        var cursor = open + 1
        var returns = 0
        while cursor < close {
            let value = self.text(cursor)
            if value == "function" || value == "=>" || value == "class" {
                return nil  // keep it simple: nested functions may contain their own returns
            }
            if value == "return" {
                returns += 1
                guard let type = self.literalType(cursor + 1) else { return nil }
                let after = self.text(cursor + 2)
                guard after == ";" || after == "}" || self.module.token(cursor + 2).newlineBefore else { return nil }
                types.insert(type)
            }
            cursor += 1
        }
        guard returns > 0, types.count == 1 else { return nil }
        return types.first
    }

    func assignsProperty(of name: String, after index: Int) -> Bool {
        var cursor = index
        while cursor + 3 < self.count {
            if self.text(cursor) == name && self.text(cursor - 1) != "." && self.text(cursor + 1) == "." && self.kind(cursor + 2) == .identifier
                && self.text(cursor + 3) == "="
            {
                return true
            }
            cursor += 1
        }
        return false
    }
}

extension JSDocType {
    /// `type` wrapped in parentheses when needed before `[]`.
    static func parenthesizedForArray(_ type: String) -> String {
        type.contains(" ") ? "(\(type))" : type
    }
}
