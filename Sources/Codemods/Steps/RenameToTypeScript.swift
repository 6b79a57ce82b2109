import Basics
import CodeIndex

/// Step 2: rename JavaScript sources to TypeScript and fix the specifiers that name them.
///
/// Matches: `.js` and `.jsx` sources (a `.js` file that contains JSX counts as `.jsx`), except
/// tool configuration loaded by other programs as JavaScript (`*.config.js`, `.*rc.js`,
/// `Gruntfile.js`, `gulpfile.js`) and `.mjs`/`.cjs` files, which are reported and left.
///
/// Rewrites: `a.js` → `a.ts`, `b.jsx` → `b.tsx`; in every source, a relative `import`,
/// `export … from`, `require` or `import()` specifier that resolves to a renamed `.jsx` file and
/// spells the extension is changed to `.js` (what the compiled file will be called).
/// Extensionless specifiers and `.js` specifiers need no change: TypeScript resolves them to the
/// renamed files, and Node resolves them to the compiled ones. tsconfig.json `include`/`files`
/// entries naming a renamed file are renamed too.
package struct RenameToTypeScript: Codemod {
    package var name: String { "rename" }
    package var summary: String { "rename .js/.jsx to .ts/.tsx and update relative specifiers that need it" }

    package init() {}

    /// Why a JavaScript file is kept as JavaScript, or nil to rename it.
    package static func reasonToKeep(_ path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if path.hasSuffix(".mjs") || path.hasSuffix(".cjs") {
            return "kept: .mjs/.cjs files keep their module format; rename them to .mts/.cts by hand"
        }
        if name.hasSuffix(".config.js") || (name.hasPrefix(".") && name.hasSuffix("rc.js")) || name == "Gruntfile.js"
            || name == "gulpfile.js"
        {
            return "kept: tool configuration loaded as JavaScript"
        }
        return nil
    }

    package func run(on snapshot: ProjectSnapshot, context: CodemodContext) throws -> CodemodResult {
        var result = CodemodResult()
        var renames: [String: String] = [:]
        var parsed: [String: ParsedModule] = [:]
        for path in snapshot.sourcePaths {
            let text = snapshot.files[path] ?? ""
            let module = ParsedModule(text, jsx: path.hasSuffix("x") || path.hasSuffix(".js"))
            parsed[path] = module
            guard ProjectSnapshot.isJavaScript(path) else { continue }
            if let reason = Self.reasonToKeep(path) {
                result.findings.append(Finding(path, reason))
                continue
            }
            let stem = path.hasSuffix(".jsx") ? String(path.dropLast(4)) : String(path.dropLast(3))
            let newPath = stem + (path.hasSuffix(".jsx") || module.hasJSX ? ".tsx" : ".ts")
            if snapshot.files[newPath] != nil {
                result.findings.append(Finding(path, "kept: \(newPath) already exists"))
                continue
            }
            renames[path] = newPath
        }
        let resolver = context.resolver(for: snapshot)
        for path in snapshot.sourcePaths {
            guard let module = parsed[path], let text = snapshot.files[path] else { continue }
            var edits = TextEdits()
            for record in module.imports where record.isRelative {
                guard let specifier = record.specifier, let range = record.specifierRange, specifier.hasSuffix(".jsx") else {
                    continue
                }
                guard case .file(let target) = resolver.resolve(specifier, from: snapshot.absolute(path)),
                    let relative = snapshot.relative(target), renames[relative] != nil
                else { continue }
                let quote = module.source.text(range.lowerBound..<(range.lowerBound + 1))
                edits.replace(range, with: quote + String(specifier.dropLast(4)) + ".js" + quote)
            }
            let newText = edits.isEmpty ? text : edits.apply(to: module.source.bytes)
            if let newPath = renames[path] {
                result.changes.append(.rename(path, to: newPath, from: text, to: newText))
            } else if newText != text {
                result.changes.append(.modify(path, from: text, to: newText))
            }
        }
        // tsconfig.json entries that name a renamed file would stop matching it.
        if let configText = snapshot.files["tsconfig.json"], var config = try? JSONValue.parse(configText) {
            var changed = false
            for key in ["include", "files"] {
                guard case .array(let entries) = config[key] ?? .null else { continue }
                let renamed = entries.map { entry -> JSONValue in
                    guard let path = entry.stringValue, let newPath = renames[ModuleResolver.normalize(path)] else { return entry }
                    changed = true
                    return .string(newPath)
                }
                config.set(key, .array(renamed))
            }
            if changed { result.changes.append(.modify("tsconfig.json", from: configText, to: config.formatted() + "\n")) }
        }
        return result
    }
}
