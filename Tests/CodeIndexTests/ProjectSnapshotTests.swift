import CodeIndex
import TestSupport
import Testing

@Suite("ProjectSnapshot")
struct ProjectSnapshotTests {
    @Test("loading takes sources and manifests, and skips ignored, installed, built and minified files, saying why")
    func load() throws {
        let directory = try TemporaryDirectory("snapshot")
        for path in ["a.js", "lib/b.ts", "generated/x.js", "b.gen.js", "node_modules/p/index.js", "dist/bundle.js", "lib/c.min.js", "types.d.ts"] {
            try directory.write(path, "// \(path)\n")
        }
        try directory.write(".gitignore", "generated/\n*.gen.js\n")
        try directory.write("package.json", "{}\n")
        try directory.write("README.md", "# readme\n")
        let snapshot = try ProjectSnapshot.load(root: directory.path)
        #expect(snapshot.files.keys.sorted() == ["a.js", "lib/b.ts", "package.json", "types.d.ts"])
        #expect(snapshot.sourcePaths == ["a.js", "lib/b.ts"])
        #expect(snapshot.javaScriptPaths == ["a.js"])
        #expect(snapshot.skipped["generated/"]?.contains("ignore rules") == true)
        #expect(snapshot.skipped["b.gen.js"]?.contains("ignore rules") == true)
        #expect(snapshot.skipped["node_modules/"] == "installed dependencies")
        #expect(snapshot.skipped["dist/"] == "build output")
        #expect(snapshot.skipped["lib/c.min.js"] == "minified")
    }
}
