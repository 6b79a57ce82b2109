import Basics
import CodeIndex
import Codemods
import TestSupport
import Testing

/// The real compiler, or a recorded failure saying what to install.
func requireCompiler(sourceLocation: SourceLocation = #_sourceLocation) throws -> TypeScriptCompiler {
    guard let compiler = TypeScriptCompiler.locate(projectRoot: "/nonexistent") else {
        Issue.record("tsc not found: install node-typescript (apt-get install node-typescript)", sourceLocation: sourceLocation)
        throw CompilerMissing()
    }
    return compiler
}

struct CompilerMissing: Error {}

private let tsconfig = """
    {"compilerOptions": {"strict": false, "noEmit": true, "esModuleInterop": true, "module": "commonjs",
     "target": "es2019", "moduleDetection": "force", "skipLibCheck": true}, "include": ["*.ts"]}
    """

@Suite("FixTypeErrors", .dedicatedThreads)
struct FixTypeErrorsTests {
    @Test("reads tsc's diagnostics, continuation lines included")
    func parsesDiagnostics() {
        let output = """
            src/a.ts(3,14): error TS2339: Property 'x' does not exist on type 'A'.
              Property 'x' does not exist on type 'B'.
            error TS5023: Unknown compiler option 'foo'.
            b.ts(10,1): error TS2304: Cannot find name 'q'.
            """
        let diagnostics = TypeScriptCompiler.parseDiagnostics(output)
        #expect(diagnostics.count == 3)
        #expect(diagnostics[0] == TypeScriptCompiler.Diagnostic(file: "src/a.ts", line: 3, column: 14, code: 2339, message: "Property 'x' does not exist on type 'A'.\nProperty 'x' does not exist on type 'B'."))
        #expect(diagnostics[1].file.isEmpty && diagnostics[1].code == 5023)
        #expect(diagnostics[2].line == 10)
    }

    @Test("class fields, Node globals, untyped packages and short calls are fixed with minimal annotations")
    func minimalFixes() throws {
        let compiler = try requireCompiler()
        let context = CodemodContext(compiler: compiler, globalFolders: [])
        let input = ProjectSnapshot(root: "/nonexistent", files: [
            "tsconfig.json": tsconfig,
            "point.ts": """
                import lib from 'some-untyped-lib'
                class Point {
                  constructor (x, y) {
                    this.x = x
                    this.y = y
                  }
                  norm () { return Math.hypot(this.x, this.y) }
                }
                const add = (a, b, c) => a + b + (c || 0)
                export = { Point, add, two: add(1, 1), env: process.env.HOME, lib }
                """,
            "use.ts": """
                import add from './add'
                const three = add(1, 2)
                let count = 0
                count = 'many'
                export = three
                """,
            "add.ts": "const add = (a, b, c) => a + b + c\nexport = add\n",
        ])
        let result = try FixTypeErrors().run(on: input, context: context)
        let after = input.applying(result.changes)
        let point = after.files["point.ts"] ?? ""
        #expect(point.contains("declare x: any;") && point.contains("declare y: any;"))
        #expect(point.contains("(a, b, c?) =>"))
        #expect(after.files["add.ts"] == "const add = (a, b, c?) => a + b + c\nexport = add\n")
        let shim = after.files[FixTypeErrors.shimFile] ?? ""
        #expect(shim.contains("declare var process: any;"))
        #expect(shim.contains("declare module 'some-untyped-lib';"))
        #expect(after.files["use.ts"]?.contains("  // @ts-expect-error TS2322") == false)
        #expect(after.files["use.ts"]?.contains("// @ts-expect-error TS2322: Type 'string' is not assignable to type 'number'.\ncount = 'many'") == true)
        let check = try compiler.check(after)
        #expect(check.diagnostics.isEmpty, "\(check.diagnostics)")
        #expect(try FixTypeErrors().run(on: after, context: context).changes.isEmpty)
    }

    @Test("an unused @ts-expect-error this step wrote is removed")
    func removesUnusedDirectives() throws {
        let compiler = try requireCompiler()
        let input = ProjectSnapshot(root: "/nonexistent", files: [
            "tsconfig.json": tsconfig,
            "a.ts": "const x = 1\n// @ts-expect-error TS2322: stale\nconst y = x\nexport = y\n",
        ])
        let result = try FixTypeErrors().run(on: input, context: CodemodContext(compiler: compiler, globalFolders: []))
        #expect(input.applying(result.changes).files["a.ts"] == "const x = 1\nconst y = x\nexport = y\n")
    }

    @Test("the ratchet reports its cost first, then turns noImplicitAny on with : any where needed")
    func ratchet() throws {
        let compiler = try requireCompiler()
        let context = CodemodContext(compiler: compiler, globalFolders: [])
        let input = ProjectSnapshot(root: "/nonexistent", files: [
            "tsconfig.json": tsconfig,
            "a.ts": "function f(a, b) { return a }\nlet later\nlater = 1\nexport = f(later, 2)\n",
            "b.ts": "export const identity = x => x\n",
        ])
        let ratchet = RatchetStrictness(flag: .noImplicitAny)
        #expect(ratchet.cost(of: input, context: context) == 3)
        let result = try ratchet.run(on: input, context: context)
        let after = input.applying(result.changes)
        #expect(after.files["a.ts"]?.hasPrefix("function f(a: any, b: any) { return a }") == true)
        // Regression: a bare arrow parameter once got `x: any =>`, a syntax error.
        #expect(after.files["b.ts"] == "export const identity = (x: any) => x\n")
        #expect(try JSONValue.parse(after.files["tsconfig.json"] ?? "")["compilerOptions"]?["noImplicitAny"] == .bool(true))
        #expect(try compiler.check(after).diagnostics.isEmpty)
        #expect(try ratchet.run(on: after, context: context).changes.isEmpty)
    }

    @Test("without a compiler the step says what it could not check and changes nothing")
    func noCompiler() throws {
        let input = ProjectSnapshot(root: "/p", files: ["tsconfig.json": "{}", "a.ts": "x.y = 1\n"])
        let result = try FixTypeErrors().run(on: input, context: CodemodContext(compiler: nil))
        #expect(result.changes.isEmpty)
        #expect(result.findings.first?.message.contains("tsc not found") == true)
        let metrics = MigrationMetrics.measure(input, compiler: nil)
        #expect(metrics.tscErrors == nil)
        #expect(metrics.tscUnavailableReason?.contains("tsc not found") == true)
    }
}
