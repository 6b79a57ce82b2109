import Basics
import CodeIndex

/// Step 5: make `tsc --noEmit` pass with the smallest annotations, reading tsc's own diagnostics.
///
/// Matches: every diagnostic of the real compiler, round after round, until none is left (or a
/// round fixes nothing).
///
/// Rewrites, most specific first:
/// - missing Node globals (`require`, `module`, `process`, …; TS2580/2591/2304) →
///   `declare var name: any;` in `seam-migration.d.ts`; missing packages (TS2307/TS7016) →
///   `declare module 'name';` there;
/// - a property assigned on `this` that a class never declared (TS2339 inside the class) →
///   `declare name: any;` in the class body (no emitted code, so behaviour is unchanged);
/// - other missing properties (TS2339/TS2551) → `(object as any).name`;
/// - too few arguments for a function declared in the same file (TS2554) → the missing
///   parameters become optional; too many → a trailing `...args: any[]` rest parameter;
/// - an implicit-any parameter or variable (TS7006/TS7034/TS7005, under noImplicitAny) → `: any`;
/// - an unused `@ts-expect-error` (TS2578) → removed;
/// - anything else → `// @ts-expect-error TSnnnn: <message>` on the line before, the last resort.
package struct FixTypeErrors: Codemod {
    package var name: String { "fix-errors" }
    package var summary: String { "run tsc and add minimal annotations until it reports 0 errors" }

    /// The declarations file this step writes.
    package static let shimFile = "seam-migration.d.ts"
    /// Rounds of tsc before giving up.
    package var maximumRounds = 8
    /// Extra compiler flags (the ratchet passes `--noImplicitAny true`).
    package var extraArguments: [String] = []

    package init(extraArguments: [String] = []) {
        self.extraArguments = extraArguments
    }

    package func run(on snapshot: ProjectSnapshot, context: CodemodContext) throws -> CodemodResult {
        var result = CodemodResult()
        guard let compiler = context.compiler else {
            result.findings.append(Finding("", "not checked: tsc not found (install node-typescript or typescript in node_modules)"))
            return result
        }
        guard snapshot.files["tsconfig.json"] != nil else {
            result.findings.append(Finding("tsconfig.json", "not checked: no tsconfig.json (run the tsconfig step first)"))
            return result
        }
        var current = snapshot
        let scratch = try ScratchDirectory(label: "fix")
        defer { scratch.remove() }
        try scratch.materialize(current)
        var remaining: [TypeScriptCompiler.Diagnostic] = []
        var previous = current
        var frozen: Set<String> = []
        var checkedCurrent = false
        for _ in 0..<self.maximumRounds {
            let check = try compiler.check(directory: scratch.path, extraArguments: self.extraArguments)
            remaining = check.diagnostics
            checkedCurrent = true
            // A syntax error (TS1xxx) in a file the last round edited means a fix was wrong: put
            // that file back and leave it alone from now on.
            let broken = Set(remaining.filter { (1000..<2000).contains($0.code) && current.files[$0.file] != previous.files[$0.file] }.map(\.file))
            if !broken.isEmpty {
                for file in broken {
                    current.files[file] = previous.files[file]
                    frozen.insert(file)
                    if let text = previous.files[file] { try ProjectSnapshot(root: scratch.path, files: [file: text]).write(to: scratch.path) }
                    result.findings.append(Finding(file, "a fix broke the syntax; the file was left as it was before that round"))
                }
                checkedCurrent = false
                continue
            }
            remaining = remaining.filter { !frozen.contains($0.file) }
            if remaining.isEmpty { break }
            previous = current
            // Structural fixes first (declarations, class fields, parameter lists), which often fix
            // many diagnostics at once; local fallbacks only when no structural fix applies.
            var fixer = DiagnosticFixer(snapshot: current)
            fixer.fix(remaining, fallbacks: false)
            var next = fixer.snapshot
            if next == current {
                fixer = DiagnosticFixer(snapshot: current)
                fixer.fix(remaining, fallbacks: true)
                next = fixer.snapshot
            }
            if next == current { break }
            for change in current.changes(to: next) {
                if let path = change.newPath, let text = change.newText {
                    try ProjectSnapshot(root: scratch.path, files: [path: text]).write(to: scratch.path)
                }
            }
            current = next
            checkedCurrent = false
        }
        if !checkedCurrent {
            remaining = (try compiler.check(directory: scratch.path, extraArguments: self.extraArguments)).diagnostics
        }
        for diagnostic in remaining {
            result.findings.append(Finding(diagnostic.file, line: diagnostic.line, "still failing: TS\(diagnostic.code): \(diagnostic.message)"))
        }
        result.changes = snapshot.changes(to: current)
        return result
    }
}

