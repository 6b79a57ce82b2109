import Basics
import CodeIndex
import Codemods
import Testing

@Suite("ConfigureTypeScript")
struct ConfigureTypeScriptTests {
    @Test("writes a tsconfig for gradual migration with the project's module and target, and adds scripts")
    func createsConfig() throws {
        let result = try assertCodemod(
            ConfigureTypeScript(),
            input: [
                "package.json": "{\n  \"name\": \"p\",\n  \"engines\": {\n    \"node\": \">=14\"\n  }\n}\n",
                "lib/a.js": "module.exports = 1\n", "index.js": "require('./lib/a')\n",
            ],
            expected: [
                "tsconfig.json": """
                    {
                      "compilerOptions": {
                        "allowJs": true,
                        "checkJs": false,
                        "strict": false,
                        "noEmit": true,
                        "outDir": "dist-ts",
                        "esModuleInterop": true,
                        "module": "commonjs",
                        "moduleResolution": "node",
                        "target": "es2020",
                        "skipLibCheck": true,
                        "moduleDetection": "force"
                      },
                      "include": [
                        "index.js",
                        "lib/**/*"
                      ],
                      "exclude": [
                        "node_modules",
                        "dist-ts"
                      ]
                    }

                    """,
                "package.json": """
                    {
                      "name": "p",
                      "engines": {
                        "node": ">=14"
                      },
                      "scripts": {
                        "typecheck": "tsc --noEmit",
                        "build:ts": "tsc --noEmit false"
                      }
                    }

                    """,
            ])
        #expect(result.findings.isEmpty)
    }

    @Test("keeps options the project already chose and uses es2020 modules for type: module")
    func keepsExisting() throws {
        let snapshot = ProjectSnapshot(root: "/p", files: [
            "package.json": #"{"type": "module"}"#,
            "tsconfig.json": "// comment\n{\"compilerOptions\": {\"strict\": true, \"target\": \"es2017\",}}",
            "a.jsx": "export const x = <div/>\n",
        ])
        let result = try ConfigureTypeScript().run(on: snapshot, context: CodemodContext(compiler: nil, globalFolders: []))
        let config = try JSONValue.parse(snapshot.applying(result.changes).files["tsconfig.json"] ?? "")
        #expect(config["compilerOptions"]?["strict"] == .bool(true))
        #expect(config["compilerOptions"]?["target"] == .string("es2017"))
        #expect(config["compilerOptions"]?["module"] == .string("es2020"))
        #expect(config["compilerOptions"]?["jsx"] == .string("preserve"))
    }

    @Test("maps engines.node to a compile target")
    func targets() {
        #expect(ConfigureTypeScript.target(forEngines: ">=10") == "es2018")
        #expect(ConfigureTypeScript.target(forEngines: "^16.13.0") == "es2021")
        #expect(ConfigureTypeScript.target(forEngines: "20.x") == "es2022")
        #expect(ConfigureTypeScript.target(forEngines: nil) == "es2019")
    }
}

@Suite("RenameToTypeScript")
struct RenameToTypeScriptTests {
    @Test("renames sources, picks .tsx for JSX, fixes .jsx specifiers and keeps tool configuration")
    func renames() throws {
        let result = try assertCodemod(
            RenameToTypeScript(),
            input: [
                "src/a.js": "const b = require('./b.jsx')\nconst c = require('./c')\n",
                "src/b.jsx": "module.exports = () => <b/>\n",
                "src/c.js": "module.exports = () => <i>{1 / 2}</i>\n",
                "webpack.config.js": "module.exports = {}\n",
                "tool.mjs": "export default 1\n",
                "tsconfig.json": "{\"include\": [\"src/**/*\", \"./src/a.js\"]}",
            ],
            expected: [
                "tsconfig.json": "{\n  \"include\": [\n    \"src/**/*\",\n    \"src/a.ts\"\n  ]\n}\n",
                "src/a.ts": "const b = require('./b.js')\nconst c = require('./c')\n",
                "src/b.tsx": "module.exports = () => <b/>\n",
                "src/c.tsx": "module.exports = () => <i>{1 / 2}</i>\n",
                "webpack.config.js": "module.exports = {}\n",
                "tool.mjs": "export default 1\n",
            ])
        #expect(result.changes.filter(\.isRename).count == 3)
        #expect(result.findings.contains { $0.path == "webpack.config.js" && $0.message.contains("tool configuration") })
        #expect(result.findings.contains { $0.path == "tool.mjs" && $0.message.contains(".mjs") })
    }
}
