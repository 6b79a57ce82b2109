/// Converts a JSDoc (Closure Compiler) type expression to TypeScript type text.
///
/// Handles `*`/`?` (any), `?T`/`T?` (nullable), `!T`, `T=` (optional), `...T` (rest),
/// `Array.<T>`/`Array<T>`/`T[]`, `Object.<K, V>` (`Record<K, V>`), `Promise.<T>`, unions with or
/// without parentheses, record types `{a: T, b}`, `function(A, B): R`, string and number literals,
/// and boxed primitives (`String` → `string`). Names that are neither built in nor in
/// `knownNames` become `any` so the result always compiles; `Object` becomes
/// `Record<string, any>` (JSDoc's "some object", whose properties code reads freely).
package struct JSDocType: Sendable, Equatable {
    /// The TypeScript type text.
    package var text: String
    /// Written with a trailing `=`: an optional parameter.
    package var optional: Bool
    /// Written with a leading `...`: a rest parameter (`text` is then the array type).
    package var rest: Bool

    /// Type names TypeScript's default library provides.
    package static let builtinNames: Set<String> = [
        "Date", "RegExp", "Error", "TypeError", "RangeError", "SyntaxError", "Map", "Set", "WeakMap", "WeakSet",
        "Promise", "Function", "Symbol", "ArrayBuffer", "Uint8Array", "Int8Array", "Uint16Array", "Int16Array",
        "Uint32Array", "Int32Array", "Float32Array", "Float64Array", "DataView", "Iterator", "Iterable",
        "IterableIterator", "PromiseLike", "ReadonlyArray", "Record", "Partial", "Readonly",
    ]

    /// Converts `expression`; nil when it cannot be parsed.
    package init?(_ expression: String, knownNames: Set<String> = []) {
        var parser = TypeParser(characters: Array(expression), knownNames: knownNames)
        parser.skipSpace()
        var rest = false
        if parser.consume("...") {
            rest = true
        }
        guard var node = parser.union() else { return nil }
        parser.skipSpace()
        var optional = false
        if parser.consume("=") { optional = true }
        parser.skipSpace()
        guard parser.index == parser.characters.count else { return nil }
        if rest { node = "\(Self.parenthesized(node))[]" }
        self.text = node
        self.optional = optional
        self.rest = rest
    }

    /// `type` wrapped in parentheses when it is a union or function type (before `[]`).
    static func parenthesized(_ type: String) -> String {
        var depth = 0
        for character in type {
            if "([{<".contains(character) { depth += 1 }
            if ")]}>".contains(character) { depth -= 1 }
            if depth == 0 && (character == "|" || character == "=" || character == "&") { return "(\(type))" }
        }
        return type
    }
}

private struct TypeParser {
    let characters: [Character]
    let knownNames: Set<String>
    var index = 0

    init(characters: [Character], knownNames: Set<String>) {
        self.characters = characters
        self.knownNames = knownNames
    }

    mutating func skipSpace() {
        while self.index < self.characters.count && self.characters[self.index].isWhitespace { self.index += 1 }
    }

    mutating func consume(_ text: String) -> Bool {
        self.skipSpace()
        let expected = Array(text)
        guard self.index + expected.count <= self.characters.count,
            Array(self.characters[self.index..<self.index + expected.count]) == expected
        else { return false }
        self.index += expected.count
        return true
    }

    func peek() -> Character? {
        self.index < self.characters.count ? self.characters[self.index] : nil
    }

    mutating func union() -> String? {
        var members: [String] = []
        repeat {
            guard let member = self.prefixed() else { return nil }
            members.append(member)
        } while self.consume("|")
        var unique: [String] = []
        for member in members where !unique.contains(member) { unique.append(member) }
        if unique.contains("any") { return "any" }
        return unique.joined(separator: " | ")
    }

    mutating func prefixed() -> String? {
        self.skipSpace()
        if self.peek() == "?" {
            // `?` alone is "unknown"; `?T` is nullable T.
            let saved = self.index
            self.index += 1
            self.skipSpace()
            if let next = self.peek(), next.isLetter || next == "{" || next == "(" || next == "_" || next == "$" {
                guard let inner = self.postfix() else { return nil }
                return inner == "any" ? "any" : "\(inner) | null"
            }
            self.index = saved + 1
            return "any"
        }
        if self.peek() == "!" {
            self.index += 1
            return self.postfix()
        }
        return self.postfix()
    }

    mutating func postfix() -> String? {
        guard var node = self.primary() else { return nil }
        while true {
            self.skipSpace()
            if self.consume("[]") {
                node = "\(JSDocType.parenthesized(node))[]"
            } else if self.peek() == "?" && self.index + 1 <= self.characters.count {
                // Trailing `?` nullable (but not `?.`).
                self.index += 1
                if node != "any" { node = "\(node) | null" }
            } else if self.peek() == "!" {
                self.index += 1
            } else {
                return node
            }
        }
    }

    mutating func typeArguments() -> [String]? {
        // After `.<` or `<`.
        var arguments: [String] = []
        repeat {
            guard let argument = self.union() else { return nil }
            arguments.append(argument)
        } while self.consume(",")
        guard self.consume(">") else { return nil }
        return arguments
    }