// MARK: - Fixing one round of diagnostics

/// Node's globals, declared as `any` when no type definitions for Node are installed.
private let nodeGlobals: Set<String> = [
    "require", "module", "exports", "process", "Buffer", "__dirname", "__filename", "global", "setImmediate",
    "clearImmediate",
]

private struct DiagnosticFixer {
    var snapshot: ProjectSnapshot
    var shimDeclarations: [String] = []

    init(snapshot: ProjectSnapshot) {
        self.snapshot = snapshot
    }

    mutating func fix(_ diagnostics: [TypeScriptCompiler.Diagnostic], fallbacks: Bool) {
        var byFile: [String: [TypeScriptCompiler.Diagnostic]] = [:]
        for diagnostic in diagnostics {
            if let global = self.globalFix(diagnostic) {
                if !self.shimDeclarations.contains(global) { self.shimDeclarations.append(global) }
                continue
            }
            guard self.snapshot.files[diagnostic.file] != nil, !diagnostic.file.hasSuffix(".d.ts") else { continue }
            byFile[diagnostic.file, default: []].append(diagnostic)
        }
        // Argument-count errors are fixed at the callee's declaration, which may be in another file.
        var parameterFixes: [String: [ParameterFix]] = [:]
        for (file, diagnostics) in byFile {
            guard let text = self.snapshot.files[file] else { continue }
            let fixer = FileFixer(path: file, text: text, fallbacks: fallbacks)
            var kept: [TypeScriptCompiler.Diagnostic] = []
            for diagnostic in diagnostics {
                if diagnostic.code == 2554, let fix = fixer.parameterFix(for: diagnostic),
                    let target = self.declaringFile(of: fix.name, usedIn: file, module: fixer.module)
                {
                    parameterFixes[target.file, default: []].append(ParameterFix(name: target.name, got: fix.got, tooMany: fix.tooMany))
                } else {
                    kept.append(diagnostic)
                }
            }
            byFile[file] = kept
        }
        for file in Set(byFile.keys).union(parameterFixes.keys) {
            guard let text = self.snapshot.files[file] else { continue }
            var fileFixer = FileFixer(path: file, text: text, fallbacks: fallbacks)
            fileFixer.parameterFixes = parameterFixes[file] ?? []
            fileFixer.fix(byFile[file] ?? [])
            self.snapshot.files[file] = fileFixer.result()
        }
        self.writeShims()
    }

    /// The file and local name declaring `name` as used in `file`: the file itself, or the module
    /// an import binding of that name comes from (following `export = local` and named exports).
    func declaringFile(of name: String, usedIn file: String, module: ParsedModule) -> (file: String, name: String)? {
        let probe = FileFixer(path: file, text: self.snapshot.files[file] ?? "", fallbacks: false)
        if probe.declarationParameters(named: name) != nil { return (file, name) }
        for record in module.imports where record.kind == .esImport {
            var exported: String?
            if record.defaultBinding == name { exported = "default" }
            if let binding = record.namedBindings.first(where: { $0.local == name }) { exported = binding.imported }
            guard let exported, let specifier = record.specifier, record.isRelative else { continue }
            let resolver = ModuleResolver(files: SnapshotFileLookup(self.snapshot), globalFolders: [])
            guard case .file(let path) = resolver.resolve(specifier, from: self.snapshot.absolute(file)),
                let target = self.snapshot.relative(path), let text = self.snapshot.files[target]
            else { return nil }
            let targetFixer = FileFixer(path: target, text: text, fallbacks: false)
            let local = exported == "default" ? targetFixer.exportEqualsName() : exported
            guard let local, targetFixer.declarationParameters(named: local) != nil else { return nil }
            return (target, local)
        }
        return nil
    }

