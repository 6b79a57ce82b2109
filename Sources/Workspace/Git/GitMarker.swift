/// The one-letter state a tree row shows for a file or, aggregated, for a directory.
package enum GitMarker: Int, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Not known to git, not ignored.
    case untracked = 1
    /// New in the index (also copies).
    case added = 2
    /// Renamed in the index or the work tree.
    case renamed = 3
    /// Deleted in the index or the work tree.
    case deleted = 4
    /// Content or type changed, staged or not (also submodules with changes).
    case modified = 5
    /// Unmerged: a conflict to resolve.
    case conflicted = 6

    /// A directory shows the most severe marker below it: conflicted > modified > deleted >
    /// renamed > added > untracked.
    package static func < (lhs: GitMarker, rhs: GitMarker) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The letter git and most editors use: `M`, `A`, `D`, `R`, `U` (untracked `?`), `!` for
    /// conflicts.
    package var letter: Character {
        switch self {
        case .untracked: "?"
        case .added: "A"
        case .renamed: "R"
        case .deleted: "D"
        case .modified: "M"
        case .conflicted: "!"
        }
    }

    package var description: String {
        switch self {
        case .untracked: "untracked"
        case .added: "added"
        case .renamed: "renamed"
        case .deleted: "deleted"
        case .modified: "modified"
        case .conflicted: "conflicted"
        }
    }
}
