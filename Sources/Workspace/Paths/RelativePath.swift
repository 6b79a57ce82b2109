/// Helpers for workspace-relative paths: `/`-separated, no leading slash, `""` for the root.
///
/// Every path the Workspace module hands out or accepts is in this form, so the callers never
/// have to think about absolute paths, `.` or `..`.
package enum RelativePath {
    /// The normal form of `path`: `./` and empty components dropped, no trailing slash.
    ///
    /// Throws `.outsideWorkspace` for `..` components and absolute paths, `.invalidPath` for NUL
    /// bytes. An absolute path is accepted only through `Workspace.relativePath(forAbsolute:)`.
    package static func normalize(_ path: String) throws(WorkspaceError) -> String {
        if path.utf8.contains(0) {
            throw WorkspaceError(.invalidPath, "path contains a NUL byte", path: path)
        }
        if path.hasPrefix("/") {
            throw WorkspaceError(.outsideWorkspace, "'\(path)' is absolute; workspace paths are relative", path: path)
        }
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                throw WorkspaceError(.outsideWorkspace, "'\(path)' leaves the workspace", path: path)
            }
            components.append(component)
        }
        return components.joined(separator: "/")
    }

    /// `directory/name`, or `name` when `directory` is the root.
    package static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty ? name : directory + "/" + name
    }

    /// The parent directory (`""` for top-level entries and for the root itself).
    package static func parent(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// The last component (the whole path for top-level entries).
    package static func name(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// The directories that contain `path`, outermost first: `"a/b/c"` → `["", "a", "a/b"]`.
    package static func ancestors(_ path: String) -> [String] {
        if path.isEmpty { return [] }
        var result = [""]
        var index = path.utf8.startIndex
        while let slash = path.utf8[index...].firstIndex(of: UInt8(ascii: "/")) {
            result.append(String(path[..<slash]))
            index = path.utf8.index(after: slash)
        }
        return result
    }

    /// True when `ancestor` is `path` itself or one of the directories containing it.
    package static func contains(_ ancestor: String, _ path: String) -> Bool {
        if ancestor.isEmpty || ancestor == path { return true }
        return path.hasPrefix(ancestor) && path.utf8.dropFirst(ancestor.utf8.count).first == UInt8(ascii: "/")
    }

    /// How many components `path` has (0 for the root).
    package static func depth(_ path: String) -> Int {
        path.isEmpty ? 0 : path.utf8.reduce(1) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
    }
}
