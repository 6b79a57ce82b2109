import CodeIndex
import Testing

@Suite("ModuleResolver")
struct ModuleResolverTests {
    private func resolver(_ files: [String: String]) -> (ModuleResolver, ProjectSnapshot) {
        let snapshot = ProjectSnapshot(root: "/p", files: files)
        return (ModuleResolver(files: SnapshotFileLookup(snapshot), globalFolders: []), snapshot)
    }

    @Test("relative specifiers resolve with extensions, index files and a directory's package.json main")
    func relative() {
        let (resolver, _) = self.resolver([
            "src/a.js": "", "src/lib/index.js": "", "src/pkg/package.json": #"{"main": "./main"}"#,
            "src/pkg/main.js": "", "src/data.json": "{}",
        ])
        #expect(resolver.resolve("./a", from: "/p/src/x.js") == .file("/p/src/a.js"))
        #expect(resolver.resolve("./lib", from: "/p/src/x.js") == .file("/p/src/lib/index.js"))
        #expect(resolver.resolve("./pkg", from: "/p/src/x.js") == .file("/p/src/pkg/main.js"))
        #expect(resolver.resolve("../src/data.json", from: "/p/src/x.js") == .file("/p/src/data.json"))
        #expect(resolver.resolve("./missing", from: "/p/src/x.js") == .notFound)
    }

    @Test("a .js specifier finds the renamed .ts file, as TypeScript does")
    func renamedExtension() {
        let (resolver, _) = self.resolver(["a.ts": "", "b.tsx": ""])
        #expect(resolver.resolve("./a.js", from: "/p/x.ts") == .file("/p/a.ts"))
        #expect(resolver.resolve("./b.jsx", from: "/p/x.ts") == .file("/p/b.tsx"))
        #expect(resolver.resolve("./a", from: "/p/x.ts") == .file("/p/a.ts"))
    }

    @Test("bare specifiers use node_modules, package.json exports with conditions and subpath patterns, then main")
    func packages() {
        let (resolver, _) = self.resolver([
            "node_modules/plain/package.json": #"{"main": "lib/plain.js"}"#,
            "node_modules/plain/lib/plain.js": "",
            "node_modules/cond/package.json":
                #"{"main": "old.js", "exports": {".": {"import": "./esm.mjs", "require": "./cjs.js"}, "./feature/*": "./features/*.js"}}"#,
            "node_modules/cond/cjs.js": "", "node_modules/cond/esm.mjs": "", "node_modules/cond/features/x.js": "",
            "node_modules/@scope/pkg/index.js": "",
        ])
        #expect(resolver.resolve("plain", from: "/p/src/a.js") == .file("/p/node_modules/plain/lib/plain.js"))
        #expect(resolver.resolve("cond", from: "/p/a.js") == .file("/p/node_modules/cond/cjs.js"))
        #expect(resolver.resolve("cond/feature/x", from: "/p/a.js") == .file("/p/node_modules/cond/features/x.js"))
        #expect(resolver.resolve("cond/old.js", from: "/p/a.js") == .notFound)
        #expect(resolver.resolve("@scope/pkg", from: "/p/a.js") == .file("/p/node_modules/@scope/pkg/index.js"))
        #expect(resolver.resolve("fs", from: "/p/a.js") == .builtin("fs"))
        #expect(resolver.resolve("node:path", from: "/p/a.js") == .builtin("path"))
        #expect(resolver.resolve("nothing-here", from: "/p/a.js") == .notFound)
    }

    @Test("relative specifiers between two files")
    func relativeSpecifier() {
        #expect(ModuleResolver.relativeSpecifier(from: "/p/a/b.ts", to: "/p/a/c.ts") == "./c.ts")
        #expect(ModuleResolver.relativeSpecifier(from: "/p/a/b.ts", to: "/p/d/c.ts") == "../d/c.ts")
        #expect(ModuleResolver.normalize("/p/a/./b/../c") == "/p/a/c")
    }
}
