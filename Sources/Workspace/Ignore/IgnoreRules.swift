import Basics

/// Every ignore rule that applies inside one workspace, loaded lazily per directory.
///
/// Per-directory files (`.gitignore`, `.ignore`, `.seamignore`) are read from the rules' base
/// (the repository's top level when the workspace is inside a git work tree, else the workspace
/// root) down to each directory asked about, once, and cached. Thread-safe: the UI's detached
/// tasks and background walkers share one instance.
///
/// Semantics (gitignore(5), plus ripgrep's precedence for the extra files):
/// - within one file the last matching line wins; a deeper file beats a shallower one;
/// - `.seamignore` beats `.ignore` beats `.gitignore` beats `.git/info/exclude` beats the global
///   excludes file;
/// - nothing below an ignored directory can be re-included.
///
/// The `.git` directory itself is not handled here; listings and walks always skip it.
package final class IgnoreRules: Sendable {
    /// The absolute directory per-directory files are read from, top down.
    package let base: String
    /// The workspace root relative to `base` (`""` when they are the same).
    package let workspacePrefix: String

    private let fixedFiles: [IgnoreFile]
    private let levels: LockedBox<[String: Level]>
    private let matchers: LockedBox<[String: DirectoryIgnoreMatcher]>

    /// The ignore files found in one directory.
    struct Level: Sendable {
        /// Base-relative directory.
        var directory: String
        /// Indexed by `IgnoreSource.rawValue`; only the per-directory sources are filled.
        var files: [IgnoreFile?]
        var isEmpty: Bool { self.files.allSatisfy { $0 == nil } }
        var hasAnchoredPatterns: Bool { self.files.contains { $0?.hasAnchoredPatterns == true } }
    }

    /// Creates rules for a workspace.
    ///
    /// - Parameters:
    ///   - base: the absolute repository top level, or the workspace root outside git.
    ///   - workspacePrefix: the workspace root relative to `base`.
    ///   - infoExclude: the absolute path of `.git/info/exclude`, if any.
    ///   - globalExcludes: the absolute path of the user's global excludes file, if any.
    package init(base: String, workspacePrefix: String = "", infoExclude: String? = nil, globalExcludes: String? = nil) {
        self.base = base
        self.workspacePrefix = workspacePrefix
        var fixed: [IgnoreFile] = []
        if let globalExcludes, let bytes = RawFile.readIfPresent(globalExcludes, noFollow: false) {
            fixed.append(IgnoreFile(source: .globalExcludes, filePath: globalExcludes, directory: "", contents: bytes))
        }
        if let infoExclude, let bytes = RawFile.readIfPresent(infoExclude, noFollow: false) {
            fixed.append(IgnoreFile(source: .infoExclude, filePath: infoExclude, directory: "", contents: bytes))
        }
        self.fixedFiles = fixed
        self.levels = LockedBox([:])
        self.matchers = LockedBox([:])
    }

    /// Forgets every cached file, so edited ignore files are read again.
    package func invalidate() {
        self.levels.withLock { $0.removeAll() }
        self.matchers.withLock { $0.removeAll() }
    }

    /// True when the workspace-relative `path` is ignored, its ancestors included.
    package func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        self.match(path, isDirectory: isDirectory)?.isIgnored ?? false
    }

    /// The deciding match for `path`, or nil when no pattern mentions it (not ignored).
    package func match(_ path: String, isDirectory: Bool) -> IgnoreMatch? {
        if path.isEmpty { return nil }
        let matcher = self.matcher(forDirectory: RelativePath.parent(path))
        return matcher.match(name: RelativePath.name(path), isDirectory: isDirectory)
    }

    /// The matcher for the entries of the workspace-relative directory `directory`, cached.
    package func matcher(forDirectory directory: String) -> DirectoryIgnoreMatcher {
        if let cached = self.matchers.withLock({ $0[directory] }) { return cached }
        let matcher: DirectoryIgnoreMatcher
        if directory.isEmpty {
            var levels: [Level] = []
            for ancestor in RelativePath.ancestors(self.workspacePrefix) + (self.workspacePrefix.isEmpty ? [""] : [self.workspacePrefix]) {
                let level = self.level(ancestor)
                if !level.isEmpty { levels.append(level) }
            }
            matcher = DirectoryIgnoreMatcher(
                rules: self,
                directory: "",
                baseDirectory: self.workspacePrefix,
                inherited: nil,
                levels: levels,
                fixed: self.fixedFiles
            )
        } else {
            let parent = self.matcher(forDirectory: RelativePath.parent(directory))
            matcher = parent.child(RelativePath.name(directory))
        }
        self.matchers.withLock { $0[directory] = matcher }
        return matcher
    }

    /// The ignore files of the base-relative directory `directory`, cached.
    func level(_ directory: String) -> Level {
        if let cached = self.levels.withLock({ $0[directory] }) { return cached }
        var files = [IgnoreFile?](repeating: nil, count: IgnoreSource.allCases.count)
        let absolute = directory.isEmpty ? self.base : self.base + "/" + directory
        for source in IgnoreSource.allCases {
            guard let name = source.fileName else { continue }
            let path = absolute + "/" + name
            if let bytes = RawFile.readIfPresent(path, noFollow: true) {
                files[source.rawValue] = IgnoreFile(source: source, filePath: path, directory: directory, contents: bytes)
            }
        }
        let level = Level(directory: directory, files: files)
        self.levels.withLock { $0[directory] = level }
        return level
    }
}

