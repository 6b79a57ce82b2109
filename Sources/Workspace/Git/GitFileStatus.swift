/// What `git status` says about one path.
package struct GitFileStatus: Hashable, Sendable {
    /// The workspace-relative path.
    package var path: String
    /// For renames and copies, the workspace-relative source path (nil when outside the workspace).
    package var originalPath: String?
    /// The index (staged) status letter from porcelain v2 (`.` when unchanged, `?` untracked).
    package var staged: Character
    /// The work-tree (unstaged) status letter (`.` when unchanged, `?` untracked).
    package var unstaged: Character
    /// The marker a tree row shows.
    package var marker: GitMarker
    /// The path is a submodule.
    package var isSubmodule: Bool

    package init(path: String, originalPath: String? = nil, staged: Character, unstaged: Character, marker: GitMarker, isSubmodule: Bool = false) {
        self.path = path
        self.originalPath = originalPath
        self.staged = staged
        self.unstaged = unstaged
        self.marker = marker
        self.isSubmodule = isSubmodule
    }

    /// The marker for a porcelain-v2 `XY` pair of an ordinary or renamed entry.
    package static func marker(staged: Character, unstaged: Character) -> GitMarker {
        let letters = [staged, unstaged]
        if letters.contains("U") { return .conflicted }
        if letters.contains("D") { return .deleted }
        if letters.contains("M") || letters.contains("T") { return .modified }
        if letters.contains("R") { return .renamed }
        if letters.contains("A") || letters.contains("C") { return .added }
        return .modified
    }
}
