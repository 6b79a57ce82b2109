import CodeIndex

/// Step 3: CommonJS to ES module syntax where the behaviour stays the same.
///
/// Matches: top-level, unconditional `require('x')` calls with a literal specifier, and
/// top-level `module.exports = …`, `module.exports.name = …` and `exports.name = …` statements,
/// in files that are not part of an import cycle.
///
/// Rewrites:
/// - `const x = require('./x')` → `import x from './x'` when `./x` exports one value
///   (`module.exports = value`, which becomes `export = value`), a builtin, or a CommonJS package;
///   `import * as x from './x'` when `./x` has named exports or is an ES module.
/// - `const { a, b: c } = require('x')` → `import { a, b as c } from 'x'`;
///   `const y = require('x').y` → `import { y } from 'x'`; `require('x')` alone → `import 'x'`.
/// - any other load-time `require('x')` (inside an expression or object literal) → an import
///   of a generated name that replaces the call.
/// - `module.exports = value` → `export = value` (what `require` returns is unchanged);
///   `module.exports = { a, b: c, d: expr }` → `export { a, c as b }` and `export const d = expr`;
///   `exports.a = expr` → `export const a = expr` (or `export { local as a }`).
///
/// Leaves as they are, with the reason: requires inside functions (loaded lazily), conditional
/// requires (`if`, `try`, `?:`, `&&`), computed specifiers, JSON, targets that stay CommonJS or
/// cannot be resolved; and whole files that reassign or read `exports`, assign
/// `module.exports` more than once or both ways, mix ES and CommonJS exports, or sit in an import
/// cycle (ES imports are hoisted, which would change the order the cycle loads in).
/// The compiled output keeps `require` semantics through `esModuleInterop`.
package struct CommonJSToESModules: Codemod {
    package var name: String { "esm" }
    package var summary: String { "convert CommonJS require/module.exports to ES import/export where behaviour is kept" }

    package init() {}

    /// The shape of a module's exports after conversion.
    package enum ExportShape: Sendable, Equatable {
        /// No CommonJS exports.
        case none
        /// `module.exports = value` → `export = value`.
        case single
        /// Named exports.
        case named
    }

    /// What the step decided for one file.
    package struct FileDecision: Sendable, Equatable {
        /// True when the file's CommonJS becomes ES module syntax.
        package var convertible: Bool
        /// Why not, when not.
        package var reason: String?
        package var shape: ExportShape
    }

    package func run(on snapshot: ProjectSnapshot, context: CodemodContext) throws -> CodemodResult {
        var result = CodemodResult()
        var parsed: [String: ParsedModule] = [:]
        for path in snapshot.sourcePaths {
            parsed[path] = ParsedModule(snapshot.files[path] ?? "", jsx: path.hasSuffix("x"))
        }
        let graph = ImportGraph(snapshot: snapshot, parsed: parsed, resolver: context.resolver(for: snapshot))
        var decisions: [String: FileDecision] = [:]
        for path in snapshot.sourcePaths {
            guard let module = parsed[path] else { continue }
            decisions[path] = Self.decide(module, cycle: graph.cycle(containing: path))
        }
        let resolver = context.resolver(for: snapshot)
        for path in graph.leavesFirst {
            guard let module = parsed[path], let decision = decisions[path], let text = snapshot.files[path] else { continue }
            guard module.usesCommonJS else { continue }
            guard decision.convertible else {
                result.findings.append(Finding(path, "left CommonJS: \(decision.reason ?? "not convertible")"))
                continue
            }
            var rewriter = FileRewriter(
                path: path, module: module, snapshot: snapshot, decisions: decisions, parsed: parsed, resolver: resolver,
                shape: decision.shape)
            let newText = rewriter.rewrite()
            result.findings += rewriter.findings
            if newText != text { result.changes.append(.modify(path, from: text, to: newText)) }
        }
        return result
    }

    /// Decides whether a file's CommonJS can become ES module syntax, and its export shape.
    package static func decide(_ module: ParsedModule, cycle: [String]?) -> FileDecision {
        let commonJS = module.exports.filter(\.isCommonJS)
        func no(_ reason: String) -> FileDecision { FileDecision(convertible: false, reason: reason, shape: .none) }
        if module.exports.contains(where: { !$0.isCommonJS }) && !commonJS.isEmpty {
            return no("mixes ES exports with CommonJS exports")
        }
        if let cycle {
            let others = cycle.count > 1 ? cycle.joined(separator: ", ") : "itself"
            return no("in an import cycle (\(others)): ES imports are hoisted and would change the order the cycle loads in")
        }
        var assignments = 0
        var properties: [String: Int] = [:]
        for record in commonJS {
            switch record.kind {
            case .exportsReassignment:
                return no("line \(record.line) reassigns `exports`")
            case .exportsOtherUse:
                return no("line \(record.line) reads or passes `exports`/`module.exports`")
            case .moduleExportsAssignment:
                assignments += 1
            case .exportsProperty(let name):
                properties[name, default: 0] += 1
            default:
                break
            }
            guard record.context.isUnconditionalTopLevel else {
                return no("line \(record.line) exports \(record.context.inFunction ? "inside a function" : "conditionally")")
            }
            guard let index = record.statementIndex, index < module.statements.count,
                Self.statementStartsWithExports(module, module.statements[index])
            else {
                return no("line \(record.line) assigns exports inside a larger expression")
            }
            if commonJS.filter({ $0.statementIndex == record.statementIndex }).count > 1 {
                return no("line \(record.line) assigns several exports in one statement")
            }
        }
        if assignments > 1 { return no("assigns module.exports more than once") }
        if assignments == 1 && !properties.isEmpty { return no("assigns both module.exports and exports.name") }
        if let duplicate = properties.first(where: { $0.value > 1 }) {
            return no("assigns exports.\(duplicate.key) more than once")
        }
        if assignments == 1 {
            guard let record = commonJS.first(where: { $0.kind == .moduleExportsAssignment }),
                let index = record.statementIndex
            else { return no("no module.exports statement") }
            let named = Self.objectLiteralExports(module, module.statements[index]) != nil
            return FileDecision(convertible: true, reason: nil, shape: named ? .named : .single)
        }
        return FileDecision(convertible: true, reason: nil, shape: properties.isEmpty ? .none : .named)
    }

    static func statementStartsWithExports(_ module: ParsedModule, _ statement: TopLevelStatement) -> Bool {
        let first = module.text(statement.first)
        if first == "exports" { return true }
        return first == "module" && module.text(statement.first + 1) == "." && module.text(statement.first + 2) == "exports"
    }

    /// One property of `module.exports = { … }`.
    struct ObjectProperty {
        var key: String
        /// Significant-token indices of the value (inclusive); nil for shorthand.
        var value: ClosedRange<Int>?
    }

    /// The properties of `module.exports = { … }` when every one is `name` or `name: expression`
    /// with an identifier key; nil otherwise.
    static func objectLiteralExports(_ module: ParsedModule, _ statement: TopLevelStatement) -> [ObjectProperty]? {
        var last = statement.last
        if module.text(last) == ";" { last -= 1 }
        let open = statement.first + 4  // module . exports = {
        guard module.text(statement.first + 3) == "=", module.text(open) == "{", module.text(last) == "}", last > open else {
            return nil
        }
        // The `{` must close at `last`.
        var depth = 0
        var properties: [ObjectProperty] = []
        var propertyStart = open + 1
        var index = open
        while index <= last {
            let token = module.token(index)
            let value = module.text(index)
            if token.kind == .punctuator && ["{", "(", "["].contains(value) || token.kind == .templateHead {
                depth += 1
            } else if token.kind == .punctuator && ["}", ")", "]"].contains(value) || token.kind == .templateTail {
                depth -= 1
                if depth == 0 && index != last { return nil }
            }
            if depth == 1 && token.kind == .punctuator && value == "," || index == last {
                let end = index - 1
                if end >= propertyStart {
                    guard let property = Self.property(module, propertyStart...end) else { return nil }
                    properties.append(property)
                }
                propertyStart = index + 1
            }
            index += 1
        }
        let keys = properties.map(\.key)
        guard !keys.isEmpty, Set(keys).count == keys.count else { return nil }
        return properties
    }

    private static func property(_ module: ParsedModule, _ range: ClosedRange<Int>) -> ObjectProperty? {
        let first = module.token(range.lowerBound)
        guard first.kind == .identifier else { return nil }
        let key = module.text(range.lowerBound)
        guard !reservedWords.contains(key) else { return nil }
        if range.count == 1 { return ObjectProperty(key: key, value: nil) }
        guard range.count >= 3, module.text(range.lowerBound + 1) == ":" else { return nil }
        return ObjectProperty(key: key, value: (range.lowerBound + 2)...range.upperBound)
    }

    /// Words that cannot be bound as a `const` name.
    static let reservedWords: Set<String> = [
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
        "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
        "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
        "let", "static", "implements", "interface", "package", "private", "protected", "public", "await", "arguments",
        "eval", "undefined", "NaN", "Infinity",
    ]
}