/// Decides for the entries of one directory; `child(_:)` descends without touching the cache of
/// `IgnoreRules` (walkers use it to visit a whole tree).
package struct DirectoryIgnoreMatcher: Sendable {
    let rules: IgnoreRules
    /// The workspace-relative directory whose entries this matcher judges.
    package let directory: String
    /// The same directory relative to the rules' base.
    let baseDirectory: String
    /// When this directory or one of its ancestors is ignored, the match that did it.
    package let inherited: IgnoreMatch?
    /// Levels with at least one file, from the base down to this directory.
    let levels: [IgnoreRules.Level]
    let fixed: [IgnoreFile]

    /// True when this directory itself lies inside an ignored directory (or is one).
    package var isInsideIgnored: Bool { self.inherited != nil }

    /// The deciding match for the entry `name`, or nil when nothing mentions it.
    package func match(name: String, isDirectory: Bool) -> IgnoreMatch? {
        if let inherited = self.inherited { return inherited }
        if self.levels.isEmpty && self.fixed.isEmpty { return nil }
        let needsPath = self.levels.contains { $0.hasAnchoredPatterns } || self.fixed.contains { $0.hasAnchoredPatterns }
        if !needsPath {
            // Only name patterns: match the name alone, without building the path.
            var name = name
            return name.withUTF8 { buffer -> IgnoreMatch? in
                for source in [IgnoreSource.seamignore, .ignore, .gitignore] {
                    for level in self.levels.reversed() {
                        guard let file = level.files[source.rawValue] else { continue }
                        if let pattern = file.lastMatch(buffer, nameStart: 0, isDirectory: isDirectory) {
                            return IgnoreMatch(source: source, filePath: file.filePath, pattern: pattern, ignoredAncestor: nil)
                        }
                    }
                }
                for file in self.fixed.reversed() {
                    if let pattern = file.lastMatch(buffer, nameStart: 0, isDirectory: isDirectory) {
                        return IgnoreMatch(source: file.source, filePath: file.filePath, pattern: pattern, ignoredAncestor: nil)
                    }
                }
                return nil
            }
        }
        var full = self.baseDirectory.isEmpty ? name : self.baseDirectory + "/" + name
        let nameOffset = full.utf8.count - name.utf8.count
        return full.withUTF8 { path -> IgnoreMatch? in
            for source in [IgnoreSource.seamignore, .ignore, .gitignore] {
                for level in self.levels.reversed() {
                    guard let file = level.files[source.rawValue] else { continue }
                    let start = level.directory.isEmpty ? 0 : level.directory.utf8.count + 1
                    let relative = UnsafeBufferPointer(rebasing: path[start...])
                    if let pattern = file.lastMatch(relative, nameStart: nameOffset - start, isDirectory: isDirectory) {
                        return IgnoreMatch(source: source, filePath: file.filePath, pattern: pattern, ignoredAncestor: nil)
                    }
                }
            }
            for file in self.fixed.reversed() {
                if let pattern = file.lastMatch(path, nameStart: nameOffset, isDirectory: isDirectory) {
                    return IgnoreMatch(source: file.source, filePath: file.filePath, pattern: pattern, ignoredAncestor: nil)
                }
            }
            return nil
        }
    }

    /// True when the entry `name` is ignored.
    package func isIgnored(name: String, isDirectory: Bool) -> Bool {
        self.match(name: name, isDirectory: isDirectory)?.isIgnored ?? false
    }

    /// The matcher for the subdirectory `name`, reading its ignore files (through the cache).
    package func child(_ name: String) -> DirectoryIgnoreMatcher {
        let childDirectory = RelativePath.join(self.directory, name)
        let childBase = self.baseDirectory.isEmpty ? name : self.baseDirectory + "/" + name
        var inherited = self.inherited
        if inherited == nil, var own = self.match(name: name, isDirectory: true), own.isIgnored {
            own.ignoredAncestor = childDirectory
            inherited = own
        }
        var levels = self.levels
        if inherited == nil {
            let level = self.rules.level(childBase)
            if !level.isEmpty { levels.append(level) }
        }
        return DirectoryIgnoreMatcher(
            rules: self.rules,
            directory: childDirectory,
            baseDirectory: childBase,
            inherited: inherited,
            levels: levels,
            fixed: self.fixed
        )
    }
}