    mutating func primary() -> String? {
        self.skipSpace()
        guard let first = self.peek() else { return nil }
        if first == "*" {
            self.index += 1
            return "any"
        }
        if first == "(" {
            self.index += 1
            guard let inner = self.union(), self.consume(")") else { return nil }
            return inner.contains("|") ? inner : inner
        }
        if first == "{" {
            self.index += 1
            return self.record()
        }
        if first == "\"" || first == "'" {
            let quote = first
            let start = self.index
            self.index += 1
            while let character = self.peek(), character != quote { self.index += 1 }
            guard self.peek() == quote else { return nil }
            self.index += 1
            let inner = String(self.characters[(start + 1)..<(self.index - 1)])
            return "\"" + inner.replacingQuotes() + "\""
        }
        if first.isNumber || first == "-" {
            let start = self.index
            self.index += 1
            while let character = self.peek(), character.isNumber || character == "." { self.index += 1 }
            return String(self.characters[start..<self.index])
        }
        guard first.isLetter || first == "_" || first == "$" else { return nil }
        var name = self.identifier()
        while self.peek() == ".", self.index + 1 < self.characters.count, self.characters[self.index + 1] != "<" {
            self.index += 1
            name += "." + self.identifier()
        }
        if name == "function" { return self.functionType() }
        if name == "typeof" {
            self.skipSpace()
            let target = self.identifier()
            return self.knownNames.contains(target) ? "typeof \(target)" : "any"
        }
        var arguments: [String]?
        if self.consume(".<") || self.consume("<") {
            guard let parsed = self.typeArguments() else { return nil }
            arguments = parsed
        }
        return self.mapName(name, arguments)
    }

    mutating func identifier() -> String {
        let start = self.index
        while let character = self.peek(), character.isLetter || character.isNumber || character == "_" || character == "$" {
            self.index += 1
        }
        return String(self.characters[start..<self.index])
    }

    func mapName(_ name: String, _ arguments: [String]?) -> String {
        switch name {
        case "any", "mixed", "Any": return "any"
        case "string", "String": return "string"
        case "number", "Number", "int", "integer", "float", "double": return "number"
        case "boolean", "Boolean", "bool": return "boolean"
        case "symbol", "Symbol": return "symbol"
        case "bigint", "BigInt": return "bigint"
        case "null", "undefined", "void", "never", "unknown", "object", "this": return name
        case "Object", "object.<>":
            if let arguments, arguments.count == 2 { return "Record<\(arguments[0]), \(arguments[1])>" }
            if let arguments, arguments.count == 1 { return "Record<string, \(arguments[0])>" }
            return "Record<string, any>"
        case "Array", "array":
            if let argument = arguments?.first { return "\(JSDocType.parenthesized(argument))[]" }
            return "any[]"
        case "Function", "function":
            return "Function"
        default:
            guard JSDocType.builtinNames.contains(name) || self.knownNames.contains(name) else { return "any" }
            if let arguments { return "\(name)<\(arguments.joined(separator: ", "))>" }
            if name == "Promise" { return "Promise<any>" }
            if name == "Map" || name == "WeakMap" { return "\(name)<any, any>" }
            if name == "Set" || name == "WeakSet" { return "\(name)<any>" }
            return name
        }
    }

    /// `function(A, B): R` → `(arg0: A, arg1: B) => R`.
    mutating func functionType() -> String? {
        guard self.consume("(") else { return "Function" }
        var parameters: [String] = []
        var thisType: String?
        var isConstructor = false
        if !self.consume(")") {
            repeat {
                self.skipSpace()
                if self.consume("this:") {
                    thisType = self.union()
                    continue
                }
                if self.consume("new:") {
                    _ = self.union()
                    isConstructor = true
                    continue
                }
                let rest = self.consume("...")
                guard var parameter = self.union() else { return nil }
                let optional = self.consume("=")
                if rest { parameter = "\(JSDocType.parenthesized(parameter))[]" }
                let name = "arg\(parameters.count)"
                parameters.append((rest ? "..." : "") + name + (optional ? "?" : "") + ": " + parameter)
            } while self.consume(",")
            guard self.consume(")") else { return nil }
        }
        var result = "any"
        if self.consume(":") {
            guard let returned = self.union() else { return nil }
            result = returned
        }
        if isConstructor { return "Function" }
        if let thisType { parameters.insert("this: \(thisType)", at: 0) }
        return "((\(parameters.joined(separator: ", "))) => \(result))"
    }

    /// `{a: T, b}` after the `{`.
    mutating func record() -> String? {
        var fields: [String] = []
        if self.consume("}") { return "{}" }
        repeat {
            self.skipSpace()
            var name = self.identifier()
            if name.isEmpty {
                if let quote = self.peek(), quote == "'" || quote == "\"" {
                    let start = self.index
                    self.index += 1
                    while let character = self.peek(), character != quote { self.index += 1 }
                    self.index += 1
                    name = String(self.characters[start..<self.index])
                } else {
                    return nil
                }
            }
            let optional = self.consume("?")
            var type = "any"
            if self.consume(":") {
                guard let parsed = self.union() else { return nil }
                type = parsed
            }
            fields.append("\(name)\(optional ? "?" : ""): \(type)")
        } while self.consume(",") || self.consume(";")
        guard self.consume("}") else { return nil }
        return "{ " + fields.joined(separator: "; ") + " }"
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        self.map { $0 == "\"" ? "\\\"" : String($0) }.joined()
    }
}
