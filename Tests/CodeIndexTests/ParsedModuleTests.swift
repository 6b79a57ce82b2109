import CodeIndex
import Testing

@Suite("ParsedModule")
struct ParsedModuleTests {
    @Test("top-level requires are unconditional; requires in functions, ifs, try and ternaries are not")
    func requireContexts() {
        let module = ParsedModule(
            """
            const a = require('./a')
            function lazy() { return require('./b') }
            if (process.env.X) { require('./c') }
            try { require('./d') } catch (e) {}
            const e = flag ? require('./e') : null
            const f = () => require('./f')
            module.exports.g = require('./g')
            const h = require(name)
            """)
        let bySpecifier = Dictionary(uniqueKeysWithValues: module.literalRequires.map { ($0.specifier!, $0.context) })
        #expect(bySpecifier["./a"]?.isUnconditionalTopLevel == true)
        #expect(bySpecifier["./b"]?.inFunction == true)
        #expect(bySpecifier["./c"]?.conditional == true)
        #expect(bySpecifier["./d"]?.conditional == true)
        #expect(bySpecifier["./e"]?.conditional == true)
        #expect(bySpecifier["./f"]?.inFunction == true)
        #expect(bySpecifier["./g"]?.isUnconditionalTopLevel == true)
        #expect(module.imports.contains { $0.kind == .require && $0.specifier == nil })
    }

    @Test("CommonJS exports are classified")
    func commonJSExports() {
        let module = ParsedModule(
            """
            module.exports = Foo
            module.exports.bar = 1
            exports.baz = 2
            exports = {}
            Object.defineProperty(exports, 'q', {})
            var x = { exports: 1 }
            """)
        let kinds = module.exports.map(\.kind)
        #expect(kinds == [.moduleExportsAssignment, .exportsProperty("bar"), .exportsProperty("baz"), .exportsReassignment, .exportsOtherUse])
    }

    @Test("ES imports and exports, re-exports, dynamic import and import-equals are recorded")
    func esModules() {
        let module = ParsedModule(
            """
            import def, { a as b, c } from './one'
            import * as ns from "two"
            import type { T } from './types'
            import './side-effect'
            import fs = require('fs')
            export { x as y } from './three'
            export * from './four'
            export const k = 1, m = 2
            export default function () {}
            const later = import('./five')
            """)
        let one = module.imports.first { $0.specifier == "./one" }
        #expect(one?.defaultBinding == "def")
        #expect(one?.namedBindings.map(\.local) == ["b", "c"])
        #expect(module.imports.first { $0.specifier == "two" }?.namespaceBinding == "ns")
        #expect(module.imports.first { $0.specifier == "./types" }?.typeOnly == true)
        #expect(module.imports.first { $0.specifier == "fs" }?.kind == .importEquals)
        #expect(module.imports.first { $0.specifier == "./three" }?.kind == .esReexport)
        #expect(module.imports.first { $0.specifier == "./four" }?.kind == .esReexport)
        #expect(module.imports.first { $0.specifier == "./five" }?.kind == .dynamicImport)
        #expect(module.exports.contains { $0.kind == .esNamed(["k", "m"]) })
        #expect(module.exports.contains { $0.kind == .esDefault })
    }

    @Test("top-level statements split at semicolons, at line breaks where ASI applies, and after blocks")
    func statements() {
        let module = ParsedModule(
            """
            const a = require('a')
            const b = a
              .chain()
            function f() {
              return 1
            }
            if (x) {
            } else {
            }
            let c = 1; let d = 2
            module.exports = {
              a,
              b
            }
            """)
        let texts = module.statements.map { module.text(of: $0) }
        #expect(texts.count == 7)
        #expect(texts[1] == "const b = a\n  .chain()")
        #expect(texts[3].hasPrefix("if (x)") && texts[3].hasSuffix("else {\n}"))
        #expect(texts[6].hasPrefix("module.exports = {"))
    }

    @Test("top-level declared names include destructured bindings, functions and classes")
    func declaredNames() {
        let module = ParsedModule(
            """
            const { a, b: c, ...rest } = require('x')
            let [d, e] = f()
            function g() { var inner = 1 }
            class H {}
            var i = 1, j = 2
            """)
        #expect(module.topLevelNames.isSuperset(of: ["a", "c", "rest", "d", "e", "g", "H", "i", "j"]))
        #expect(!module.topLevelNames.contains("inner"))
        #expect(!module.topLevelNames.contains("b"))
    }
}
