/// Where a git work tree keeps its repository, found by looking for `.git` upwards (no `git`
/// process needed, so opening a workspace stays instant).
package struct GitRepository: Sendable, Hashable {
    /// The absolute top-level directory of the work tree.
    package var topLevel: String
    /// The absolute git directory (`.git`, or the per-worktree directory a `.git` file names).
    package var gitDirectory: String
    /// The absolute common directory (differs from `gitDirectory` in linked worktrees).
    package var commonDirectory: String

    /// `info/exclude` in the common directory.
    package var infoExcludePath: String { self.commonDirectory + "/info/exclude" }

    package init(topLevel: String, gitDirectory: String, commonDirectory: String) {
        self.topLevel = topLevel
        self.gitDirectory = gitDirectory
        self.commonDirectory = commonDirectory
    }

    /// The repository whose work tree contains `absoluteDirectory`, or nil outside git.
    ///
    /// Understands `.git` directories and `.git` files (`gitdir: …`, used by worktrees and
    /// submodules) with their `commondir`.
    package static func discover(from absoluteDirectory: String) -> GitRepository? {
        var directory = absoluteDirectory
        while true {
            let candidate = directory == "/" ? "/.git" : directory + "/.git"
            if let info = RawFile.info(candidate, followSymlinks: true) {
                if info.kind == .directory {
                    return GitRepository(topLevel: directory, gitDirectory: candidate, commonDirectory: candidate)
                }
                if info.kind == .file, let repository = self.fromGitFile(candidate, topLevel: directory) {
                    return repository
                }
            }
            if directory == "/" || directory.isEmpty { return nil }
            let parent = RelativePath.parent(directory)
            directory = parent.isEmpty ? "/" : parent
        }
    }

    private static func fromGitFile(_ path: String, topLevel: String) -> GitRepository? {
        guard let bytes = RawFile.readIfPresent(path, noFollow: false) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).first,
            line.hasPrefix("gitdir:")
        else { return nil }
        var target = line.dropFirst("gitdir:".count).drop(while: { $0 == " " })
        while target.last == " " || target.last == "\r" { target = target.dropLast() }
        let gitDirectory = self.absolute(String(target), relativeTo: topLevel)
        var common = gitDirectory
        if let commonBytes = RawFile.readIfPresent(gitDirectory + "/commondir", noFollow: false) {
            var value = Substring(String(decoding: commonBytes, as: UTF8.self))
            while value.last == "\n" || value.last == "\r" || value.last == " " { value = value.dropLast() }
            if !value.isEmpty { common = self.absolute(String(value), relativeTo: gitDirectory) }
        }
        return GitRepository(
            topLevel: topLevel,
            gitDirectory: RawFile.realPath(gitDirectory) ?? gitDirectory,
            commonDirectory: RawFile.realPath(common) ?? common
        )
    }

    private static func absolute(_ path: String, relativeTo base: String) -> String {
        path.hasPrefix("/") ? path : base + "/" + path
    }
}
