import Basics

/// Node's module resolution (the CommonJS algorithm plus package.json `exports`), extended with
/// TypeScript's extensions so it resolves both before and after a migration.
///
/// Relative specifiers try the exact file, then each extension, then the directory's
/// package.json `main`, then `index.<ext>`. Bare specifiers walk up `node_modules` folders, then
/// `NODE_PATH` and the global folders Node searches (Debian installs packages in
/// `/usr/share/nodejs`). A package's `exports` map wins over `main`; conditions are tried in the
/// order given (default `require`, `node`, `default`). Built-in modules (`fs`, `node:fs`) resolve
/// to `.builtin`.
package struct ModuleResolver: Sendable {
    /// Where a specifier leads.
    package enum Resolution: Sendable, Equatable {
        /// A file (absolute path).
        case file(String)
        /// A Node built-in module (name without `node:`).
        case builtin(String)
        /// Nothing found.
        case notFound
    }

    /// The file lookup (a snapshot, or the disk).
    package var files: any FileLookup
    /// Extensions tried in order when a specifier has none (or when `.js` names a renamed `.ts`).
    package var extensions: [String]
    /// Folders searched after the `node_modules` chain.
    package var globalFolders: [String]
    /// `exports` conditions in order of preference.
    package var conditions: [String]

    /// Node's built-in modules.
    package static let builtins: Set<String> = [
        "assert", "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console", "constants",
        "crypto", "dgram", "diagnostics_channel", "dns", "dns/promises", "domain", "events", "fs", "fs/promises",
        "http", "http2", "https", "inspector", "module", "net", "os", "path", "path/posix", "path/win32",
        "perf_hooks", "process", "punycode", "querystring", "readline", "repl", "stream", "stream/promises",
        "stream/web", "string_decoder", "sys", "timers", "timers/promises", "tls", "trace_events", "tty", "url",
        "util", "util/types", "v8", "vm", "wasi", "worker_threads", "zlib", "test",
    ]

    /// The folders Node itself searches on Debian after the node_modules chain.
    package static let debianGlobalFolders = [
        "/usr/local/lib/node_modules", "/usr/share/nodejs", "/usr/lib/nodejs", "/usr/lib/x86_64-linux-gnu/nodejs",
    ]

    /// A resolver over `files`.
    package init(
        files: any FileLookup,
        extensions: [String] = [".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".cts", ".json", ".node"],
        globalFolders: [String] = ModuleResolver.debianGlobalFolders,
        conditions: [String] = ["require", "node", "default"]
    ) {
        self.files = files
        self.extensions = extensions
        self.globalFolders = globalFolders
        self.conditions = conditions
    }

    /// Resolves `specifier` imported by the file at `importer` (absolute).
    package func resolve(_ specifier: String, from importer: String) -> Resolution {
        if specifier.hasPrefix("node:") { return .builtin(String(specifier.dropFirst(5))) }
        if Self.builtins.contains(specifier) { return .builtin(specifier) }
        let directory = Self.parent(importer)
        if specifier.hasPrefix("./") || specifier.hasPrefix("../") || specifier == "." || specifier == ".."
            || specifier.hasPrefix("/")
        {
            let base = specifier.hasPrefix("/") ? specifier : Self.normalize(directory + "/" + specifier)
            return self.resolveFileOrDirectory(base).map(Resolution.file) ?? .notFound
        }
        // Bare specifier: package name (scoped or not) and subpath.
        let parts = specifier.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let nameCount = specifier.hasPrefix("@") ? 2 : 1
        guard parts.count >= nameCount else { return .notFound }
        let name = parts[0..<nameCount].joined(separator: "/")
        let subpath = parts.count > nameCount ? "./" + parts[nameCount...].joined(separator: "/") : "."
        var folders: [String] = []
        var cursor = directory
        while true {
            if Self.lastComponent(cursor) != "node_modules" { folders.append(cursor + "/node_modules") }
            if cursor == "/" || cursor.isEmpty { break }
            cursor = Self.parent(cursor)
        }
        folders += self.globalFolders
        for folder in folders {
            let packageDirectory = Self.normalize(folder + "/" + name)
            guard self.files.isDirectory(packageDirectory) else { continue }
            if let resolved = self.resolvePackage(packageDirectory, subpath: subpath) { return .file(resolved) }
        }
        return .notFound
    }

    private func resolvePackage(_ directory: String, subpath: String) -> String? {
        if let text = self.files.readText(directory + "/package.json"), let manifest = try? JSONValue.parse(text),
            let exports = manifest["exports"]
        {
            if let target = self.exportTarget(exports, subpath: subpath) {
                return self.resolveFileOrDirectory(Self.normalize(directory + "/" + target))
            }
            return nil
        }
        if subpath == "." { return self.resolveFileOrDirectory(directory) }
        return self.resolveFileOrDirectory(Self.normalize(directory + "/" + subpath))
    }

    /// The target of `subpath` in a package.json `exports` value.
    private func exportTarget(_ exports: JSONValue, subpath: String) -> String? {
        if case .string(let target) = exports { return subpath == "." ? target : nil }
        if case .array(let alternatives) = exports {
            for alternative in alternatives {
                if let target = self.exportTarget(alternative, subpath: subpath) { return target }
            }
            return nil
        }
        guard let members = exports.objectMembers else { return nil }
        let isSubpathMap = members.first?.key.hasPrefix(".") ?? false
        if !isSubpathMap { return subpath == "." ? self.conditionalTarget(exports) : nil }
        if let exact = exports[subpath] { return self.conditionalTarget(exact) }
        for member in members {
            guard let star = member.key.firstIndex(of: "*") else { continue }
            let prefix = String(member.key[..<star])
            let suffix = String(member.key[member.key.index(after: star)...])
            guard subpath.hasPrefix(prefix), subpath.hasSuffix(suffix), subpath.count >= prefix.count + suffix.count else {
                continue
            }
            let matched = String(subpath.dropFirst(prefix.count).dropLast(suffix.count))
            return self.conditionalTarget(member.value)?.replacingOccurrences(of: "*", with: matched)
        }
        return nil
    }

    private func conditionalTarget(_ value: JSONValue) -> String? {
        switch value {
        case .string(let target): return target
        case .array(let alternatives):
            for alternative in alternatives {
                if let target = self.conditionalTarget(alternative) { return target }
            }
            return nil
        case .object(let members):
            for member in members where self.conditions.contains(member.key) || member.key == "default" {
                if let target = self.conditionalTarget(member.value) { return target }
            }
            return nil
        default: return nil
        }
    }

    /// The file for `base`: itself, with an extension, or as a directory (package.json main, index).
    package func resolveFileOrDirectory(_ base: String) -> String? {
        if let file = self.resolveFile(base) { return file }
        guard self.files.isDirectory(base) else { return nil }
        if let text = self.files.readText(base + "/package.json"), let manifest = try? JSONValue.parse(text),
            let main = manifest["main"]?.stringValue, !main.isEmpty
        {
            let target = Self.normalize(base + "/" + main)
            if let file = self.resolveFile(target) { return file }
            if let file = self.resolveIndex(target) { return file }
        }
        return self.resolveIndex(base)
    }

    private func resolveFile(_ base: String) -> String? {
        if self.files.isFile(base) { return base }
        for ext in self.extensions where self.files.isFile(base + ext) { return base + ext }
        // TypeScript convention: `./x.js` names `./x.ts` once renamed.
        for (javaScript, typeScript) in [(".js", [".ts", ".tsx"]), (".jsx", [".tsx"]), (".mjs", [".mts"]), (".cjs", [".cts"])]
        where base.hasSuffix(javaScript) {
            let stem = String(base.dropLast(javaScript.count))
            for ext in typeScript where self.files.isFile(stem + ext) { return stem + ext }
        }
        return nil
    }

    private func resolveIndex(_ directory: String) -> String? {
        for ext in self.extensions where self.files.isFile(directory + "/index" + ext) { return directory + "/index" + ext }
        return nil
    }

    // MARK: - Paths

    /// The directory part of `path`.
    package static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of `path`.
    package static func lastComponent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `path` with `.` and `..` components removed and duplicate slashes collapsed.
    package static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var components: [Substring] = []
        for component in path.split(separator: "/") {
            if component == "." || component.isEmpty { continue }
            if component == ".." {
                if let last = components.last, last != ".." {
                    components.removeLast()
                } else if !absolute {
                    components.append(component)
                }
                continue
            }
            components.append(component)
        }
        let joined = components.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// The relative specifier from the directory of `importer` to `target` (both absolute),
    /// always starting with `./` or `../`.
    package static func relativeSpecifier(from importer: String, to target: String) -> String {
        let from = self.parent(importer).split(separator: "/")
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count && common < to.count - 1 && from[common] == to[common] { common += 1 }
        let ups = from.count - common
        let rest = to[common...].joined(separator: "/")
        return ups == 0 ? "./" + rest : String(repeating: "../", count: ups) + rest
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed).
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return self.split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
