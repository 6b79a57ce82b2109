/// Where in the module a construct runs: at load time or later, always or only sometimes.
package struct ExecutionContext: Sendable, Equatable {
    /// Inside a function body (including arrow functions and methods): runs when called, not at load.
    package var inFunction: Bool
    /// Inside `if`/`else`/loops/`switch`/`try`/`catch`, or after `?`, `&&`, `||` or `??`.
    package var conditional: Bool

    /// Runs exactly once when the module loads.
    package var isUnconditionalTopLevel: Bool { !self.inFunction && !self.conditional }
}

/// One way a module pulls in another: ES import or re-export, `require`, dynamic `import()`.
package struct ImportRecord: Sendable, Equatable {
    /// The syntax used.
    package enum Kind: Sendable, Equatable {
        /// `import … from 'x'` or `import 'x'`.
        case esImport
        /// `export … from 'x'` or `export * from 'x'`.
        case esReexport
        /// TypeScript's `import x = require('x')`.
        case importEquals
        /// `require('x')`, or `require(expression)` when `specifier` is nil.
        case require
        /// `import('x')`, or `import(expression)` when `specifier` is nil.
        case dynamicImport
    }

    /// The syntax used.
    package var kind: Kind
    /// The module specifier when it is a string literal; nil for computed specifiers.
    package var specifier: String?
    /// The string-literal token of the specifier (quotes included), for rewriting it.
    package var specifierRange: Range<Int>?
    /// Where it runs.
    package var context: ExecutionContext
    /// The index of the top-level statement holding it in `ParsedModule.statements`.
    package var statementIndex: Int?
    /// 1-based line.
    package var line: Int
    /// True for `import type` / `export type`.
    package var typeOnly: Bool = false
    /// The default binding of an ES import (`import X from`).
    package var defaultBinding: String? = nil
    /// The namespace binding (`import * as X from`).
    package var namespaceBinding: String? = nil
    /// Named bindings as (imported, local) pairs.
    package var namedBindings: [(imported: String, local: String)] = []

    /// True when the specifier is relative (`./`, `../`, or `.`/`..`).
    package var isRelative: Bool {
        guard let specifier else { return false }
        return specifier.hasPrefix("./") || specifier.hasPrefix("../") || specifier == "." || specifier == ".."
    }

    package static func == (lhs: ImportRecord, rhs: ImportRecord) -> Bool {
        lhs.kind == rhs.kind && lhs.specifier == rhs.specifier && lhs.specifierRange == rhs.specifierRange
            && lhs.context == rhs.context && lhs.statementIndex == rhs.statementIndex && lhs.line == rhs.line
            && lhs.typeOnly == rhs.typeOnly && lhs.defaultBinding == rhs.defaultBinding
            && lhs.namespaceBinding == rhs.namespaceBinding
            && lhs.namedBindings.map { $0.imported + " " + $0.local } == rhs.namedBindings.map { $0.imported + " " + $0.local }
    }
}

/// One way a module exposes values: CommonJS assignments or ES exports.
package struct ExportRecord: Sendable, Equatable {
    /// The syntax used.
    package enum Kind: Sendable, Equatable {
        /// `module.exports = …`.
        case moduleExportsAssignment
        /// `exports.name = …` or `module.exports.name = …`.
        case exportsProperty(String)
        /// `exports = …` (rebinding the local, which exports nothing).
        case exportsReassignment
        /// Any other use of `exports` or `module.exports` (reads, computed keys, `Object.defineProperty`).
        case exportsOtherUse
        /// `export const a`, `export function a`, `export { a as b }`: the exported names.
        case esNamed([String])
        /// `export default …`.
        case esDefault
        /// `export * from 'x'` (`as` name when given).
        case esExportAll(String?)
        /// TypeScript's `export = …`.
        case exportEquals
    }

    /// The syntax used.
    package var kind: Kind
    /// Where it runs.
    package var context: ExecutionContext
    /// The index of the top-level statement holding it.
    package var statementIndex: Int?
    /// 1-based line.
    package var line: Int

    /// True for the CommonJS forms.
    package var isCommonJS: Bool {
        switch self.kind {
        case .moduleExportsAssignment, .exportsProperty, .exportsReassignment, .exportsOtherUse: return true
        default: return false
        }
    }
}

/// A statement at the top level of a module, as a range of significant tokens.
package struct TopLevelStatement: Sendable, Equatable {
    /// Index of the first token in `ParsedModule.significant`.
    package var first: Int
    /// Index of the last token (inclusive).
    package var last: Int
    /// Byte offset of the first token.
    package var start: Int
    /// Byte offset past the last token.
    package var end: Int
}
