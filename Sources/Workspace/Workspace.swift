import Basics

/// An opened project directory: the entry point of the Workspace module.
///
/// Everything is addressed by workspace-relative paths (`RelativePath`). Methods are synchronous
/// and thread-safe; the ones that touch the disk or run `git` are meant to run off the UI's main
/// loop (in a detached task or via the `async` wrappers in `Workspace+Background.swift`). Opening
/// is cheap: it resolves the root, finds the enclosing git repository by looking for `.git`,
/// and reads nothing else; directories are read only when listed.
package final class Workspace: Sendable {
    /// How to open a workspace.
    package struct Options: Sendable {
        /// Where the user's global git excludes file comes from.
        package enum GlobalExcludes: Sendable {
            /// `git config core.excludesFile`, else `$XDG_CONFIG_HOME/git/ignore`.
            case automatic
            /// No global excludes file (tests that compare with an isolated `git`).
            case none
            /// This file.
            case file(String)
        }

        /// Where the global excludes file comes from.
        package var globalExcludes: GlobalExcludes
        /// The `git` executable (a name looked up on `PATH`, or a path).
        package var gitExecutable: String
        /// The environment `git` runs with; the process's own when nil.
        package var gitEnvironment: [String: String]?

        package init(globalExcludes: GlobalExcludes = .automatic, gitExecutable: String = "git", gitEnvironment: [String: String]? = nil) {
            self.globalExcludes = globalExcludes
            self.gitExecutable = gitExecutable
            self.gitEnvironment = gitEnvironment
        }
    }

    /// The absolute root with symlinks resolved.
    package let root: String
    /// The git repository whose work tree contains the root, if any.
    package let repository: GitRepository?
    /// The ignore rules of this workspace.
    package let ignoreRules: IgnoreRules
    /// The options it was opened with.
    package let options: Options

    /// Opens `path` (absolute, or relative to the current directory).
    ///
    /// Throws `.notFound` or `.notADirectory` when `path` is not an existing directory.
    package init(root path: String, options: Options = Options()) throws(WorkspaceError) {
        let absolute = FileSystem.absolute(path)
        guard let real = RawFile.realPath(absolute) else {
            throw WorkspaceError(.notFound, "workspace \(path) does not exist", path: path)
        }
        guard RawFile.info(real)?.kind == .directory else {
            throw WorkspaceError(.notADirectory, "workspace \(path) is not a directory", path: path)
        }
        self.root = real
        self.options = options
        let repository = GitRepository.discover(from: real)
        self.repository = repository
        var base = real
        var prefix = ""
        if let repository, let top = RawFile.realPath(repository.topLevel) {
            base = top
            prefix = top == real ? "" : String(real.dropFirst(top.count + (top == "/" ? 0 : 1)))
        }
        let globalExcludes: String? =
            switch options.globalExcludes {
            case .none: nil
            case .file(let file): file
            case .automatic: Self.defaultGlobalExcludes(options: options, directory: real)
            }
        self.ignoreRules = IgnoreRules(
            base: base,
            workspacePrefix: prefix,
            infoExclude: repository?.infoExcludePath,
            globalExcludes: globalExcludes
        )
    }

    /// The workspace root relative to the repository's top level (`""` when they coincide or
    /// outside git).
    package var repositoryPrefix: String { self.ignoreRules.workspacePrefix }

    // MARK: - Paths

    /// The absolute path of a workspace-relative path (not checked against symlinks).
    package func absolutePath(_ relative: String) -> String {
        relative.isEmpty ? self.root : (self.root == "/" ? "/" + relative : self.root + "/" + relative)
    }

    /// The workspace-relative form of an absolute path inside the root (symlinks in the
    /// root's own path resolved); throws `.outsideWorkspace` for anything else.
    package func relativePath(forAbsolute path: String) throws(WorkspaceError) -> String {
        var candidate = path
        if !candidate.hasPrefix(self.root) {
            // The caller may name the root through a symlink: resolve the longest existing prefix.
            if let real = RawFile.realPath(path) { candidate = real }
        }
        if candidate == self.root { return "" }
        let prefix = self.root == "/" ? "/" : self.root + "/"
        guard candidate.hasPrefix(prefix) else {
            throw WorkspaceError(.outsideWorkspace, "\(path) is outside the workspace \(self.root)", path: path)
        }
        return try RelativePath.normalize(String(candidate.dropFirst(prefix.count)))
    }

    /// The absolute path `relative` resolves to on disk, checked to lie inside the workspace
    /// after following every symbolic link.
    ///
    /// Throws `.outsideWorkspace` for `..` escapes and links out of the root, `.notFound` when
    /// nothing is there.
    package func resolve(_ relative: String) throws(WorkspaceError) -> String {
        let normal = try RelativePath.normalize(relative)
        let absolute = self.absolutePath(normal)
        guard let real = RawFile.realPath(absolute) else {
            throw WorkspaceError(.notFound, "\(normal.isEmpty ? "workspace root" : normal) does not exist", path: normal)
        }
        guard self.contains(absolute: real) else {
            throw WorkspaceError(.outsideWorkspace, "\(normal) leads outside the workspace (to \(real))", path: normal)
        }
        return real
    }

    /// True when the resolved absolute path lies at or below the root.
    package func contains(absolute real: String) -> Bool {
        real == self.root || self.root == "/" || real.hasPrefix(self.root + "/")
    }

    // MARK: - Listing

    /// Reads one directory: every entry except `.git`, flagged hidden/ignored, sorted
    /// directories first then case-insensitive natural order.
    ///
    /// Reads only this directory (plus its ignore files the first time); symbolic links are
    /// classified, never followed out of the workspace.
    /// - Complexity: O(n log n) in the number of entries; one `readdir` pass, one `realpath` per
    ///   symbolic link.
    package func listDirectory(_ path: String) throws(WorkspaceError) -> DirectoryListing {
        let normal = try RelativePath.normalize(path)
        let real = try self.resolve(normal)
        guard RawFile.info(real)?.kind == .directory else {
            throw WorkspaceError(.notADirectory, "\(normal) is not a directory", path: normal)
        }
        let (raw, skipped) = try DirectoryReader.read(real, displayPath: normal)
        let matcher = self.ignoreRules.matcher(forDirectory: normal)
        var entries: [DirectoryEntry] = []
        entries.reserveCapacity(raw.count)
        for item in raw where item.name != ".git" {
            let kind: DirectoryEntry.Kind
            switch item.kind {
            case .file: kind = .file
            case .directory: kind = .directory
            case .other: kind = .other
            case .symlink: kind = .symlink(self.classifyLink(real + "/" + item.name))
            }
            entries.append(
                DirectoryEntry(
                    name: item.name,
                    path: RelativePath.join(normal, item.name),
                    kind: kind,
                    isHidden: item.name.hasPrefix("."),
                    isIgnored: matcher.isIgnored(name: item.name, isDirectory: item.kind == .directory)
                )
            )
        }
        entries.sort(by: DirectoryEntry.sortsBefore)
        return DirectoryListing(path: normal, entries: entries, isIgnored: matcher.isInsideIgnored, skippedNames: skipped)
    }

    /// Where the symbolic link at `absolute` leads, relative to this workspace.
    func classifyLink(_ absolute: String) -> DirectoryEntry.SymlinkTarget {
        guard let target = RawFile.realPath(absolute), let info = RawFile.info(target) else { return .broken }
        guard self.contains(absolute: target) else { return .outsideWorkspace }
        switch info.kind {
        case .directory: return .directory
        case .file: return .file
        default: return .broken
        }
    }

    private static func defaultGlobalExcludes(options: Options, directory: String) -> String? {
        let environment = options.gitEnvironment ?? ProcessEnvironment.current
        if let result = try? Subprocess.run(
            options.gitExecutable,
            ["config", "--path", "--get", "core.excludesFile"],
            directory: directory,
            environment: environment
        ), result.succeeded {
            var path = Substring(result.output)
            while path.last == "\n" { path = path.dropLast() }
            if !path.isEmpty { return String(path) }
        }
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/git/ignore" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/git/ignore" }
        return nil
    }
}
