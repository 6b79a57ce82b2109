import Basics

/// The directory changes may touch, and the check that keeps every write inside it.
package struct WorkspaceRoot: Hashable, Sendable {
    /// The canonical absolute path (symbolic links resolved).
    package let path: String

    /// The workspace at `path`, which must exist.
    package init(_ path: String) throws(ChangesError) {
        guard let real = FileSystem.realPath(path), FileSystem.isDirectory(real) else {
            throw ChangesError(.io, "workspace \(path) is not a directory")
        }
        self.path = real
    }

    /// The git top level containing `directory` (the nearest ancestor with a `.git` entry), else
    /// `directory` itself.
    package static func containing(_ directory: String) throws(ChangesError) -> WorkspaceRoot {
        let start = try WorkspaceRoot(directory)
        var candidate = start.path
        while true {
            if PosixFile.inspect(candidate + "/.git").kind != .missing { return try WorkspaceRoot(candidate) }
            let parent = FileSystem.parent(of: candidate)
            if parent == candidate || candidate == "/" { return start }
            candidate = parent
        }
    }

    /// The absolute path of workspace-relative `relative` after checking it stays inside: no
    /// absolute paths, no `..`, nothing inside `.git`, no directory on the way that is a link to
    /// outside, and the file itself not a symbolic link (writing would replace the link).
    package func resolve(_ relative: String) throws(ChangesError) -> String {
        let components = try Self.components(of: relative)
        var current = self.path
        for (index, component) in components.enumerated() {
            current += "/" + component
            let kind = PosixFile.inspect(current).kind
            if kind == .missing { break }
            if kind == .symbolicLink {
                if index == components.count - 1 {
                    throw ChangesError(
                        .pathOutsideWorkspace, "is a symbolic link; seam does not write through links", path: relative)
                }
                guard let target = FileSystem.realPath(current), self.contains(target) else {
                    throw ChangesError(
                        .pathOutsideWorkspace,
                        "goes through the symbolic link '\(components[0...index].joined(separator: "/"))', which leads outside the workspace",
                        path: relative)
                }
            }
        }
        return self.path + "/" + components.joined(separator: "/")
    }

    /// `relative` normalised (`./` and empty components removed), or an error when it escapes.
    package static func normalize(_ relative: String) throws(ChangesError) -> String {
        try self.components(of: relative).joined(separator: "/")
    }

    /// True when absolute `path` is the workspace or inside it.
    package func contains(_ path: String) -> Bool {
        path == self.path || path.hasPrefix(self.path == "/" ? "/" : self.path + "/")
    }

    private static func components(of relative: String) throws(ChangesError) -> [String] {
        if relative.hasPrefix("/") {
            throw ChangesError(
                .pathOutsideWorkspace, "is an absolute path; edits must name files inside the workspace", path: relative
            )
        }
        if relative.hasPrefix("~") {
            throw ChangesError(
                .pathOutsideWorkspace, "names a home directory; edits must name files inside the workspace",
                path: relative)
        }
        if relative.utf8.contains(0) {
            throw ChangesError(.pathOutsideWorkspace, "contains a NUL byte", path: relative)
        }
        let components = relative.split(separator: "/").map(String.init).filter { $0 != "." }
        guard !components.isEmpty else { throw ChangesError(.pathOutsideWorkspace, "names no file", path: relative) }
        if components.contains("..") {
            throw ChangesError(
                .pathOutsideWorkspace, "climbs out with '..'; edits must stay inside the workspace", path: relative)
        }
        if components[0] == ".git" {
            throw ChangesError(
                .pathOutsideWorkspace, "is inside .git; seam does not edit git's own files", path: relative)
        }
        return components
    }
}
