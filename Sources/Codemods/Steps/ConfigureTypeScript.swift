import Basics
import CodeIndex

/// Step 1: a tsconfig.json the JavaScript compiles under as it is, and package.json scripts.
///
/// Matches: a project without tsconfig.json, or whose tsconfig.json lacks the options a
/// gradual migration needs; a package.json without `typecheck`/`build:ts` scripts.
///
/// Rewrites: creates or completes tsconfig.json with `allowJs`, `checkJs: false`,
/// `strict: false`, `noEmit` (with an `outDir` for `build:ts`), `esModuleInterop`,
/// `moduleDetection: force` (TypeScript ≥ 4.7, so files that stay CommonJS are modules),
/// `module` matching the package (`commonjs`, or `es2020` for `"type": "module"`), `target`
/// matching `engines.node`, `jsx: preserve` when a file uses JSX, and `include` naming the source
/// folders; adds `typecheck` and `build:ts` scripts. Options the project already set are kept.
package struct ConfigureTypeScript: Codemod {
    package var name: String { "tsconfig" }
    package var summary: String { "add tsconfig.json (allowJs, strict off, noEmit, module/target of the project) and package.json scripts" }

    /// Where `build:ts` writes the compiled JavaScript.
    package static let outDir = "dist-ts"

    package init() {}

    package func run(on snapshot: ProjectSnapshot, context: CodemodContext) throws -> CodemodResult {
        var result = CodemodResult()
        var manifest: JSONValue?
        if let text = snapshot.files["package.json"] {
            do {
                manifest = try JSONValue.parse(text)
            } catch {
                result.findings.append(Finding("package.json", "left package.json as is: \(error)"))
            }
        } else {
            result.findings.append(Finding("package.json", "no package.json: only tsconfig.json is written"))
        }
        let isESM = manifest?["type"]?.stringValue == "module"
        let target = Self.target(forEngines: manifest?["engines"]?["node"]?.stringValue)
        let usesJSX = snapshot.sourcePaths.contains { path in
            path.hasSuffix(".jsx") || path.hasSuffix(".tsx")
                || (path.hasSuffix(".js") && ParsedModule(snapshot.files[path] ?? "", jsx: true).hasJSX)
        }
        let supportsModuleDetection = context.compiler.map { $0.majorMinor >= (4, 7) } ?? true

        // tsconfig.json
        var config: JSONValue = .object([])
        if let text = snapshot.files["tsconfig.json"] {
            do {
                config = try JSONValue.parse(text)
            } catch {
                result.findings.append(Finding("tsconfig.json", "left tsconfig.json as is: \(error)"))
                return result
            }
        }
        var options = config["compilerOptions"] ?? .object([])
        var wanted: [(String, JSONValue)] = [
            ("allowJs", .bool(true)), ("checkJs", .bool(false)), ("strict", .bool(false)), ("noEmit", .bool(true)),
            ("outDir", .string(Self.outDir)), ("esModuleInterop", .bool(true)),
            ("module", .string(isESM ? "es2020" : "commonjs")), ("moduleResolution", .string("node")),
            ("target", .string(target)), ("skipLibCheck", .bool(true)),
        ]
        if supportsModuleDetection { wanted.append(("moduleDetection", .string("force"))) }
        if usesJSX { wanted.append(("jsx", .string("preserve"))) }
        for (key, value) in wanted where options[key] == nil { options.set(key, value) }
        config.set("compilerOptions", options)
        if config["include"] == nil && config["files"] == nil {
            var include: [String] = []
            for path in snapshot.sourcePaths + snapshot.files.keys.filter({ $0.hasSuffix(".d.ts") }).sorted() {
                let first = path.split(separator: "/").first.map(String.init) ?? path
                let entry = first == path ? path : first + "/**/*"
                if !include.contains(entry) { include.append(entry) }
            }
            config.set("include", .array(include.sorted().map(JSONValue.string)))
        }
        if config["exclude"] == nil {
            config.set("exclude", .array(["node_modules", options["outDir"]?.stringValue ?? Self.outDir].map(JSONValue.string)))
        }
        let configText = config.formatted() + "\n"
        if let old = snapshot.files["tsconfig.json"] {
            if (try? JSONValue.parse(old)) != config { result.changes.append(.modify("tsconfig.json", from: old, to: configText)) }
        } else {
            result.changes.append(.create("tsconfig.json", configText))
        }

        // package.json scripts
        if var manifest, let old = snapshot.files["package.json"] {
            var scripts = manifest["scripts"] ?? .object([])
            if scripts["typecheck"] == nil { scripts.set("typecheck", .string("tsc --noEmit")) }
            if scripts["build:ts"] == nil { scripts.set("build:ts", .string("tsc --noEmit false")) }
            manifest.set("scripts", scripts)
            if let compiler = context.compiler {
                var development = manifest["devDependencies"] ?? .object([])
                if development["typescript"] == nil && manifest["dependencies"]?["typescript"] == nil {
                    development.set("typescript", .string("^" + compiler.version))
                    manifest.set("devDependencies", development)
                }
            }
            if (try? JSONValue.parse(old)) != manifest {
                let text = manifest.formatted(indent: Self.indentation(of: old)) + (old.hasSuffix("\n") ? "\n" : "")
                result.changes.append(.modify("package.json", from: old, to: text))
            }
        }
        return result
    }

    /// The `target` for a Node version range such as `>=10`, `^14.17.0` or `16.x`.
    package static func target(forEngines range: String?) -> String {
        guard let range else { return "es2019" }
        let digits = range.drop { !$0.isNumber }.prefix { $0.isNumber }
        guard let major = Int(digits) else { return "es2019" }
        switch major {
        case ..<6: return "es5"
        case 6..<8: return "es2015"
        case 8..<10: return "es2017"
        case 10..<12: return "es2018"
        case 12..<14: return "es2019"
        case 14..<16: return "es2020"
        case 16..<18: return "es2021"
        default: return "es2022"
        }
    }

    /// The indentation of the first indented line of a JSON text (two spaces when none).
    static func indentation(of text: String) -> String {
        for line in text.split(separator: "\n") {
            let leading = line.prefix { $0 == " " || $0 == "\t" }
            if !leading.isEmpty { return String(leading) }
        }
        return "  "
    }
}