    /// A declaration for the shim file that fixes `diagnostic`, if it is about a missing global or module.
    func globalFix(_ diagnostic: TypeScriptCompiler.Diagnostic) -> String? {
        switch diagnostic.code {
        case 2580, 2591, 2592, 2304, 2662, 2552:
            guard let name = quoted(diagnostic.message), nodeGlobals.contains(name) else { return nil }
            return name == "require" ? "declare var require: any;" : "declare var \(name): any;"
        case 2307, 7016:
            guard let name = quoted(diagnostic.message), !name.hasPrefix("."), !name.hasPrefix("/") else { return nil }
            return "declare module '\(name)';"
        default:
            return nil
        }
    }

    mutating func writeShims() {
        guard !self.shimDeclarations.isEmpty else { return }
        let path = FixTypeErrors.shimFile
        var text = self.snapshot.files[path]
            ?? "// Declarations added by `seam migrate js-to-ts` so tsc can check code that uses Node's globals and\n// packages without type definitions. Replace them with @types packages when you can.\n"
        for declaration in self.shimDeclarations where !text.contains(declaration) {
            text += declaration + "\n"
        }
        self.snapshot.files[path] = text
        // Make sure tsconfig.json includes it.
        if let configText = self.snapshot.files["tsconfig.json"], var config = try? JSONValue.parse(configText),
            case .array(var include) = config["include"] ?? .null,
            !include.contains(.string(path)) && !include.contains(.string("**/*"))
        {
            include.append(.string(path))
            config.set("include", .array(include))
            self.snapshot.files["tsconfig.json"] = config.formatted() + "\n"
        }
    }
}

/// The first '…'-quoted name in a message.
private func quoted(_ message: String) -> String? {
    let parts = message.split(separator: "'", omittingEmptySubsequences: false)
    guard parts.count >= 3 else { return nil }
    return String(parts[1])
}

/// A parameter list to loosen: make parameters from `got` on optional, or accept extra arguments.
private struct ParameterFix {
    var name: String
    var got: Int
    var tooMany: Bool
}

/// Every '…'-quoted name in a message, in order.
private func quotedNames(_ message: String) -> [String] {
    let parts = message.split(separator: "'", omittingEmptySubsequences: false)
    return stride(from: 1, to: parts.count - 1, by: 2).map { String(parts[$0]) }
}

/// Fixes for the diagnostics of one file, collected as edits on the original text.
private struct FileFixer {
    let path: String
    let module: ParsedModule
    var edits = TextEdits()
    var expectErrorLines: [Int: String] = [:]
    var removedLines: Set<Int> = []
    var classFields: [Int: [String]] = [:]  // class body `{` offset → names
    var wrapped: Set<Int> = []
    var touchedDeclarations: Set<Int> = []

    /// Parameter lists to adjust in this file (from argument-count errors anywhere).
    var parameterFixes: [ParameterFix] = []
    /// Whether local fallbacks (`as any`, `: any`, `@ts-expect-error`) may be used this round.
    let fallbacks: Bool

    init(path: String, text: String, fallbacks: Bool) {
        self.path = path
        self.module = ParsedModule(text, jsx: path.hasSuffix("x"))
        self.fallbacks = fallbacks
    }

    var source: SourceText { self.module.source }