// MARK: - Rewriting one file

/// How an importer may bind what a specifier leads to.
private enum TargetKind {
    /// One value behind `export =`, a builtin or a CommonJS package: default import.
    case value
    /// An ES module or named exports: namespace or named imports.
    case namespace
}

private struct FileRewriter {
    let path: String
    let module: ParsedModule
    let snapshot: ProjectSnapshot
    let decisions: [String: CommonJSToESModules.FileDecision]
    let parsed: [String: ParsedModule]
    let resolver: ModuleResolver
    let shape: CommonJSToESModules.ExportShape
    var findings: [Finding] = []
    var usedNames: Set<String>
    var edits = TextEdits()
    /// `;` when the statement being rewritten ended with one (the file's style), else "".
    var term = ";"

    init(
        path: String, module: ParsedModule, snapshot: ProjectSnapshot, decisions: [String: CommonJSToESModules.FileDecision],
        parsed: [String: ParsedModule], resolver: ModuleResolver, shape: CommonJSToESModules.ExportShape
    ) {
        self.path = path
        self.module = module
        self.snapshot = snapshot
        self.decisions = decisions
        self.parsed = parsed
        self.resolver = resolver
        self.shape = shape
        var names: Set<String> = []
        for index in module.significant.indices where module.token(index).kind == .identifier {
            names.insert(module.text(index))
        }
        self.usedNames = names
    }

