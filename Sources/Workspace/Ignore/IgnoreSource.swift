/// Where an ignore pattern comes from, in increasing priority.
///
/// For one path, each source is consulted from the deepest directory up to the top and the last
/// matching line of the deepest file that matches decides for that source; then the sources are
/// ranked: `.seamignore` over `.ignore` over `.gitignore` over `.git/info/exclude` over the
/// user's global excludes file (the precedence ripgrep uses for `.rgignore`/`.ignore`, with git's
/// own order below).
package enum IgnoreSource: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// `core.excludesFile` (default `$XDG_CONFIG_HOME/git/ignore`).
    case globalExcludes = 0
    /// `.git/info/exclude` of the repository.
    case infoExclude = 1
    /// `.gitignore` in any directory.
    case gitignore = 2
    /// `.ignore` in any directory (ripgrep and friends).
    case ignore = 3
    /// `.seamignore` in any directory: Seam-only rules, highest priority.
    case seamignore = 4

    /// The per-directory file name, for the sources that live in directories.
    package var fileName: String? {
        switch self {
        case .gitignore: ".gitignore"
        case .ignore: ".ignore"
        case .seamignore: ".seamignore"
        case .globalExcludes, .infoExclude: nil
        }
    }

    package static func < (lhs: IgnoreSource, rhs: IgnoreSource) -> Bool { lhs.rawValue < rhs.rawValue }

    package var description: String {
        switch self {
        case .globalExcludes: "core.excludesFile"
        case .infoExclude: ".git/info/exclude"
        case .gitignore: ".gitignore"
        case .ignore: ".ignore"
        case .seamignore: ".seamignore"
        }
    }
}