    mutating func fix(_ diagnostics: [TypeScriptCompiler.Diagnostic]) {
        for diagnostic in diagnostics.sorted(by: { ($0.line, $0.column) < ($1.line, $1.column) }) {
            if diagnostic.code == 2578 {
                self.removeUnusedDirective(diagnostic)
                continue
            }
            if !self.applySpecificFix(diagnostic) && self.fallbacks {
                self.addExpectError(diagnostic)
            }
        }
        var merged: [String: ParameterFix] = [:]
        for fix in self.parameterFixes where !fix.tooMany {
            merged[fix.name] = merged[fix.name].map { ParameterFix(name: fix.name, got: min($0.got, fix.got), tooMany: false) } ?? fix
        }
        for fix in merged.values { self.adjustParameters(fix) }
        for fix in self.parameterFixes where fix.tooMany && merged[fix.name] == nil { self.adjustParameters(fix) }
        for (brace, names) in self.classFields {
            let braceLine = self.source.line(of: brace)
            var indentation = self.source.indentation(ofLine: braceLine + 1)
            if indentation.count <= self.source.indentation(ofLine: braceLine).count {
                indentation = self.source.indentation(ofLine: braceLine) + "  "
            }
            let lines = names.map { "\n" + indentation + "declare \($0): any;" }.joined()
            self.edits.insert(lines, at: brace + 1)
        }
        for (line, comment) in self.expectErrorLines where !self.removedLines.contains(line) {
            let start = self.source.lineStarts[line - 1]
            self.edits.insert(self.source.indentation(ofLine: line) + comment + "\n", at: start)
        }
    }

    func result() -> String {
        self.edits.apply(to: self.source.bytes)
    }