    func text(_ index: Int) -> String { self.module.text(index) }

    /// What `record`'s target is, or nil (with the reason) when the require must stay.
    func target(of record: ImportRecord) -> (TargetKind?, String?) {
        guard let specifier = record.specifier else { return (nil, "computed specifier") }
        switch self.resolver.resolve(specifier, from: self.snapshot.absolute(self.path)) {
        case .builtin:
            return (.value, nil)
        case .notFound:
            return (nil, "cannot resolve '\(specifier)' to check its module format")
        case .file(let file):
            if file.hasSuffix(".json") || file.hasSuffix(".node") {
                return (nil, "loads \(file.hasSuffix(".json") ? "JSON" : "a native addon"), which stays a require")
            }
            if let relative = self.snapshot.relative(file), let decision = self.decisions[relative] {
                let targetModule = self.parsed[relative]
                if decision.convertible {
                    return (decision.shape == .single ? .value : .namespace, nil)
                }
                if let targetModule, !targetModule.exports.contains(where: \.isCommonJS) {
                    return (.namespace, nil)
                }
                return (nil, "'\(specifier)' stays CommonJS (\(decision.reason ?? "not convertible"))")
            }
            guard let text = self.resolver.files.readText(file) else { return (nil, "cannot read '\(specifier)'") }
            if file.hasSuffix(".mjs") { return (nil, "'\(specifier)' is an ES module file (.mjs)") }
            return (text.contains("__esModule") ? .namespace : .value, nil)
        }
    }

    /// A fresh identifier based on the specifier's last component.
    mutating func generatedName(for specifier: String) -> String {
        var base = ModuleResolver.lastComponent(specifier)
        for ext in [".js", ".ts", ".jsx", ".tsx", ".cjs", ".mjs"] where base.hasSuffix(ext) { base = String(base.dropLast(ext.count)) }
        if base == "index" || base == "." || base == ".." || base.isEmpty {
            base = ModuleResolver.lastComponent(ModuleResolver.parent(specifier))
        }
        var name = ""
        var upper = false
        for character in base {
            if character.isLetter || character.isNumber || character == "_" || character == "$" {
                name.append(upper ? Character(character.uppercased()) : character)
                upper = false
            } else {
                upper = !name.isEmpty
            }
        }
        if name.isEmpty || name.first!.isNumber { name = "m" + name }  // safe: checked non-empty first
        var candidate = name + "Module"
        var counter = 2
        while self.usedNames.contains(candidate) {
            candidate = name + "Module\(counter)"
            counter += 1
        }
        self.usedNames.insert(candidate)
        return candidate
    }

