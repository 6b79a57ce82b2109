/// The lexical rules of a C-like or Python-like language, as data for `CodeLexer`.
struct CodeSyntax: Sendable {
    var lineComment: StaticString
    var blockComments = true
    var nestedComments = false
    var keywords: Set<String>
    var constants: Set<String>
    var builtinTypes: Set<String> = []
    /// Identifiers starting with an uppercase letter are types.
    var capitalizedAreTypes = true
    /// A keyword that names what follows: `function f` → function, `class C` → type.
    var definitions: [String: TokenKind] = [:]
    var singleQuoteStrings = true
    var templateStrings = false
    var tripleQuotes = false
    var rawHashStrings = false
    var stringPrefixes = false
    var backslashInterpolation = false
    var regexLiterals = false
    var jsx = false
    var decorators = false
    var directives = false
    /// Keywords after which an expression (regex literal, JSX) can start.
    var expressionKeywords: Set<String> = []

    static let javaScript = CodeSyntax(
        lineComment: "//",
        keywords: [
            "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
            "export", "extends", "finally", "for", "function", "if", "import", "in", "instanceof", "let", "new",
            "return", "super", "switch", "this", "throw", "try", "typeof", "var", "void", "while", "with", "yield",
            "async", "await", "of", "static", "get", "set", "from", "as",
        ],
        constants: ["true", "false", "null", "undefined", "NaN", "Infinity"],
        definitions: ["function": .function, "class": .type, "extends": .type, "new": .type],
        templateStrings: true,
        regexLiterals: true,
        jsx: true,
        decorators: true,
        expressionKeywords: [
            "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
            "yield", "await", "default", "export",
        ]
    )

    static let typeScript: CodeSyntax = {
        var syntax = CodeSyntax.javaScript
        syntax.jsx = false
        syntax.keywords.formUnion([
            "interface", "type", "enum", "implements", "declare", "namespace", "module", "readonly", "abstract",
            "keyof", "infer", "is", "asserts", "satisfies", "private", "public", "protected", "override", "unique",
        ])
        syntax.builtinTypes = ["string", "number", "boolean", "any", "unknown", "never", "void", "object", "symbol", "bigint"]
        syntax.definitions.merge(["interface": .type, "type": .type, "enum": .type, "implements": .type, "namespace": .type]) { $1 }
        return syntax
    }()

    static let typeScriptWithJSX: CodeSyntax = {
        var syntax = CodeSyntax.typeScript
        syntax.jsx = true
        return syntax
    }()

    static let swift = CodeSyntax(
        lineComment: "//",
        nestedComments: true,
        keywords: [
            "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
            "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
            "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
            "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
            "where", "while", "as", "await", "is", "self", "Self", "super", "throws", "try", "async", "actor",
            "package", "some", "any", "consume", "borrowing", "consuming", "nonisolated", "isolated", "lazy", "weak",
            "unowned", "mutating", "nonmutating", "override", "final", "required", "convenience", "dynamic",
            "optional", "indirect", "get", "set", "willSet", "didSet", "macro",
        ],
        constants: ["true", "false", "nil"],
        definitions: [
            "func": .function, "class": .type, "struct": .type, "enum": .type, "protocol": .type, "extension": .type,
            "typealias": .type, "actor": .type, "associatedtype": .type,
        ],
        singleQuoteStrings: false,
        tripleQuotes: true,
        rawHashStrings: true,
        backslashInterpolation: true,
        decorators: true,
        directives: true
    )

    static let python = CodeSyntax(
        lineComment: "#",
        blockComments: false,
        keywords: [
            "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
            "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
            "pass", "raise", "return", "try", "while", "with", "yield", "match", "case",
        ],
        constants: ["True", "False", "None", "NotImplemented", "Ellipsis"],
        builtinTypes: ["int", "float", "str", "bool", "list", "dict", "set", "tuple", "bytes", "bytearray", "object", "complex", "frozenset"],
        definitions: ["def": .function, "class": .type],
        tripleQuotes: true,
        stringPrefixes: true,
        decorators: true
    )
}