    /// Index of the significant token starting at `offset`.
    func tokenIndex(at offset: Int) -> Int? {
        var low = 0
        var high = self.module.significant.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let token = self.module.token(middle)
            if token.start == offset { return middle }
            if token.start < offset { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    func text(_ index: Int) -> String { self.module.text(index) }

    mutating func applySpecificFix(_ diagnostic: TypeScriptCompiler.Diagnostic) -> Bool {
        guard let offset = self.source.offset(line: diagnostic.line, utf16Column: diagnostic.column),
            let index = self.tokenIndex(at: offset)
        else { return false }
        switch diagnostic.code {
        case 2339, 2551:
            return self.fixMissingProperty(diagnostic, index)
        case 7006, 7034, 7005, 7019:
            // Parameter or variable implicitly any: annotate at its declaration (the token at the position).
            guard diagnostic.code != 7005 else { return false }
            guard self.module.token(index).kind == .identifier, !self.touchedDeclarations.contains(index) else { return false }
            let next = self.text(index + 1)
            guard next != ":" else { return false }
            self.touchedDeclarations.insert(index)
            let type = diagnostic.code == 7019 ? ": any[]" : ": any"
            if next == "?" {
                self.edits.insert(type, at: self.module.token(index + 1).end)
                return true
            }
            if diagnostic.code == 7019 {
                self.edits.insert(type, at: self.module.token(index).end)
                return true
            }
            if next == "=>" {
                // A bare arrow parameter `x => …` needs parentheses to carry a type.
                self.edits.insert("(", at: self.module.token(index).start)
                self.edits.insert(": any)", at: self.module.token(index).end)
            } else {
                self.edits.insert(": any", at: self.module.token(index).end)
            }
            return true
        default:
            return false
        }
    }

    /// Unused '@ts-expect-error' directive: remove the comment line (only ones this step writes).
    mutating func removeUnusedDirective(_ diagnostic: TypeScriptCompiler.Diagnostic) {
        let range = self.source.lineRange(diagnostic.line)
        let lineText = self.source.text(range).trimmingSpaces()
        guard lineText.hasPrefix("// @ts-expect-error TS"), !self.removedLines.contains(diagnostic.line) else { return }
        self.removedLines.insert(diagnostic.line)
        let end = diagnostic.line < self.source.lineStarts.count ? self.source.lineStarts[diagnostic.line] : range.upperBound
        self.edits.replace(self.source.lineStarts[diagnostic.line - 1]..<end, with: "")
    }

    /// `this.name` in a class → `declare name: any;` in the class; `object.name` → `(object as any).name`.
    mutating func fixMissingProperty(_ diagnostic: TypeScriptCompiler.Diagnostic, _ index: Int) -> Bool {
        guard index >= 2, self.text(index - 1) == "." || self.text(index - 1) == "?." else { return false }
        let name = self.text(index)
        if self.text(index - 2) == "this", let brace = self.enclosingClassBody(of: index),
            let typeName = quotedNames(diagnostic.message).dropFirst().first,
            typeName == self.className(bodyBrace: brace) || typeName == "this"
        {
            var names = self.classFields[self.module.token(brace).start] ?? []
            if !names.contains(name) { names.append(name) }
            self.classFields[self.module.token(brace).start] = names
            return true
        }
        guard self.fallbacks, let start = self.objectStart(endingBefore: index - 1) else { return false }
        if self.wrapped.contains(start) { return true }
        self.wrapped.insert(start)
        let startOffset = self.module.token(start).start
        let endOffset = self.module.token(index - 2).end
        guard self.source.line(of: startOffset) == self.source.line(of: endOffset) else { return false }
        self.edits.insert("(", at: startOffset)
        self.edits.insert(" as any)", at: endOffset)
        return true
    }

    /// The first token of the member-access chain ending at token `last` (inclusive of `last - 1`).
    func objectStart(endingBefore dot: Int) -> Int? {
        var cursor = dot - 1
        while cursor >= 0 {
            let value = self.text(cursor)
            let kind = self.module.token(cursor).kind
            if kind == .punctuator && (value == ")" || value == "]") {
                // Skip the balanced group.
                let open = value == ")" ? "(" : "["
                var depth = 0
                while cursor >= 0 {
                    if self.text(cursor) == value { depth += 1 }
                    if self.text(cursor) == open {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    cursor -= 1
                }
                guard cursor > 0 else { return nil }
                // A parenthesised expression at the start: done.
                let before = self.text(cursor - 1)
                let beforeKind = self.module.token(cursor - 1).kind
                if open == "(" && !(beforeKind == .identifier && !["return", "typeof", "new", "in", "of", "await", "void", "case", "delete"].contains(before)) && before != ")" && before != "]" {
                    return cursor
                }
                cursor -= 1
                continue
            }
            guard kind == .identifier || kind == .string || kind == .number || kind == .templateNoSubstitution else { return nil }
            if ["return", "typeof", "new", "in", "of", "await", "void", "case", "delete", "throw", "instanceof"].contains(value) {
                return nil
            }
            if cursor > 0 && (self.text(cursor - 1) == "." || self.text(cursor - 1) == "?.") {
                cursor -= 2
                continue
            }
            if cursor > 0 && self.text(cursor - 1) == "new" { return nil }
            return cursor
        }
        return nil
    }

    /// The `{` token index of the class body containing token `index`, if its `this` is the class.
    func enclosingClassBody(of index: Int) -> Int? {
        var depth = 0
        var cursor = index - 1
        var crossedFunction = false
        while cursor >= 0 {
            let value = self.text(cursor)
            if self.module.token(cursor).kind == .punctuator {
                if value == "}" { depth += 1 }
                if value == "{" {
                    if depth == 0 {
                        // What opened this brace?
                        if let classIndex = self.classKeyword(forBrace: cursor) { return crossedFunction ? nil : classIndex }
                        // A method body `name(…) {` keeps `this`; a `function` body does not.
                        if self.isFunctionKeywordBody(cursor) { crossedFunction = true }
                    } else {
                        depth -= 1
                    }
                }
            }
            cursor -= 1
        }
        return nil
    }

    /// When `{` at `brace` opens a class body, returns `brace`.
    func classKeyword(forBrace brace: Int) -> Int? {
        var cursor = brace - 1
        var steps = 0
        while cursor >= 0 && steps < 40 {
            let value = self.text(cursor)
            if value == "class" && self.module.token(cursor).kind == .identifier { return brace }
            if [";", "{", "}", "=>", ")"].contains(value) && self.module.token(cursor).kind == .punctuator { return nil }
            cursor -= 1
            steps += 1
        }
        return nil
    }

    func className(bodyBrace brace: Int) -> String? {
        var cursor = brace - 1
        while cursor >= 0 && self.text(cursor) != "class" { cursor -= 1 }
        guard cursor >= 0, self.module.token(cursor + 1).kind == .identifier, self.text(cursor + 1) != "extends" else { return nil }
        return self.text(cursor + 1)
    }

    func isFunctionKeywordBody(_ brace: Int) -> Bool {
        guard self.text(brace - 1) == ")" else { return false }
        var depth = 0
        var cursor = brace - 1
        while cursor >= 0 {
            if self.text(cursor) == ")" { depth += 1 }
            if self.text(cursor) == "(" {
                depth -= 1
                if depth == 0 { break }
            }
            cursor -= 1
        }
        return cursor >= 1 && (self.text(cursor - 1) == "function" || (cursor >= 2 && self.text(cursor - 2) == "function"))
    }

    /// The callee of an "Expected N arguments, but got M" error, when it is a plain name.
    func parameterFix(for diagnostic: TypeScriptCompiler.Diagnostic) -> (name: String, got: Int, tooMany: Bool)? {
        guard let offset = self.source.offset(line: diagnostic.line, utf16Column: diagnostic.column),
            let index = self.tokenIndex(at: offset)
        else { return nil }
        let numbers = diagnostic.message.split { !$0.isNumber }.compactMap { Int($0) }
        guard numbers.count >= 2 else { return nil }
        let expected = numbers[0]
        let got = numbers[numbers.count - 1]
        // Too few: the position is the call's start (`new` included); too many: an extra argument.
        var nameIndex: Int?
        if got < expected {
            var cursor = index
            if self.text(cursor) == "new" { cursor += 1 }
            guard self.module.token(cursor).kind == .identifier, self.text(cursor + 1) == "(" else { return nil }
            nameIndex = cursor
        } else {
            var depth = 0
            var cursor = index - 1
            while cursor >= 0 {
                let value = self.text(cursor)
                if value == ")" || value == "]" || value == "}" { depth += 1 }
                if value == "(" || value == "[" || value == "{" {
                    if depth == 0 { break }
                    depth -= 1
                }
                cursor -= 1
            }
            guard cursor > 0, self.text(cursor) == "(", self.module.token(cursor - 1).kind == .identifier,
                self.text(cursor - 2) != "." && self.text(cursor - 2) != "?."
            else { return nil }
            nameIndex = cursor - 1
        }
        guard let nameIndex else { return nil }
        return (self.text(nameIndex), got, got > expected)
    }

    /// The local name in `export = name`, if the file has one.
    func exportEqualsName() -> String? {
        for index in 0..<self.module.significant.count where self.text(index) == "export" && self.text(index + 1) == "=" {
            if self.module.token(index + 2).kind == .identifier { return self.text(index + 2) }
        }
        return nil
    }

    /// Makes parameters from position `got` on optional, or adds a rest parameter for extra arguments.
    mutating func adjustParameters(_ fix: ParameterFix) {
        guard let parameters = self.declarationParameters(named: fix.name), !self.touchedDeclarations.contains(parameters.open) else {
            return
        }
        self.touchedDeclarations.insert(parameters.open)
        if !fix.tooMany {
            for (position, parameter) in parameters.names.enumerated() where position >= fix.got {
                let next = self.text(parameter + 1)
                if next == "?" || next == "=" || self.text(parameter - 1) == "..." { continue }
                if self.module.token(parameter).kind != .identifier { continue }
                self.edits.insert("?", at: self.module.token(parameter).end)
            }
        } else if !parameters.names.contains(where: { self.text($0 - 1) == "..." }) {
            let closing = self.module.token(parameters.close)
            self.edits.insert(parameters.names.isEmpty ? "...args: any[]" : ", ...args: any[]", at: closing.start)
        }
    }

    /// The parameter list of `function name(…)`, `name(…) {` (a method) or `name = function (…)`,
    /// when exactly one such declaration exists in this file.
    func declarationParameters(named name: String) -> (open: Int, close: Int, names: [Int])? {
        var found: [(Int, Int)] = []
        for index in 0..<self.module.significant.count where self.text(index) == name && self.module.token(index).kind == .identifier {
            var open: Int?
            if self.text(index - 1) == "function" && self.text(index + 1) == "(" {
                open = index + 1
            } else if self.text(index + 1) == "=" && self.text(index + 2) == "function" {
                open = self.text(index + 3) == "(" ? index + 3 : (self.text(index + 4) == "(" ? index + 4 : nil)
            } else if ["const", "let", "var"].contains(self.text(index - 1)) && self.text(index + 1) == "=" {
                let start = self.text(index + 2) == "async" ? index + 3 : index + 2
                if self.text(start) == "(" { open = start }
            } else if self.text(index - 1) == "class" {
                // The constructor inside the class body.
                var cursor = index + 1
                while cursor < self.module.significant.count && self.text(cursor) != "{" { cursor += 1 }
                var depth = 0
                while cursor < self.module.significant.count {
                    let value = self.text(cursor)
                    if value == "{" { depth += 1 }
                    if value == "}" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    if depth == 1 && value == "constructor" && self.text(cursor + 1) == "(" {
                        open = cursor + 1
                        break
                    }
                    cursor += 1
                }
            }
            guard let open else { continue }
            var depth = 0
            var cursor = open
            while cursor < self.module.significant.count {
                if self.text(cursor) == "(" { depth += 1 }
                if self.text(cursor) == ")" {
                    depth -= 1
                    if depth == 0 { break }
                }
                cursor += 1
            }
            found.append((open, cursor))
        }
        guard found.count == 1, let (open, close) = found.first else { return nil }
        // Top-level parameter names (first identifier of each comma-separated part).
        var names: [Int] = []
        var depth = 0
        var expecting = true
        for cursor in (open + 1)..<close {
            let value = self.text(cursor)
            if ["(", "[", "{"].contains(value) { depth += 1 }
            if [")", "]", "}"].contains(value) { depth -= 1 }
            if depth == 0 && value == "," {
                expecting = true
                continue
            }
            if depth == 0 && expecting && value != "..." {
                names.append(cursor)
                expecting = false
            } else if depth > 0 && expecting {
                names.append(cursor)
                expecting = false
            }
        }
        return (open, close, names)
    }

    /// The last resort: `// @ts-expect-error TSnnnn: message` on the line before.
    mutating func addExpectError(_ diagnostic: TypeScriptCompiler.Diagnostic) {
        let line = diagnostic.line
        guard line >= 1, line <= self.source.lineStarts.count, self.expectErrorLines[line] == nil else { return }
        let start = self.source.lineStarts[line - 1]
        // A directive already above this line did not cover the error; another would not either.
        if line > 1 && self.source.text(self.source.lineRange(line - 1)).trimmingSpaces().hasPrefix("// @ts-expect-error") { return }
        // Never inside a multi-line string, template, comment or JSX text.
        if self.module.tokens.contains(where: { $0.start < start && $0.end > start }) { return }
        let firstLine = diagnostic.message.split(separator: "\n").first.map(String.init) ?? diagnostic.message
        let message = firstLine.count > 110 ? String(firstLine.prefix(107)) + "..." : firstLine
        self.expectErrorLines[line] = "// @ts-expect-error TS\(diagnostic.code): \(message)"
    }
}