    func importLine(_ kind: TargetKind, _ name: String, _ specifierLiteral: String) -> String {
        kind == .namespace ? "import * as \(name) from \(specifierLiteral)\(self.term)" : "import \(name) from \(specifierLiteral)\(self.term)"
    }

    /// True when `name` is assigned anywhere except at token `declaration`.
    func isReassigned(_ name: String, declaration: Int) -> Bool {
        let assignments: Set<String> = ["=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=", "??="]
        for index in self.module.significant.indices where index != declaration && self.module.token(index).kind == .identifier {
            guard self.text(index) == name else { continue }
            if self.text(index - 1) == "." || self.text(index - 1) == "?." { continue }
            if assignments.contains(self.text(index + 1)) || self.text(index + 1) == "++" || self.text(index + 1) == "--"
                || self.text(index - 1) == "++" || self.text(index - 1) == "--"
            {
                return true
            }
        }
        return false
    }

    mutating func rewrite() -> String {
        var requiresByStatement: [Int: [ImportRecord]] = [:]
        for record in self.module.imports where record.kind == .require {
            guard let specifier = record.specifier else {
                self.findings.append(Finding(self.path, line: record.line, "left require(…) as is: computed specifier"))
                continue
            }
            guard record.context.isUnconditionalTopLevel else {
                let why = record.context.inFunction ? "inside a function (loaded lazily)" : "conditional"
                self.findings.append(Finding(self.path, line: record.line, "left require('\(specifier)') as is: \(why)"))
                continue
            }
            guard let statement = record.statementIndex else { continue }
            requiresByStatement[statement, default: []].append(record)
        }
        let exportStatements = Set(self.module.exports.compactMap { $0.isCommonJS ? $0.statementIndex : nil })
        // Imports run before the module body, so a require after top-level code that does
        // something (`process.env.X = 1`, `setup()`) must stay where it is.
        var sideEffectLine: Int?
        for (index, statement) in self.module.statements.enumerated() {
            var requires = requiresByStatement[index] ?? []
            let isExport = exportStatements.contains(index)
            if let line = sideEffectLine, !requires.isEmpty {
                for record in requires {
                    self.findings.append(
                        Finding(self.path, line: record.line, "left require('\(record.specifier ?? "")') as is: it runs after top-level code with effects (line \(line)), and an import would run first"))
                }
                requires = []
            }
            if sideEffectLine == nil && !isExport && self.isEffectfulStatement(statement, index: index, requires: requiresByStatement[index] ?? []) {
                sideEffectLine = self.module.token(statement.first).line
            }
            if requires.isEmpty && !isExport { continue }
            if let replacement = self.rewriteStatement(statement, requires: requires, isExport: isExport) {
                self.edits.replace(statement.start..<statement.end, with: replacement)
            }
        }
        return self.edits.apply(to: self.module.source.bytes)
    }

    /// True for a top-level expression statement that is not a directive, an export assignment
    /// or a bare `require('x')` (declarations only bind names and define functions and classes).
    func isEffectfulStatement(_ statement: TopLevelStatement, index: Int, requires: [ImportRecord]) -> Bool {
        let first = self.module.token(statement.first)
        let text = self.text(statement.first)
        if first.kind == .string && (statement.last == statement.first || self.text(statement.last) == ";" && statement.last == statement.first + 1) {
            return false  // 'use strict'
        }
        let declarations: Set<String> = ["const", "let", "var", "function", "class", "async", "import", "export", "module", "exports", "type", "interface", "declare"]
        if first.kind == .identifier && declarations.contains(text) { return false }
        if text == "require" && !requires.isEmpty && self.isBareStatement(statement, statement.first) { return false }
        if first.kind == .punctuator && text == ";" { return false }
        return true
    }

    /// The new text of one statement, or nil to keep it.
    mutating func rewriteStatement(_ statement: TopLevelStatement, requires: [ImportRecord], isExport: Bool) -> String? {
        self.term = self.text(statement.last) == ";" ? ";" : ""
        var usable: [(ImportRecord, TargetKind)] = []
        for record in requires {
            let (kind, reason) = self.target(of: record)
            if let kind {
                usable.append((record, kind))
            } else {
                self.findings.append(Finding(self.path, line: record.line, "left require('\(record.specifier ?? "")') as is: \(reason ?? "")"))
            }
        }
        if !isExport, let declaration = self.declarationImports(statement, usable) { return declaration }
        // Generic: replace each usable require(...) by a generated name imported before the statement.
        var inner = TextEdits()
        var prefix: [String] = []
        var replaced: [Int: String] = [:]  // token index of `require` → name
        for (record, kind) in usable {
            guard let range = record.specifierRange,
                let literalIndex = (statement.first...statement.last).first(where: { self.module.token($0).start == range.lowerBound }),
                literalIndex >= 2, self.text(literalIndex - 2) == "require"
            else { continue }
            let requireIndex = literalIndex - 2
            let literal = self.module.source.text(range)
            if self.isBareStatement(statement, requireIndex) {
                return "import \(literal)\(self.term)"
            }
            let name = self.generatedName(for: record.specifier ?? "")
            prefix.append(self.importLine(kind, name, literal))
            inner.replace(self.module.token(requireIndex).start..<self.module.token(requireIndex + 3).end, with: name)
            replaced[requireIndex] = name
        }
        var body: String
        if isExport {
            body = self.rewriteExport(statement, inner: inner)
        } else {
            if inner.isEmpty { return nil }
            body = inner.apply(to: self.module.source.bytes, within: statement.start..<statement.end)
        }
        return (prefix + [body]).joined(separator: "\n")
    }

    func isBareStatement(_ statement: TopLevelStatement, _ requireIndex: Int) -> Bool {
        var last = statement.last
        if self.text(last) == ";" { last -= 1 }
        return requireIndex == statement.first && last == requireIndex + 3
    }

    /// `const x = require('x')`, `const { a } = require('x')`, `const y = require('x').y`, and
    /// lists of them, as import declarations; nil when the statement is anything else.
    mutating func declarationImports(_ statement: TopLevelStatement, _ usable: [(ImportRecord, TargetKind)]) -> String? {
        guard ["const", "let", "var"].contains(self.text(statement.first)) else { return nil }
        var last = statement.last
        if self.text(last) == ";" { last -= 1 }
        // Split the declarators at depth-0 commas.
        var declarators: [ClosedRange<Int>] = []
        var depth = 0
        var start = statement.first + 1
        var index = start
        while index <= last {
            let value = self.text(index)
            let kind = self.module.token(index).kind
            if kind == .punctuator && ["{", "(", "["].contains(value) || kind == .templateHead { depth += 1 }
            if kind == .punctuator && ["}", ")", "]"].contains(value) || kind == .templateTail { depth -= 1 }
            if depth == 0 && kind == .punctuator && value == "," {
                declarators.append(start...(index - 1))
                start = index + 1
            }
            index += 1
        }
        if start <= last { declarators.append(start...last) }
        var lines: [String] = []
        for declarator in declarators {
            guard let line = self.declaratorImport(declarator, usable) else { return nil }
            lines.append(line)
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    func declaratorImport(_ range: ClosedRange<Int>, _ usable: [(ImportRecord, TargetKind)]) -> String? {
        let first = range.lowerBound
        // Find `= require ( 'x' )` in the declarator.
        guard let equals = (first...range.upperBound).first(where: { self.text($0) == "=" }),
            self.text(equals + 1) == "require", self.text(equals + 2) == "(", self.text(equals + 4) == ")"
        else { return nil }
        let literalToken = self.module.token(equals + 3)
        guard let (record, kind) = usable.first(where: { $0.0.specifierRange == literalToken.range }) else { return nil }
        let literal = self.module.source.text(literalToken.range)
        _ = record
        let afterCall = equals + 5
        // const x = require('x')
        if equals == first + 1, self.module.token(first).kind == .identifier, afterCall == range.upperBound + 1 {
            let name = self.text(first)
            if self.isReassigned(name, declaration: first) { return nil }
            return kind == .namespace ? "import * as \(name) from \(literal)\(self.term)" : "import \(name) from \(literal)\(self.term)"
        }
        // const y = require('x').p
        if equals == first + 1, self.module.token(first).kind == .identifier, afterCall + 1 == range.upperBound,
            self.text(afterCall) == ".", self.module.token(afterCall + 1).kind == .identifier
        {
            let name = self.text(first)
            let property = self.text(afterCall + 1)
            if self.isReassigned(name, declaration: first) || property == "default" { return nil }
            return property == name ? "import { \(name) } from \(literal)\(self.term)" : "import { \(property) as \(name) } from \(literal)\(self.term)"
        }
        // const { a, b: c } = require('x')
        if self.text(first) == "{", self.text(equals - 1) == "}", afterCall == range.upperBound + 1, kind == .namespace || self.isBuiltinOrPackage(record) {
            var bindings: [String] = []
            var cursor = first + 1
            while cursor < equals - 1 {
                guard self.module.token(cursor).kind == .identifier else { return nil }
                let imported = self.text(cursor)
                var local = imported
                cursor += 1
                if self.text(cursor) == ":" {
                    guard self.module.token(cursor + 1).kind == .identifier else { return nil }
                    local = self.text(cursor + 1)
                    cursor += 2
                }
                if imported == "default" || self.isReassigned(local, declaration: -1) { return nil }
                bindings.append(imported == local ? imported : "\(imported) as \(local)")
                if self.text(cursor) == "," {
                    cursor += 1
                } else if cursor != equals - 1 {
                    return nil
                }
            }
            return "import { \(bindings.joined(separator: ", ")) } from \(literal)\(self.term)"
        }
        return nil
    }

    func isBuiltinOrPackage(_ record: ImportRecord) -> Bool {
        !record.isRelative
    }

    /// The export statement rewritten; `inner` holds replacements of requires inside it.
    mutating func rewriteExport(_ statement: TopLevelStatement, inner: TextEdits) -> String {
        let bytes = self.module.source.bytes
        var last = statement.last
        if self.text(last) == ";" { last -= 1 }
        func rendered(_ range: ClosedRange<Int>) -> String {
            inner.apply(to: bytes, within: self.module.token(range.lowerBound).start..<self.module.token(range.upperBound).end)
        }
        let isModuleExports = self.text(statement.first) == "module"
        let exportsIndex = isModuleExports ? statement.first + 2 : statement.first
        if self.text(exportsIndex + 1) == "=" {
            // module.exports = value
            if self.shape == .named, let properties = CommonJSToESModules.objectLiteralExports(self.module, statement) {
                var lines: [String] = []
                var simple: [String] = []
                for property in properties {
                    guard let value = property.value else {
                        simple.append(property.key)
                        continue
                    }
                    let valueText = rendered(value)
                    lines.append(self.namedExport(property.key, valueText, statement: statement))
                }
                if !simple.isEmpty { lines.append("export { \(simple.joined(separator: ", ")) }\(self.term)") }
                return lines.joined(separator: "\n")
            }
            return "export = " + rendered((exportsIndex + 2)...last) + "\(self.term)"
        }
        // exports.name = value
        let name = self.text(exportsIndex + 2)
        return self.namedExport(name, rendered((exportsIndex + 4)...last), statement: statement)
    }

    /// `export { local as name }`, `export const name = value`, or a generated local and an export.
    mutating func namedExport(_ name: String, _ value: String, statement: TopLevelStatement) -> String {
        let isIdentifier = !value.isEmpty && value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
            && !(value.first?.isNumber ?? true)
        if isIdentifier && (self.module.topLevelNames.contains(value) || self.usedNames.contains(value) && value.hasSuffix("Module"))
            && !CommonJSToESModules.reservedWords.contains(value)
        {
            return value == name ? "export { \(name) }\(self.term)" : "export { \(value) as \(name) }\(self.term)"
        }
        if !CommonJSToESModules.reservedWords.contains(name) && !self.isFreeIdentifierElsewhere(name, statement: statement) {
            return "export const \(name) = \(value)\(self.term)"
        }
        var local = "_" + name
        while self.usedNames.contains(local) { local = "_" + local }
        self.usedNames.insert(local)
        return "const \(local) = \(value)\(self.term)\nexport { \(local) as \(name) }\(self.term)"
    }

    /// True when `name` is used as a variable (not a property name) outside `statement`.
    func isFreeIdentifierElsewhere(_ name: String, statement: TopLevelStatement) -> Bool {
        for index in self.module.significant.indices where !(statement.first...statement.last).contains(index) {
            guard self.module.token(index).kind == .identifier, self.text(index) == name else { continue }
            if self.text(index - 1) == "." || self.text(index - 1) == "?." { continue }
            if self.text(index + 1) == ":" && (self.text(index - 1) == "{" || self.text(index - 1) == ",") { continue }
            return true
        }
        return false
    }
}
